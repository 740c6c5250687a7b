/**
 * POST /api/stripe/webhook: only verified events count, each once, whatever the order and however
 * many times Stripe delivers them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import type { Ledger } from '../../src/server/ledger/ledger.js';
import { createLog } from '../../src/server/log.js';
import { startEndpoint, type Endpoint } from '../../src/server/server.js';
import { startStripeStandin, type StripeStandin } from '../../src/standin/index.js';
import { BACKENDS, donate, intentId, openTestLedger, raised, startHarness, testConfig, type Harness } from './helpers.js';

const signer = new Stripe('sk_test_signing_only');

function sign(payload: string, secret: string, timestamp?: number) {
  return signer.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
}

async function eventCount(h: Harness) {
  const row = await h.ledger.db.selectFrom('stripe_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('webhook signatures', () => {
  let h: Harness;
  let payload: string;
  beforeAll(async () => {
    h = await startHarness({ delivery: { hold: true } });
    const body = await donate(h, { gift: 6_000 });
    await h.standin.confirm(intentId(body.clientSecret));
    const succeeded = h.standin.objects('event').find((e) => e.type === 'payment_intent.succeeded')!;
    payload = JSON.stringify(succeeded);
  });
  afterAll(() => h.close());

  const post = (body: string, signature?: string) =>
    fetch(`${h.url}/api/stripe/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
      body,
    });

  const cases: Array<[string, () => [string, string | undefined]]> = [
    ['no signature header', () => [payload, undefined]],
    ['a signature made with another secret', () => [payload, sign(payload, 'whsec_someone_else')]],
    ['a body changed after signing', () => [payload.replace('"amount":6000', '"amount":600000'), sign(payload, h.standin.webhookSecret)]],
    ['a signature older than five minutes (a replay)', () => [payload, sign(payload, h.standin.webhookSecret, Math.floor(Date.now() / 1000) - 600)]],
    ['a garbage header', () => [payload, 't=abc,v1=def']],
  ];
  for (const [what, make] of cases) {
    it(`answers 400 signature_invalid to ${what} and records nothing`, async () => {
      const [body, signature] = make();
      const events = await eventCount(h);
      const response = await post(body, signature);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('signature_invalid');
      expect(await eventCount(h)).toBe(events);
      expect(await raised(h.ledger)).toBe(0);
    });
  }

  it('records the same event once it is properly signed', async () => {
    const response = await post(payload, sign(payload, h.standin.webhookSecret));
    expect(response.status).toBe(200);
    expect(await raised(h.ledger)).toBe(6_000);
  });
});

describe.each(BACKENDS)('a shuffled stream with every event delivered twice, into %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ backend, delivery: { hold: true, shuffle: true, duplicate: 1, seed: 7 } });
  });
  afterAll(() => h.close());

  it('gives the same totals as the gifts say, and replaying everything again changes nothing', async () => {
    // One-time $100 with the fee covered: counts $100.
    const covered = await donate(h, { gift: 10_000, coverFee: true, donor: { email: 'a@example.org', name: 'A' } });
    await h.standin.confirm(intentId(covered.clientSecret));
    // Monthly $25, first invoice and one renewal: counts $50.
    const monthly = await donate(h, { gift: 2_500, frequency: 'month', donor: { email: 'b@example.org', name: 'B' } });
    await h.standin.confirm(intentId(monthly.clientSecret));
    const subscription = (await h.stripe.subscriptions.list({ limit: 10 })).data.find((s) => s.metadata.donationId === monthly.donationId)!;
    await h.standin.renewSubscription(subscription.id);
    // $60, a quarter refunded: counts $45.
    const refunded = await donate(h, { gift: 6_000, donor: { email: 'c@example.org', name: 'C' } });
    await h.standin.confirm(intentId(refunded.clientSecret));
    await h.stripe.refunds.create({ payment_intent: intentId(refunded.clientSecret), amount: 1_500 });
    // $30 lost to a dispute: counts nothing.
    const disputed = await donate(h, { gift: 3_000, donor: { email: 'd@example.org', name: 'D' } });
    await h.standin.confirm(intentId(disputed.clientSecret));
    await h.standin.dispute(intentId(disputed.clientSecret), 'lost');
    // Declined: counts nothing.
    const declined = await donate(h, { gift: 7_000, donor: { email: 'e@example.org', name: 'E' } });
    await h.standin.confirm(intentId(declined.clientSecret), '4000000000009995');

    expect(await raised(h.ledger)).toBe(0);
    await h.standin.release();
    await h.standin.settled();
    const totals = (await h.ledger.totals('mira'))!;
    expect(totals.raised).toBe(10_000 + 5_000 + 4_500);
    expect(totals.donors).toBe(4);
    // Every event really was delivered more than once.
    const delivered = h.standin.deliveries.filter((d) => d.status === 200);
    expect(delivered.length).toBeGreaterThanOrEqual(2 * new Set(delivered.map((d) => d.eventId)).size);

    // Stripe's "resend" on every event, in reverse order, freshly signed.
    const events = h.standin.objects('event').reverse();
    for (const event of events) {
      const payload = JSON.stringify(event);
      const response = await fetch(`${h.url}/api/stripe/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': sign(payload, h.standin.webhookSecret) },
        body: payload,
      });
      expect(response.status).toBe(200);
      expect((await response.json()).duplicate).toBe(true);
    }
    expect((await h.ledger.totals('mira'))!).toMatchObject({ raised: totals.raised, donors: totals.donors });
  });
});

describe('when the ledger cannot write', () => {
  it('answers 500 so Stripe delivers again, and the retry counts the event once', async () => {
    const h = await startHarness({ delivery: { hold: true } });
    try {
      const body = await donate(h, { gift: 8_000 });
      await h.standin.confirm(intentId(body.clientSecret));
      const succeeded = h.standin.objects('event').find((e) => e.type === 'payment_intent.succeeded')!;
      const payload = JSON.stringify(succeeded);
      const deliver = () =>
        fetch(`${h.url}/api/stripe/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': sign(payload, h.standin.webhookSecret) },
          body: payload,
        });
      const record = h.ledger.recordEvent.bind(h.ledger);
      h.ledger.recordEvent = async () => {
        throw new Error('disk full');
      };
      const failed = await deliver();
      expect(failed.status).toBe(500);
      expect((await failed.json()).error.code).toBe('internal_error');
      h.ledger.recordEvent = record;
      expect((await deliver()).status).toBe(200);
      expect((await deliver()).status).toBe(200);
      expect(await raised(h.ledger)).toBe(8_000);
    } finally {
      await h.close();
    }
  });
});

describe.each(BACKENDS)('signed events the ledger cannot use, into %s', (backend) => {
  let standin: StripeStandin;
  let endpoint: Endpoint;
  let ledger: Ledger;
  let drop: () => Promise<void>;
  const lines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    standin = await startStripeStandin({ delivery: { hold: true } });
    ({ ledger, drop } = await openTestLedger(backend));
    // The endpoint's own log, as an operator reads it: one JSON line per thing.
    const log = createLog({ destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    endpoint = await startEndpoint(testConfig(standin), { log, ledger });
  });
  afterAll(async () => {
    await endpoint.close();
    await standin.close();
    await drop();
  });

  const deliver = (body: string) =>
    fetch(`${endpoint.url}/api/stripe/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': sign(body, standin.webhookSecret) },
      body,
    });
  const event = (type: string, object: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ id: `evt_bad_${randomUUID()}`, object: 'event', type, data: { object }, ...extra });
  const ours = { campaign: 'mira', gift: '5000', fee: '0', frequency: 'once', donorName: 'Ana Souza' };
  const intent = { id: 'pi_bad', object: 'payment_intent', amount: 5_000, amount_received: 5_000, currency: 'usd', status: 'succeeded', receipt_email: 'ana.souza@example.org', metadata: ours };
  const without = (object: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== field));

  const cases: Array<[string, () => string, string]> = [
    ['no data at all', () => JSON.stringify({ id: 'evt_no_data', object: 'event', type: 'payment_intent.succeeded' }), 'no_object'],
    ['data.object null', () => event('payment_intent.succeeded', null), 'no_object'],
    ['data a string', () => JSON.stringify({ id: 'evt_data_string', type: 'payment_intent.succeeded', data: 'pi_1' }), 'no_object'],
    ['a PaymentIntent without currency', () => event('payment_intent.succeeded', without(intent, 'currency')), 'invalid_field:currency'],
    ['amounts sent as strings', () => event('payment_intent.succeeded', { ...intent, amount: '5000', amount_received: '5000' }), 'invalid_field:amount_received'],
    ['a negative amount', () => event('payment_intent.succeeded', { ...intent, amount_received: -5_000 }), 'invalid_field:amount_received'],
    ['an amount past any real charge', () => event('payment_intent.succeeded', { ...intent, amount_received: 1e20 }), 'invalid_field:amount_received'],
    ['a gift in metadata that is not a number', () => event('payment_intent.succeeded', { ...intent, metadata: { ...ours, gift: 'lots' } }), 'invalid_field:metadata.gift'],
    ['a campaign in metadata longer than any campaign id', () => event('payment_intent.succeeded', { ...intent, metadata: { ...ours, campaign: 'x'.repeat(300) } }), 'invalid_field:metadata.campaign'],
    ['metadata that is not an object', () => event('payment_intent.succeeded', { ...intent, metadata: 'campaign=mira' }), 'invalid_field:metadata'],
    ['a PaymentIntent id that is not an id', () => event('payment_intent.succeeded', { ...intent, id: { nested: true } }), 'invalid_field:id'],
    ["a subscription invoice's own PaymentIntent (none of our metadata)", () => event('payment_intent.succeeded', { ...intent, metadata: {} }), 'not_a_gift'],
    ['an invoice whose amount_paid is a string', () => event('invoice.paid', { id: 'in_bad', object: 'invoice', amount_paid: '2500', currency: 'usd', parent: { subscription_details: { subscription: 'sub_bad', metadata: ours } } }), 'invalid_field:amount_paid'],
    ['an invoice whose parent is a string', () => event('invoice.paid', { id: 'in_bad', object: 'invoice', amount_paid: 2_500, currency: 'usd', parent: 'sub_bad' }), 'invalid_field:parent'],
    ['a refund whose amount is a string', () => event('refund.created', { id: 're_bad', object: 'refund', amount: '100', payment_intent: 'pi_bad', status: 'succeeded' }), 'invalid_field:amount'],
    ['a refund of no PaymentIntent', () => event('refund.created', { id: 're_bad', object: 'refund', amount: 100, payment_intent: null, status: 'succeeded' }), 'no_payment_intent'],
    ['charge.refunded whose refunds are not a list', () => event('charge.refunded', { id: 'ch_bad', object: 'charge', payment_intent: 'pi_bad', refunds: { object: 'list', data: 'all of them' } }), 'invalid_field:refunds.data'],
    ['a dispute without a status', () => event('charge.dispute.closed', { id: 'du_bad', object: 'dispute', amount: 100, payment_intent: 'pi_bad' }), 'invalid_field:status'],
    ['a type the ledger does not count', () => event('customer.created', { id: 'cus_1', object: 'customer', email: 'ana.souza@example.org' }), 'unhandled_type'],
    ['a type that names a property of every object', () => event('constructor', intent), 'unhandled_type'],
    ['a type with a NUL in it', () => event('payment_intent.succeeded\u0000', intent), 'unhandled_type'],
    ['no event id', () => JSON.stringify({ object: 'event', type: 'payment_intent.succeeded', data: { object: intent } }), 'invalid_field:id'],
    ['an event id of 300 characters', () => event('payment_intent.succeeded', intent, { id: `evt_${'x'.repeat(296)}` }), 'invalid_field:id'],
    ['an event id with a NUL in it', () => event('payment_intent.succeeded', intent, { id: 'evt_\u0000' }), 'invalid_field:id'],
    ['a body that is JSON null', () => 'null', 'not_an_event'],
    ['a body that is a JSON list', () => '[{"id":"evt_1"}]', 'not_an_event'],
    ['a body that is not JSON', () => '{"id": "evt_1", ', 'not_json'],
  ];
  for (const [what, make, reason] of cases) {
    it(`acknowledges ${what}, keeps it as skipped (${reason}) and logs it, counting nothing`, async () => {
      const body = make();
      lines.length = 0;
      const response = await deliver(body);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, duplicate: false });
      const logged = lines.filter((l) => l.event === 'webhook_skipped');
      expect(logged).toEqual([expect.objectContaining({ event: 'webhook_skipped', reason, duplicate: false, eventId: expect.any(String) })]);
      const row = await ledger.db.selectFrom('stripe_events').selectAll().where('id', '=', logged[0].eventId as string).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ outcome: 'skipped', skip_reason: reason });
      // Stripe's retry of the same body is known as the same event.
      expect(await (await deliver(body)).json()).toEqual({ received: true, duplicate: true });
      expect(await raised(ledger)).toBe(0);
      // Names, emails and what the event said stay out of the log.
      expect(JSON.stringify(lines)).not.toMatch(/ana\.souza|Ana Souza|lots|campaign=mira/);
    });
  }

  it('logs a counted event under its own name, with the Stripe event id beside it', async () => {
    lines.length = 0;
    const body = event('payment_intent.succeeded', { ...intent, id: 'pi_good' });
    expect((await deliver(body)).status).toBe(200);
    // Beside the request's own access line, one line about the event.
    expect(lines.filter((l) => l.event !== 'request')).toEqual([expect.objectContaining({ event: 'webhook_recorded', eventId: JSON.parse(body).id, type: 'payment_intent.succeeded', duplicate: false })]);
    const row = await ledger.db.selectFrom('stripe_events').selectAll().where('id', '=', JSON.parse(body).id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ outcome: 'applied', skip_reason: null });
    expect(await raised(ledger)).toBe(5_000);
  });
});
