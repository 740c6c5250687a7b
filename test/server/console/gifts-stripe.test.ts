/**
 * The console against the whole endpoint and the Stripe stand-in, on SQLite and PostgreSQL: a
 * treasurer refunds a card gift in part and the total moves only when Stripe's webhook says so;
 * the CSV export parses and sums to the totals; a payout's reconciliation holds its gifts with
 * Stripe's fees, and adds up to what reaches the bank.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { BACKENDS, donate, intentId, raised, startHarness, type Harness } from '../helpers.js';
import { listPayouts, readPayout } from '../../../src/server/ledger/payouts.js';
import { consoleApp, post } from './gift-pages-support.js';

describe.each(BACKENDS)('console with Stripe on %s', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ backend });
  });
  afterEach(() => h.close());

  const app = (role: 'viewer' | 'treasurer' = 'treasurer') => consoleApp(h.ledger, role, { config: h.config, stripe: h.stripe });

  async function paidGift(overrides: Record<string, unknown> = {}) {
    const answer = await donate(h, overrides);
    const intent = intentId(answer.clientSecret);
    expect((await h.standin.confirm(intent)).status).toBe('succeeded');
    await h.standin.settled();
    return intent;
  }

  it('refunds a gift in part through Stripe; the total follows the webhook, and a doubled submit refunds once', async () => {
    const intent = await paidGift({ gift: 10_000, coverFee: true, donor: { email: 'rui@example.org', name: 'Rui Melo' } });
    const page = await app().request(`/console/gifts/${intent}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Rui Melo');
    // The charge's balance transaction, from charge.succeeded: gross, Stripe's fee and net.
    expect(html).toContain('Not yet paid out');
    expect(await raised(h.ledger)).toBe(10_000);

    h.standin.setDelivery({ hold: true });
    const attempt = randomUUID();
    const first = await post(app(), `/console/gifts/${intent}/refund`, { amount: '51.28', attempt });
    expect(first.status).toBe(303);
    const again = await post(app(), `/console/gifts/${intent}/refund`, { amount: '51.28', attempt });
    expect(again.status).toBe(303);
    expect(h.standin.stats().refunds).toBe(1);
    // Stripe has the refund, the ledger has not heard: nothing moved yet.
    expect(await raised(h.ledger)).toBe(10_000);

    h.standin.setDelivery({ hold: false });
    await h.standin.release();
    await h.standin.settled();
    // Half the charge ($51.28 of $102.56) takes half the gift.
    expect(await raised(h.ledger)).toBe(5_000);
    const after = await (await app().request(`/console/gifts/${intent}`)).text();
    expect(after).toContain('Partly refunded');
    expect(after).toContain('refund.created');

    // More than is left is refused at the form, before Stripe.
    const tooMuch = await post(app(), `/console/gifts/${intent}/refund`, { amount: '60.00', attempt: randomUUID() });
    expect(tooMuch.status).toBe(400);
    expect(h.standin.stats().refunds).toBe(1);
    // A viewer cannot refund at all.
    expect((await post(app('viewer'), `/console/gifts/${intent}/refund`, { attempt: randomUUID() })).status).toBe(403);
    expect(h.standin.stats().refunds).toBe(1);
    const log = await h.ledger.db.selectFrom('audit_log').selectAll().execute();
    expect(log.map((a) => [a.action, a.subject])).toEqual([['gift.refund', `gift:${intent}`]]);
  });

  it('exports the gifts of a range as CSV that parses and sums to the totals', async () => {
    await paidGift({ gift: 2_500, donor: { email: 'a@example.org', name: 'Ana, "the first"' } });
    const refunded = await paidGift({ gift: 4_000, donor: { email: 'b@example.org', name: '=HYPERLINK("x")' } });
    await h.stripe.refunds.create({ payment_intent: refunded, amount: 1_000 });
    await h.standin.settled();
    await h.ledger.recordOfflineGift({ campaign: 'mira', amount: 7_500, donor: { name: 'Cid', email: 'c@example.org' }, date: '2026-01-15', method: 'cheque' });

    const today = new Date().toISOString().slice(0, 10);
    const response = await app().request(`/console/exports/gifts.csv?from=2026-01-01&to=${today}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await response.text(), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['date', 'donor', 'email', 'amount', 'fee covered', 'method', 'campaign', 'site', 'frequency', 'tribute', 'receipt number']));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ date: '2026-01-15', donor: 'Cid', amount: '75.00', method: 'cheque' });
    expect(rows.map((r) => r.donor)).toContain('Ana, "the first"');
    // A formula is written as text, never run by a spreadsheet.
    expect(rows.map((r) => r.donor)).toContain(`'=HYPERLINK("x")`);
    const cents = (text: string) => Math.round(Number(text) * 100);
    const net = rows.reduce((sum, r) => sum + cents(r.amount!) - cents(r.refunded!), 0);
    expect(net).toBe(await raised(h.ledger));
    expect(net).toBe(2_500 + 3_000 + 7_500);

    expect((await app().request('/console/exports/gifts.csv?from=2026-12-31&to=2026-01-01')).status).toBe(400);
    expect((await app('viewer').request(`/console/exports/gifts.csv?from=2026-01-01&to=${today}`)).status).toBe(403);
  });

  it("reconciles a payout: its gifts, Stripe's fees and net, adding up to what the bank receives", async () => {
    const one = await paidGift({ gift: 10_000, donor: { email: 'p@example.org', name: 'Paula' } });
    const two = await paidGift({ gift: 5_000, donor: { email: 'q@example.org', name: 'Quim' } });
    await h.stripe.refunds.create({ payment_intent: two, amount: 2_000 });
    await h.standin.settled();
    const [payoutId] = await h.standin.payOut();
    await h.standin.settled();

    const [payout] = await listPayouts(h.ledger.db);
    const stripePayout = await h.stripe.payouts.retrieve(payoutId!);
    expect(payout).toMatchObject({ id: payoutId, amount: stripePayout.amount, complete: true, gifts: 2 });
    // Stripe's fee on each charge, at the stand-in's 2.2% + 30¢.
    const fee = (amount: number) => Math.round(amount * 0.022) + 30;
    expect(payout!.gross).toBe(10_000 + 5_000 - 2_000);
    expect(payout!.fees).toBe(fee(10_000) + fee(5_000));
    expect(payout!.net).toBe(payout!.gross - payout!.fees);
    expect(payout!.net).toBe(stripePayout.amount);

    const detail = await readPayout(h.ledger.db, payoutId!);
    expect(detail!.lines.filter((l) => l.type === 'charge').map((l) => l.gift?.id).sort()).toEqual([one, two].sort());
    const page = await (await app().request(`/console/payouts/${payoutId}`)).text();
    expect(page).toContain('Paula');
    expect(page).toContain('Quim');
    expect((await app('viewer').request('/console/payouts')).status).toBe(403);
  });
});
