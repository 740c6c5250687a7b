/** A gift from the donor's click to the progress bar, over real HTTP against the Stripe stand-in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grossUp } from '../../src/core/fees.js';
import { donate, intentId, raised, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('a one-time gift', () => {
  it('creates one PaymentIntent for the total, with the gift described in its metadata', async () => {
    const before = h.standin.stats().paymentIntents;
    const body = await donate(h, { gift: 5_000, coverFee: false, tribute: { kind: 'memory', name: 'Rosa Lima' } });
    expect(body).toMatchObject({ mode: 'payment', gift: 5_000, fee: 0, total: 5_000, frequency: 'once', currency: 'USD' });
    expect(h.standin.stats().paymentIntents).toBe(before + 1);
    const intent = await h.stripe.paymentIntents.retrieve(intentId(body.clientSecret));
    expect(intent.amount).toBe(5_000);
    expect(intent.receipt_email).toBe('ana.souza@example.org');
    expect(intent.automatic_payment_methods?.enabled).toBe(true);
    expect(intent.metadata).toMatchObject({
      campaign: 'mira', gift: '5000', fee: '0', frequency: 'once', locale: 'pt', anonymous: 'false',
      tributeKind: 'memory', tributeName: 'Rosa Lima', donationId: body.donationId,
    });
  });

  it('grosses the total up when the donor covers the fee, and ignores a total the client sends', async () => {
    const body = await donate(h, { gift: 10_000, coverFee: true, total: 1, fee: 0 });
    expect(body).toMatchObject({ gift: 10_000, fee: 256, total: 10_256 });
    expect(body).toMatchObject(grossUp(10_000, h.config.feeRates));
    const intent = await h.stripe.paymentIntents.retrieve(intentId(body.clientSecret));
    expect(intent.amount).toBe(10_256);
  });

  it('counts the gift (not the covered fee) once it is paid, and a decline counts nothing', async () => {
    const start = await raised(h.ledger);
    const paid = await donate(h, { gift: 10_000, coverFee: true, donor: { email: 'paid@example.org', name: 'P' } });
    const declined = await donate(h, { gift: 7_000, donor: { email: 'declined@example.org', name: 'D' } });
    expect((await h.standin.confirm(intentId(paid.clientSecret))).status).toBe('succeeded');
    expect((await h.standin.confirm(intentId(declined.clientSecret), '4000000000000002')).error?.code).toBe('card_declined');
    await h.standin.settled();
    expect(await raised(h.ledger)).toBe(start + 10_000);
  });
});

describe('a recurring gift', () => {
  for (const frequency of ['month', 'year'] as const) {
    it(`(${frequency}) makes a customer in the donor's language and a subscription, and counts each paid invoice once`, async () => {
      const start = await raised(h.ledger);
      const body = await donate(h, { frequency, gift: 2_500, coverFee: true, locale: 'es', donor: { email: `${frequency}@example.org`, name: 'Luis' } });
      expect(body).toMatchObject({ mode: 'subscription', frequency, gift: 2_500, fee: grossUp(2_500, h.config.feeRates).fee });
      const [subscription] = (await h.stripe.subscriptions.list({ limit: 100 })).data.filter((s) => s.metadata.donationId === body.donationId);
      expect(subscription.items.data[0].price.recurring?.interval).toBe(frequency);
      expect(subscription.items.data[0].price.unit_amount).toBe(body.total);
      const customer = await h.stripe.customers.retrieve(subscription.customer as string);
      expect(customer).toMatchObject({ email: `${frequency}@example.org`, preferred_locales: ['es-419'] });

      await h.standin.confirm(intentId(body.clientSecret));
      await h.standin.settled();
      // invoice.paid, invoice.payment_succeeded and the invoice's payment_intent.succeeded: one gift.
      expect(await raised(h.ledger)).toBe(start + 2_500);

      await h.standin.renewSubscription(subscription.id);
      await h.standin.settled();
      expect(await raised(h.ledger)).toBe(start + 5_000);
    });
  }

  it('uses one product per campaign', async () => {
    await donate(h, { frequency: 'month', donor: { email: 'p1@example.org', name: 'A' } });
    await donate(h, { frequency: 'year', donor: { email: 'p2@example.org', name: 'B' } });
    const products = (await h.stripe.products.list({ limit: 100 })).data;
    expect(products.map((p) => p.id)).toEqual(['mira_donate_mira']);
  });

  it('records a cancelled subscription without changing what was raised', async () => {
    const body = await donate(h, { frequency: 'month', donor: { email: 'cancel@example.org', name: 'C' } });
    await h.standin.confirm(intentId(body.clientSecret));
    await h.standin.settled();
    const before = (await h.ledger.totals('mira'))!;
    const [subscription] = (await h.stripe.subscriptions.list({ limit: 100 })).data.filter((s) => s.metadata.donationId === body.donationId);
    await h.stripe.subscriptions.cancel(subscription.id);
    await h.standin.settled();
    const after = (await h.ledger.totals('mira'))!;
    expect(after.cancelledSubscriptions).toBe(before.cancelledSubscriptions + 1);
    expect(after.raised).toBe(before.raised);
  });
});

describe('refunds and disputes', () => {
  async function paidGift(giftAmount: number, coverFee: boolean, email: string) {
    const body = await donate(h, { gift: giftAmount, coverFee, donor: { email, name: 'R' } });
    const id = intentId(body.clientSecret);
    await h.standin.confirm(id);
    await h.standin.settled();
    return { id, total: body.total as number };
  }

  it('takes back the whole gift on a full refund', async () => {
    const start = await raised(h.ledger);
    const { id } = await paidGift(4_000, true, 'full@example.org');
    expect(await raised(h.ledger)).toBe(start + 4_000);
    await h.stripe.refunds.create({ payment_intent: id });
    await h.standin.settled();
    expect(await raised(h.ledger)).toBe(start);
  });

  it("takes back the gift's share of a partial refund", async () => {
    const start = await raised(h.ledger);
    const { id, total } = await paidGift(10_000, true, 'partial@example.org');
    expect(total).toBe(10_256);
    await h.stripe.refunds.create({ payment_intent: id, amount: 5_128 });
    await h.standin.settled();
    expect(await raised(h.ledger)).toBe(start + 5_000);
  });

  it('takes back a lost dispute, not a won one', async () => {
    const start = await raised(h.ledger);
    const lost = await paidGift(3_000, false, 'lost@example.org');
    const won = await paidGift(2_000, false, 'won@example.org');
    await h.standin.dispute(lost.id, 'lost');
    await h.standin.dispute(won.id, 'won');
    await h.standin.settled();
    expect(await raised(h.ledger)).toBe(start + 2_000);
  });
});

describe('campaign totals over HTTP', () => {
  it('serves raised, goal and donors with a validator, and 304 when unchanged', async () => {
    const first = await fetch(`${h.url}/api/campaigns/mira`);
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body).toMatchObject({ id: 'mira', currency: 'USD', goal: 10_000_000 });
    expect(body.raised).toBe(await raised(h.ledger));
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${h.url}/api/campaigns/mira`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
