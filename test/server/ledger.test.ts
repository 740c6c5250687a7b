/** The ledger against SQLite always, and PostgreSQL when TEST_DATABASE_URL is set. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { Ledger } from '../../src/server/ledger/ledger.js';
import { MAX_AMOUNT } from '../../src/server/ledger/entries.js';
import { entriesFor } from '../../src/server/stripe/events.js';
import { record } from './ledger/streams.js';
import { BACKENDS, PG_URL, dropSchema, freshSchemaName, openTestLedger } from './helpers.js';
import { invoiceIntentSucceeded, monthOfEvents, oneTimeSucceeded, refundCreated, shuffled } from './fixtures.js';

const noLookup = async () => undefined;

describe.each(BACKENDS)('the ledger on %s', (backend) => {
  let ledger: Ledger;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ ledger, drop } = await openTestLedger(backend));
  });
  afterEach(() => drop());

  it("starts with MIRA's $100,000 campaign and nothing raised", async () => {
    expect(await ledger.totals('mira')).toMatchObject({ id: 'mira', goal: 10_000_000, currency: 'USD', raised: 0, donors: 0 });
  });

  it('adds and updates campaigns', async () => {
    await ledger.saveCampaign({ id: 'youth', name: { en: 'Youth', es: 'Jóvenes', pt: 'Jovens' }, goal: 500_000, currency: 'USD' });
    await ledger.saveCampaign({ id: 'youth', name: { en: 'Youth fund', es: 'Jóvenes', pt: 'Jovens' }, goal: 750_000, currency: 'USD' });
    expect(await ledger.findCampaign('youth')).toEqual({ id: 'youth', name: { en: 'Youth fund', es: 'Jóvenes', pt: 'Jovens' }, goal: 750_000, currency: 'USD', deductible: null, startsOn: null, endsOn: null, status: 'open' });
    expect((await ledger.listCampaigns()).map((c) => c.id)).toEqual(['mira', 'youth']);
  });

  it('counts each event once, however often it comes', async () => {
    const paid = oneTimeSucceeded({ intent: 'pi_once', gift: 5_000, total: 5_000 });
    expect(await record(ledger, paid)).toBe(true);
    expect(await record(ledger, paid)).toBe(false);
    expect(await record(ledger, { ...paid, id: 'evt_other_delivery_same_payment' } as Stripe.Event)).toBe(true);
    expect((await ledger.totals('mira'))!.raised).toBe(5_000);
  });

  it("does not add a payment in another currency to the campaign's total", async () => {
    // A USD campaign paid 100.00 EUR (a payment made outside the form, with the campaign in its metadata):
    // added as cents, 100 euros would read as 100 dollars.
    const euros = oneTimeSucceeded({ intent: 'pi_in_euros', gift: 10_000, total: 10_000 });
    (euros.data.object as { currency: string }).currency = 'eur';
    expect(await record(ledger, euros)).toBe(true);
    expect(await record(ledger, oneTimeSucceeded({ intent: 'pi_in_dollars', gift: 2_500, total: 2_500 }))).toBe(true);
    expect(await ledger.totals('mira')).toMatchObject({ raised: 2_500, donors: 1 });
    const kept = await ledger.db.selectFrom('stripe_events').select(['outcome', 'skip_reason']).where('id', '=', euros.id).executeTakeFirstOrThrow();
    expect(kept).toEqual({ outcome: 'skipped', skip_reason: 'currency_mismatch' });
  });

  it("does not count a subscription invoice's PaymentIntent as a one-time gift", async () => {
    await record(ledger, invoiceIntentSucceeded('pi_of_invoice', 2_500));
    expect((await ledger.totals('mira'))!.raised).toBe(0);
  });

  it("takes a partial refund's gift share, capped at the charge", async () => {
    await record(ledger, oneTimeSucceeded({ intent: 'pi_a', gift: 10_000, total: 10_256 }));
    await record(ledger, refundCreated('pi_a', 5_128));
    expect((await ledger.totals('mira'))!.raised).toBe(5_000);
    await record(ledger, refundCreated('pi_a', 1));
    expect((await ledger.totals('mira'))!.raised).toBe(5_000); // a one-cent refund is all fee share, rounded down
    await record(ledger, oneTimeSucceeded({ intent: 'pi_b', gift: 2_000, total: 2_000 }));
    await record(ledger, refundCreated('pi_b', 9_999));
    expect((await ledger.totals('mira'))!.raised).toBe(5_000);
  });

  it('counts a refund that arrives before its payment once the payment arrives', async () => {
    await record(ledger, refundCreated('pi_late', 1_000));
    expect((await ledger.totals('mira'))!.raised).toBe(0);
    await record(ledger, oneTimeSucceeded({ intent: 'pi_late', gift: 4_000, total: 4_000 }));
    expect((await ledger.totals('mira'))!.raised).toBe(3_000);
  });

  it('gives the same totals for any order of a month of events, each delivered up to three times', async () => {
    const { events, raised, cancelled } = monthOfEvents();
    expect((await Promise.all(events.map((e) => entriesFor(e, noLookup)))).flatMap((r) => r.entries).length).toBeGreaterThan(0);
    for (const seed of [1, 2, 3]) {
      const run = await openTestLedger(backend);
      const stream = shuffled(events.flatMap((e, i) => Array.from({ length: 1 + ((i + seed) % 3) }, () => e)), seed);
      for (const event of stream) await record(run.ledger, event);
      expect(await run.ledger.totals('mira')).toMatchObject({ raised, cancelledSubscriptions: cancelled });
      await run.drop();
    }
  });

  it('records offline gifts, each one donor', async () => {
    await ledger.recordOfflineGift({ campaign: 'mira', amount: 25_000, note: 'Gala cheque' });
    await ledger.recordOfflineGift({ campaign: 'mira', amount: 5_000 });
    expect(await ledger.totals('mira')).toMatchObject({ raised: 30_000, donors: 2 });
    await expect(ledger.recordOfflineGift({ campaign: 'nope', amount: 1 })).rejects.toThrow(/No campaign/);
  });

  it('counts a donor who gives twice once', async () => {
    const hash = ledger.donorHash(' Ana@Example.org ');
    expect(hash).toBe(ledger.donorHash('ana@example.org'));
    expect(hash).not.toContain('ana');
    for (const [id, intent] of [['d1', 'pi_d1'], ['d2', 'pi_d2']] as const) {
      await ledger.startDonation({
        id, idempotency_key: `key-${id}`, request_hash: 'h', campaign: 'mira', currency: 'USD', gift: 1_000, fee: 0, total: 1_000,
        frequency: 'once', locale: 'en', anonymous: 0, tribute_kind: null, donor_hash: hash, stripe_payment_intent: null,
        stripe_customer: null, stripe_subscription: null, response: null, failed_at: null, created_at: new Date().toISOString(),
      });
      await record(ledger, oneTimeSucceeded({ intent, gift: 1_000, total: 1_000, donationId: id }));
    }
    expect(await ledger.totals('mira')).toMatchObject({ raised: 2_000, donors: 1 });
  });
});

describe.skipIf(!PG_URL)('two ledgers on one PostgreSQL database at once', () => {
  it('count a shuffled, duplicated stream exactly once', async () => {
    const schema = freshSchemaName();
    const [a, b] = await Promise.all([Ledger.open(PG_URL!, { schema }), Ledger.open(PG_URL!, { schema })]);
    try {
      const { events, raised } = monthOfEvents();
      const stream = shuffled([...events, ...events, ...events], 11);
      await Promise.all([
        Promise.all(stream.map((e) => record(a, e))),
        Promise.all(shuffled(stream, 12).map((e) => record(b, e))),
      ]);
      expect((await a.totals('mira'))!.raised).toBe(raised);
      const rows = await a.db.selectFrom('stripe_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(rows.n)).toBe(events.length);
    } finally {
      await a.close();
      await b.close();
      await dropSchema(schema);
    }
  });
});
if (!PG_URL) console.warn('TEST_DATABASE_URL is not set: the PostgreSQL concurrency test is SKIPPED.');

describe('reading a signed event', () => {
  // Valid objects of every type the ledger reads, then each mangled: fields dropped, or replaced by
  // values of every JSON kind. Whatever a signed body holds, reading it gives entries or a reason.
  const valid: Array<[string, Record<string, unknown>]> = [
    ['payment_intent.succeeded', { id: 'pi_f', amount: 5_000, amount_received: 5_000, currency: 'usd', status: 'succeeded', metadata: { campaign: 'mira', gift: '5000', frequency: 'once', donationId: 'd1' } }],
    ['invoice.paid', { id: 'in_f', amount_paid: 2_500, currency: 'usd', parent: { subscription_details: { subscription: 'sub_f', metadata: { campaign: 'mira', gift: '2500', frequency: 'month' } } }, payments: { data: [{ status: 'paid', payment: { payment_intent: 'pi_f' } }] } }],
    ['charge.refunded', { id: 'ch_f', payment_intent: 'pi_f', refunds: { object: 'list', data: [{ id: 're_f', amount: 100, status: 'pending' }] } }],
    ['refund.updated', { id: 're_f', amount: 100, payment_intent: 'pi_f', status: 'failed' }],
    ['charge.dispute.funds_withdrawn', { id: 'du_f', amount: 5_000, payment_intent: 'pi_f', status: 'needs_response', balance_transactions: [{ amount: -5_000 }] }],
    ['customer.subscription.updated', { id: 'sub_f', status: 'canceled', metadata: { campaign: 'mira' } }],
  ];
  const oddities: unknown[] = [undefined, null, '', 'x', '5000', -1, 0.5, 1e300, Number.NaN, true, [], [1], {}, { id: 'pi_x' }, { data: null }, 'a'.repeat(10_000), '\u0000', { __proto__: null }];

  it('never throws, and what it counts is always whole, bounded and well named', async () => {
    let s = 42;
    const random = () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const mangle = (value: unknown, depth: number): unknown => {
      if (depth > 3 || typeof value !== 'object' || value === null || random() < 0.2) return random() < 0.5 ? value : oddities[Math.floor(random() * oddities.length)];
      if (Array.isArray(value)) return value.map((v) => mangle(v, depth + 1));
      return Object.fromEntries(Object.entries(value).filter(() => random() > 0.15).map(([k, v]) => [k, mangle(v, depth + 1)]));
    };
    const reasons = new Set<string>();
    let counted = 0;
    for (let i = 0; i < 3_000; i++) {
      const [type, object] = valid[i % valid.length];
      const event = { id: `evt_f${i}`, type, data: random() < 0.9 ? { object: mangle(object, 0) } : mangle({ object }, 0) };
      const { entries, skipReason } = await entriesFor(event, noLookup);
      if (skipReason) reasons.add(skipReason.split(':')[0]);
      expect(entries.length > 0 || skipReason !== undefined).toBe(true);
      for (const entry of entries) {
        counted++;
        for (const [key, value] of Object.entries(entry)) {
          if (typeof value === 'number') expect(Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT, `${type} ${key}`).toBe(true);
          if (typeof value === 'string') expect(value, `${type} ${key}`).toMatch(/^[A-Za-z0-9_,-]{1,255}$/);
        }
      }
    }
    // The mangling reached both sides: events still counted, and skipped for several reasons.
    expect(counted).toBeGreaterThan(100);
    expect([...reasons]).toEqual(expect.arrayContaining(['invalid_field', 'no_object', 'not_a_gift']));
  });
});
