/**
 * Offline gifts from the console, on SQLite and PostgreSQL: recorded, corrected and voided through
 * the page's forms, each change in the audit log with its reason, and every campaign's running
 * totals equal to what the entries sum to after each step.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { recomputeTotals } from '../../../src/server/ledger/recount.js';
import { listGifts } from '../../../src/server/ledger/gifts-query.js';
import { BACKENDS, openTestLedger } from '../helpers.js';
import { consoleApp, post, seedGifts } from './gift-pages-support.js';

const figures = (t: { raised: number; donors: number } | undefined) => t && { raised: t.raised, donors: t.donors };

describe.each(BACKENDS)('offline gifts in the console on %s', (backend) => {
  let ledger: Ledger;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ ledger, drop } = await openTestLedger(backend));
    await seedGifts(ledger);
  });
  afterEach(() => drop());

  async function exact() {
    for (const campaign of ['mira', 'youth']) expect(figures(await ledger.totals(campaign))).toEqual(figures(await recomputeTotals(ledger.db, campaign)));
  }
  const audit = () => ledger.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  const giftOf = async (email: string) => (await listGifts(ledger.db, { search: email })).gifts[0]!;

  it('records a cheque with its donor, corrects it to another campaign and donor, then voids it: totals exact at each step', async () => {
    const app = consoleApp(ledger);
    const before = { mira: (await ledger.totals('mira'))!, youth: (await ledger.totals('youth'))! };

    const recorded = await post(app, '/console/offline', { campaign: 'mira', amount: '300.00', date: '2026-05-01', method: 'cheque', donorName: 'Gil Costa', donorEmail: 'gil@example.org', note: 'Cheque 1043' });
    expect(recorded.status).toBe(303);
    const gift = await giftOf('gil@example.org');
    expect(gift).toMatchObject({ kind: 'offline', gift: 30_000, method: 'cheque', givenAt: '2026-05-01T12:00:00.000Z', donorName: 'Gil Costa' });
    expect(figures(await ledger.totals('mira'))).toEqual({ raised: before.mira.raised + 30_000, donors: before.mira.donors + 1 });
    await exact();

    // Wrong campaign, wrong amount, and it was Ana (who already gave to mira, not to youth).
    const corrected = await post(app, `/console/offline/${gift.id}/correct`, { campaign: 'youth', amount: '250', date: '2026-05-02', method: 'event', donorName: 'Ana Souza', donorEmail: 'ana@example.org', reason: 'Entered against the wrong campaign' });
    expect(corrected.status).toBe(303);
    expect(figures(await ledger.totals('mira'))).toEqual(figures(before.mira));
    expect(figures(await ledger.totals('youth'))).toEqual({ raised: before.youth.raised + 25_000, donors: before.youth.donors + 1 });
    await exact();

    // Moved back to mira for Ana, who gave there already: the campaign counts her once.
    await post(app, `/console/offline/${gift.id}/correct`, { campaign: 'mira', amount: '250', date: '2026-05-02', method: 'event', donorName: 'Ana Souza', donorEmail: 'ana@example.org', reason: 'Youth was wrong too' });
    expect(figures(await ledger.totals('mira'))).toEqual({ raised: before.mira.raised + 25_000, donors: before.mira.donors });
    expect(figures(await ledger.totals('youth'))).toEqual(figures(before.youth));
    await exact();

    const voided = await post(app, `/console/offline/${gift.id}/void`, { reason: 'Cheque bounced' });
    expect(voided.status).toBe(303);
    expect(figures(await ledger.totals('mira'))).toEqual(figures(before.mira));
    await exact();
    expect((await listGifts(ledger.db, { status: 'voided' })).gifts.map((g) => g.id)).toEqual([gift.id]);

    // A rebuild from the entries finds the same figures.
    const running = figures(await ledger.totals('mira'));
    await ledger.rebuildTotals();
    expect(figures(await ledger.totals('mira'))).toEqual(running);

    const log = await audit();
    expect(log.map((a) => [a.action, a.actor, a.subject, a.reason])).toEqual([
      ['offline_gift.record', 'staff-treasurer', `gift:${gift.id}`, null],
      ['offline_gift.correct', 'staff-treasurer', `gift:${gift.id}`, 'Entered against the wrong campaign'],
      ['offline_gift.correct', 'staff-treasurer', `gift:${gift.id}`, 'Youth was wrong too'],
      ['offline_gift.void', 'staff-treasurer', `gift:${gift.id}`, 'Cheque bounced'],
    ]);
    expect(JSON.parse(log[1]!.before!)).toMatchObject({ campaign: 'mira', amount: 30_000, method: 'cheque', donor: 'named' });
    expect(JSON.parse(log[1]!.after!)).toMatchObject({ campaign: 'youth', amount: 25_000, method: 'event', donor: 'named, changed' });
    // The log keeps no name or email, so erasing the donor leaves none behind.
    expect(log.map((a) => `${a.before} ${a.after}`).join(' ')).not.toMatch(/gil@|Gil Costa|ana@|Ana Souza/);
  });

  it('refuses a correction without a reason, a bad amount or a future day, and changes nothing', async () => {
    const app = consoleApp(ledger);
    const gift = await giftOf('dora@example.org');
    const totals = figures(await ledger.totals('mira'));
    const fields = { campaign: 'mira', amount: '10', date: '2026-03-14', method: 'cheque', donorName: 'Dora Alves', donorEmail: 'dora@example.org' };
    for (const bad of [{ reason: '' }, { reason: 'x', amount: 'ten' }, { reason: 'x', date: '2999-01-01' }, { reason: 'x', donorEmail: 'not-an-email' }]) {
      const response = await post(app, `/console/offline/${gift.id}/correct`, { ...fields, ...bad });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('role="alert"');
    }
    expect((await post(app, `/console/offline/${gift.id}/void`, { reason: ' ' })).status).toBe(400);
    expect(figures(await ledger.totals('mira'))).toEqual(totals);
    expect(await giftOf('dora@example.org')).toMatchObject({ gift: 25_000, status: 'paid' });
    expect(await audit()).toEqual([]);
  });

  it('will not correct a card gift, nor void a gift twice', async () => {
    const app = consoleApp(ledger);
    expect((await post(app, '/console/offline/pi_ana/void', { reason: 'no' })).status).toBe(404);
    const gift = await giftOf('dora@example.org');
    expect((await post(app, `/console/offline/${gift.id}/void`, { reason: 'Duplicate entry' })).status).toBe(303);
    const again = await post(app, `/console/offline/${gift.id}/void`, { reason: 'Duplicate entry' });
    expect(again.status).toBe(400);
    await exact();
    // A voided gift was never given: Dora's year-end statement has nothing in it.
    expect(await ledger.readYearEndFacts(ledger.donorHash('dora@example.org'), 2026)).toBeUndefined();
    expect((await audit()).length).toBe(1);
  });

  it('lets a viewer read offline gifts but not record, correct or void one', async () => {
    const app = consoleApp(ledger, 'viewer');
    const page = await app.request('/console/offline');
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('action="/console/offline"');
    const totals = figures(await ledger.totals('mira'));
    expect((await post(app, '/console/offline', { campaign: 'mira', amount: '5', date: '2026-05-01', method: 'cash' })).status).toBe(403);
    const gift = await giftOf('dora@example.org');
    expect((await post(app, `/console/offline/${gift.id}/void`, { reason: 'x' })).status).toBe(403);
    expect(figures(await ledger.totals('mira'))).toEqual(totals);
  });
});
