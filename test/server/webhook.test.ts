/**
 * POST /api/stripe/webhook: only verified events count, each once, whatever the order and however
 * many times Stripe delivers them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { BACKENDS, donate, intentId, raised, startHarness, type Harness } from './helpers.js';

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
