/**
 * The overview, recurring gifts, the list page and a gift's page, on SQLite and PostgreSQL: the
 * figures a treasurer reads, and resending a receipt.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { readOverview } from '../../../src/server/ledger/overview.js';
import { recurringGifts } from '../../../src/server/ledger/recurring.js';
import { BACKENDS, openTestLedger } from '../helpers.js';
import { consoleApp, post, seedGifts } from './gift-pages-support.js';

describe.each(BACKENDS)('console pages on %s', (backend) => {
  let ledger: Ledger;
  let drop: () => Promise<void>;
  let seeded: Awaited<ReturnType<typeof seedGifts>>;
  beforeEach(async () => {
    ({ ledger, drop } = await openTestLedger(backend));
    seeded = await seedGifts(ledger);
  });
  afterEach(() => drop());

  it('shows per campaign raised, goal, donors, this month and active recurring gifts', async () => {
    const overview = await readOverview(ledger.db);
    const mira = overview.campaigns.find((c) => c.id === 'mira')!;
    // Ana 100 + Bruno 50 − 20 refunded + Carla 2 × 25 + cheque 250 + event 120.
    expect(mira).toMatchObject({ raised: 55_000, goal: 10_000_000, donors: 5, recurring: 1, recurringMonthly: 2_500 });
    // Given this month: all but the two offline gifts of March and April.
    expect(mira.thisMonth).toBe(10_000 + 3_000 + 5_000);
    expect(overview.campaigns.find((c) => c.id === 'youth')).toMatchObject({ raised: 4_000, donors: 1, thisMonth: 4_000, recurring: 0 });
    const html = await (await consoleApp(ledger, 'viewer').request('/console')).text();
    expect(html).toContain('$550.00');
    expect(html).toContain('$25.00');
  });

  it('sorts recurring gifts into active, failing and cancelled, with the next payment day', async () => {
    const [carla] = await recurringGifts(ledger.db, { status: 'active' });
    const lastPaid = new Date(carla!.lastPaidAt!);
    const next = new Date(Date.UTC(lastPaid.getUTCFullYear(), lastPaid.getUTCMonth() + 1, Math.min(lastPaid.getUTCDate(), 28))).toISOString().slice(0, 10);
    expect(carla).toMatchObject({ subscription: 'sub_carla', gift: 2_500, payments: 2, monthly: 2_500 });
    if (lastPaid.getUTCDate() <= 28) expect(carla!.nextPaymentAt).toBe(next);
    // Two months on, with no invoice paid since, the gift is failing.
    const later = new Date(lastPaid.getTime() + 62 * 86_400_000);
    expect((await recurringGifts(ledger.db, { status: 'failing', now: later })).map((g) => g.subscription)).toEqual(['sub_carla']);
    await seeded.cancelCarla();
    expect(await recurringGifts(ledger.db, { status: 'active' })).toEqual([]);
    const [cancelled] = await recurringGifts(ledger.db, { status: 'cancelled' });
    expect(cancelled).toMatchObject({ subscription: 'sub_carla', nextPaymentAt: null });
    const html = await (await consoleApp(ledger, 'viewer').request('/console/recurring?status=cancelled')).text();
    expect(html).toContain('Carla Dias');
  });

  it('lists, filters and pages gifts in the page, and opens one', async () => {
    const app = consoleApp(ledger, 'viewer');
    const list = await (await app.request('/console/gifts?campaign=youth')).text();
    expect(list).toContain('Eva Ramos');
    expect(list).not.toContain('Ana Souza');
    const first = await (await app.request('/console/gifts?sort=amount_desc&q=')).text();
    expect(first).toContain('Dora Alves');
    const gift = await app.request('/console/gifts/pi_bruno');
    expect(gift.status).toBe(200);
    const html = await gift.text();
    expect(html).toContain('Bruno Lima');
    expect(html).toContain('re_bruno');
    // A viewer reads, and is offered no refund.
    expect(html).not.toContain('action="/console/gifts/pi_bruno/refund"');
    expect((await app.request('/console/gifts/pi_nobody')).status).toBe(404);
  });

  it('links to the Stripe Dashboard in test mode, and in live mode without /test', async () => {
    const { testConfig } = await import('../helpers.js');
    const test = await (await consoleApp(ledger, 'viewer', { config: testConfig(undefined) }).request('/console/gifts/pi_ana')).text();
    expect(test).toContain('href="https://dashboard.stripe.com/test/payments/pi_ana"');
    const live = await (await consoleApp(ledger, 'viewer', { config: { ...testConfig(undefined), mode: 'live' } }).request('/console/gifts/in_carla_1')).text();
    expect(live).toContain('href="https://dashboard.stripe.com/invoices/in_carla_1"');
    expect(live).toContain('href="https://dashboard.stripe.com/subscriptions/sub_carla"');
  });

  it('sends a receipt again: queued, once per press, with the change audited', async () => {
    const app = consoleApp(ledger);
    expect((await post(app, `/console/gifts/${seeded.cheque}/receipt`, {})).status).toBe(303);
    const mail = await ledger.db.selectFrom('outbox').selectAll().where('payment_id', '=', seeded.cheque).execute();
    expect(mail.map((m) => [m.kind, m.status, m.recipient])).toEqual([['receipt', 'queued', 'dora@example.org']]);
    expect((await ledger.db.selectFrom('payments').select('receipt_number').where('id', '=', seeded.cheque).executeTakeFirst())!.receipt_number).toMatch(/^2026-\d{6}$/);
    await ledger.db.updateTable('outbox').set({ status: 'sent', attempts: 1 }).where('payment_id', '=', seeded.cheque).execute();
    expect((await post(app, `/console/gifts/${seeded.cheque}/receipt`, {})).status).toBe(303);
    const again = await ledger.db.selectFrom('outbox').selectAll().where('payment_id', '=', seeded.cheque).execute();
    expect(again.map((m) => [m.status, m.attempts])).toEqual([['queued', 0]]);
    // The event's takings have no donor to send to.
    expect((await post(app, `/console/gifts/${seeded.event}/receipt`, {})).status).toBe(400);
    const log = await ledger.db.selectFrom('audit_log').select(['action']).execute();
    expect(log.map((a) => a.action)).toEqual(['gift.receipt_resend', 'gift.receipt_resend']);
    expect((await post(consoleApp(ledger, 'viewer'), `/console/gifts/${seeded.cheque}/receipt`, {})).status).toBe(403);
  });
});

describe.each(BACKENDS)('member sites in the console on %s', (backend) => {
  it("groups the overview, filters the list and fills the CSV's site once donations record origin and source", async () => {
    const { ledger, drop } = await openTestLedger(backend);
    try {
      await seedGifts(ledger);
      await ledger.db.updateTable('donations').set({ origin: 'https://cosecha.org', source: 'cosecha' }).where('id', 'in', ['don-ana', 'don-bruno']).execute();
      // A cheque credited to the same site, then voided: it was never given, so it counts nowhere.
      const voided = await ledger.recordOfflineGift({ campaign: 'mira', amount: 7_000, date: '2026-05-02', method: 'cheque', site: { origin: 'https://cosecha.org', source: 'cosecha' } });
      await ledger.voidOfflineGift(voided, 'staff-treasurer', 'entered twice');
      const { sites } = await readOverview(ledger.db);
      const cosecha = sites.find((s) => s.site.origin === 'https://cosecha.org')!;
      expect(cosecha).toMatchObject({ site: { source: 'cosecha' }, raised: 10_000 + 3_000, donors: 2, thisMonth: 13_000 });
      expect((await ledger.totalsBySite()).filter((s) => s.origin === 'https://cosecha.org')).toMatchObject([{ source: 'cosecha', campaign: 'mira', raised: 13_000, payments: 2, donors: 2 }]);
      const { listGifts } = await import('../../../src/server/ledger/gifts-query.js');
      // The list still shows the voided cheque, as voided.
      expect((await listGifts(ledger.db, { site: 'https://cosecha.org' })).gifts.map((g) => `${g.id} ${g.status === 'voided' ? 'voided' : ''}`.trim()).sort()).toEqual(['pi_ana', 'pi_bruno', `${voided} voided`].sort());
      const html = await (await consoleApp(ledger, 'viewer').request('/console')).text();
      expect(html).toContain('https://cosecha.org · cosecha');
    } finally {
      await drop();
    }
  });
});

describe.each(BACKENDS)('paused recurring gifts on %s', (backend) => {
  it('shows a gift its donor paused from their link as paused until the day it resumes', async () => {
    const { ledger, drop } = await openTestLedger(backend);
    try {
      await seedGifts(ledger);
      // The manage page's changes (migration 2026-12-20-010-manage), as it records a pause and a resume.
      const insert = (id: string, action: 'pause' | 'resume', status: 'done' | 'failed', after: object, at: string) =>
        ledger.db
          .insertInto('subscription_changes')
          .values({ id, idempotency_key: `key-${id}`, request_hash: 'h', subscription: 'sub_carla', donation_id: 'don-carla', action, status, before: null, after: JSON.stringify(after), response: null, created_at: at, done_at: status === 'done' ? at : null })
          .execute();
      const resumes = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
      await insert('c1', 'pause', 'done', { pausedUntil: resumes }, new Date().toISOString());
      await insert('c2', 'resume', 'failed', {}, new Date(Date.now() + 1000).toISOString());
      const [carla] = await recurringGifts(ledger.db, { status: 'paused' });
      expect(carla).toMatchObject({ subscription: 'sub_carla', status: 'paused', nextPaymentAt: resumes });
      expect(await recurringGifts(ledger.db, { status: 'active' })).toEqual([]);
      // Once the day has come it is active again.
      expect((await recurringGifts(ledger.db, { status: 'active', now: new Date(Date.now() + 41 * 86_400_000) })).length + (await recurringGifts(ledger.db, { status: 'failing', now: new Date(Date.now() + 41 * 86_400_000) })).length).toBe(1);
      await insert('c3', 'resume', 'done', {}, new Date(Date.now() + 2000).toISOString());
      expect((await recurringGifts(ledger.db, { status: 'active' })).map((g) => g.subscription)).toEqual(['sub_carla']);
    } finally {
      await drop();
    }
  });
});
