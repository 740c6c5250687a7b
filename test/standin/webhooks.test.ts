import { afterEach, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { signatureHeader, startStripeStandin, type StripeStandin } from '../../src/standin/index.js';
import { sdkFor, startReceiver, startRig, type Receiver, type Rig } from './helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function rig(options: Parameters<typeof startRig>[0] = {}): Promise<Rig> {
  const started = await startRig(options);
  cleanup.push(started.close);
  return started;
}

/** Five one-time gifts paid: five payment_intent.succeeded events among the rest. */
async function fiveGifts(r: Rig): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= 5; i++) {
    const intent = await r.stripe.paymentIntents.create({ amount: 1_000 * i, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    ids.push(intent.id);
  }
  return ids;
}

const succeededIds = (receiver: Receiver) =>
  receiver.events.filter((e) => e.type === 'payment_intent.succeeded').map((e) => (e.data.object as Stripe.PaymentIntent).id);

describe('webhook events', () => {
  it('are Stripe Event objects, verifiable with stripe.webhooks.constructEvent', async () => {
    const r = await rig();
    const [id] = await fiveGifts(r);
    await r.standin.settled();
    const event = r.receiver.events.find((e) => e.type === 'payment_intent.succeeded')!;
    expect(event.id).toMatch(/^evt_/);
    expect(event.object).toBe('event');
    expect(event.api_version).toBe(Stripe.API_VERSION);
    expect(event.livemode).toBe(false);
    expect(typeof event.created).toBe('number');
    expect((event.data.object as Stripe.PaymentIntent).id).toBe(id);
    expect(r.receiver.rejected).toBe(0);
    const fetched = await r.stripe.events.retrieve(event.id);
    expect(fetched.type).toBe('payment_intent.succeeded');
  });

  it('signed with another secret fail verification at the endpoint', async () => {
    const receiver = await startReceiver('whsec_endpoint');
    cleanup.push(receiver.close);
    const standin = await startStripeStandin({ webhook: { url: receiver.url, secret: 'whsec_someone_else' } });
    cleanup.push(standin.close);
    await sdkFor(standin).customers.create({ email: 'a@example.org' });
    await standin.settled();
    expect(receiver.events).toHaveLength(0);
    expect(receiver.rejected).toBeGreaterThan(0);
  });

  it('carry a signature header in Stripe\'s t=…,v1=… form', () => {
    const header = signatureHeader('{"id":"evt_1"}', 'whsec_x', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    const verifier = new Stripe('sk_test_unused');
    expect(() => verifier.webhooks.constructEvent('{"id":"evt_1"}', header, 'whsec_x', Number.MAX_SAFE_INTEGER)).not.toThrow();
  });

  it('are retried when the endpoint answers 5xx, until it answers 2xx', async () => {
    const r = await rig({ delivery: { retryDelayMs: 5 } });
    r.receiver.failNext(2);
    const customer = await r.stripe.customers.create({ email: 'a@example.org' });
    await r.standin.settled();
    const attempts = r.standin.deliveries.filter((d) => d.type === 'customer.created');
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(r.receiver.events.map((e) => (e.data.object as Stripe.Customer).id)).toEqual([customer.id]);
  });

  it('are given up after the configured attempts, and settled() still resolves', async () => {
    const r = await rig({ delivery: { retryDelayMs: 1, attempts: 3 } });
    r.receiver.failNext(10);
    await r.stripe.customers.create({ email: 'a@example.org' });
    await r.standin.settled();
    expect(r.standin.deliveries.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(r.receiver.events).toHaveLength(0);
  });
});

describe('delivery on a bad day', () => {
  it('duplicate: 1 delivers every event twice, with the same event id', async () => {
    const r = await rig({ delivery: { duplicate: 1 } });
    const ids = await fiveGifts(r);
    await r.standin.settled();
    expect(succeededIds(r.receiver)).toEqual(ids.flatMap((id) => [id, id]));
    const eventIds = r.receiver.events.filter((e) => e.type === 'payment_intent.succeeded').map((e) => e.id);
    expect(new Set(eventIds).size).toBe(5);
  });

  it('hold queues events until release(), then delivers them all', async () => {
    const r = await rig({ delivery: { hold: true } });
    const ids = await fiveGifts(r);
    await r.standin.settled();
    expect(r.receiver.events).toHaveLength(0);
    await r.standin.release();
    expect(succeededIds(r.receiver)).toEqual(ids);
  });

  it('shuffle with a seed reorders a held batch, the same way every time', async () => {
    const orders: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const r = await rig({ delivery: { hold: true, shuffle: true, seed: 42 } });
      await fiveGifts(r);
      await r.standin.release();
      const created = r.standin.objects('event').map((e) => e.id);
      // Positions, in creation order, of the events as delivered: comparable across runs.
      orders.push(r.receiver.events.map((e) => String(created.indexOf(e.id))));
    }
    expect(orders[0]).toEqual(orders[1]);
    expect(orders[0]).not.toEqual([...orders[0]!].sort((a, b) => Number(a) - Number(b)));
    expect(new Set(orders[0]).size).toBe(orders[0]!.length);
  });

  it('duplicate with shuffle: every event arrives, some twice, in any order', async () => {
    const r = await rig({ delivery: { hold: true, shuffle: true, duplicate: 0.5, seed: 7 } });
    await fiveGifts(r);
    await r.standin.release();
    const created = r.standin.objects('event').map((e) => e.id);
    const delivered = r.receiver.events.map((e) => e.id);
    expect(new Set(delivered)).toEqual(new Set(created));
    expect(delivered.length).toBeGreaterThan(created.length);
  });

  it('setDelivery changes behaviour for later events', async () => {
    const r = await rig();
    await r.stripe.customers.create({ email: 'first@example.org' });
    await r.standin.settled();
    r.standin.setDelivery({ duplicate: 1 });
    await r.stripe.customers.create({ email: 'second@example.org' });
    await r.standin.settled();
    const emails = r.receiver.events.map((e) => (e.data.object as Stripe.Customer).email);
    expect(emails).toEqual(['first@example.org', 'second@example.org', 'second@example.org']);
  });

  it('setWebhook points deliveries at a new endpoint and secret', async () => {
    const standin: StripeStandin = await startStripeStandin();
    cleanup.push(standin.close);
    const receiver = await startReceiver('whsec_later');
    cleanup.push(receiver.close);
    standin.setWebhook(receiver.url, 'whsec_later');
    expect(standin.webhookSecret).toBe('whsec_later');
    await sdkFor(standin).customers.create({ email: 'a@example.org' });
    await standin.settled();
    expect(receiver.events.map((e) => e.type)).toEqual(['customer.created']);
  });
});

describe('concurrent delivery', () => {
  it('sends several events at once when asked, and every one still arrives once', async () => {
    const r = await rig({ delivery: { concurrency: 4 } });
    const ids = await fiveGifts(r);
    await r.standin.settled();
    expect([...succeededIds(r.receiver)].sort()).toEqual([...ids].sort());
    const delivered = r.receiver.events.map((e) => e.id);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.length).toBe(r.standin.objects('event').length);
  });
});
