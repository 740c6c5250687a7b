import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { failure, sdkFor, startRig, type Rig } from './helpers.js';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

const gift = { amount: 2_500, currency: 'usd', metadata: { campaign: 'mira' } };

describe('idempotency keys', () => {
  it('replay the first answer for the same key and parameters: one PaymentIntent, not two', async () => {
    const first = await rig.stripe.paymentIntents.create(gift, { idempotencyKey: 'donation-1:intent' });
    const second = await rig.stripe.paymentIntents.create(gift, { idempotencyKey: 'donation-1:intent' });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(rig.standin.stats().paymentIntents).toBe(1);
    expect(rig.standin.requests.filter((r) => r.idempotencyKey === 'donation-1:intent')).toHaveLength(2);
  });

  it('answer idempotency_error for the same key with other parameters', async () => {
    await rig.stripe.paymentIntents.create(gift, { idempotencyKey: 'donation-2:intent' });
    const error = await failure(rig.stripe.paymentIntents.create({ ...gift, amount: 9_900 }, { idempotencyKey: 'donation-2:intent' }));
    expect(error.type).toBe('StripeIdempotencyError');
    expect(error.statusCode).toBe(400);
    expect(rig.standin.stats().paymentIntents).toBe(1);
  });

  it('let a request rejected for bad input be retried, corrected, with the same key', async () => {
    await failure(rig.stripe.paymentIntents.create({ ...gift, amount: 10 }, { idempotencyKey: 'donation-3:intent' }));
    const intent = await rig.stripe.paymentIntents.create(gift, { idempotencyKey: 'donation-3:intent' });
    expect(intent.amount).toBe(2_500);
  });

  it('replay a decline rather than charging the card again', async () => {
    const intent = await rig.stripe.paymentIntents.create(gift);
    const params = { payment_method: 'pm_card_chargeDeclined' };
    const first = await failure(rig.stripe.paymentIntents.confirm(intent.id, params, { idempotencyKey: 'confirm-1' }));
    const second = await failure(rig.stripe.paymentIntents.confirm(intent.id, params, { idempotencyKey: 'confirm-1' }));
    expect(second.code).toBe(first.code);
    expect(rig.standin.objects('charge')).toHaveLength(1);
  });
});

describe('authentication', () => {
  it('answers 401 to a wrong secret key and to none', async () => {
    const wrong = await failure(sdkFor(rig.standin, 'sk_test_wrong_key_123').customers.create({ email: 'a@example.org' }));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.type).toBe('StripeAuthenticationError');
    const none = await fetch(`${rig.standin.url}/v1/customers`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect((await none.json()).error.type).toBe('invalid_request_error');
    expect(rig.standin.stats().customers).toBe(0);
  });

  it('refuses server-only calls made with the publishable key', async () => {
    const error = await failure(sdkFor(rig.standin, rig.standin.publishableKey).paymentIntents.create(gift));
    expect(error.statusCode).toBe(401);
    expect(rig.standin.stats().paymentIntents).toBe(0);
  });

  it('lets a browser confirm with the publishable key and the client secret, and only with that secret', async () => {
    const intent = await rig.stripe.paymentIntents.create(gift);
    const form = (secret: string, card: string) =>
      new URLSearchParams({
        key: rig.standin.publishableKey,
        client_secret: secret,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': card,
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': '34',
        'payment_method_data[card][cvc]': '123',
        return_url: 'https://example.org/donate',
      });
    const post = (body: URLSearchParams) =>
      fetch(`${rig.standin.url}/v1/payment_intents/${intent.id}/confirm`, { method: 'POST', body, headers: { origin: 'https://member.example.org' } });

    const wrongSecret = await post(form(`${intent.id}_secret_wrong`, '4242424242424242'));
    expect(wrongSecret.status).toBe(400);

    const declined = await post(form(intent.client_secret!, '4000000000000002'));
    expect(declined.status).toBe(402);
    expect(declined.headers.get('access-control-allow-origin')).toBe('*');
    const body = await declined.json();
    expect(body.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
    expect(body.error.payment_intent.metadata).toBeUndefined();

    const paid = await post(form(intent.client_secret!, '4242 4242 4242 4242'));
    expect(paid.status).toBe(200);
    expect((await paid.json()).status).toBe('succeeded');
    const seen = await fetch(`${rig.standin.url}/v1/payment_intents/${intent.id}?key=${rig.standin.publishableKey}&client_secret=${intent.client_secret}`);
    expect((await seen.json()).status).toBe('succeeded');
  });

  it('answers incorrect_number for a card number that fails the checksum', async () => {
    const intent = await rig.stripe.paymentIntents.create(gift);
    const result = await rig.standin.confirm(intent.id, '4242424242424241');
    expect(result.error?.code).toBe('incorrect_number');
  });
});

describe('form encoding', () => {
  it('reads nested bracket notation and expand[] as Stripe does', async () => {
    const response = await fetch(`${rig.standin.url}/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rig.standin.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=ana%40example.org&metadata[locale]=es&metadata[tribute]=En%20honor%20de%20Mar%C3%ADa&preferred_locales[]=es&expand[]=invoice_settings',
    });
    expect(response.status).toBe(200);
    const customer = await response.json();
    expect(customer.metadata).toEqual({ locale: 'es', tribute: 'En honor de María' });
    expect(customer.preferred_locales).toEqual(['es']);
  });

  it('answers 404 in Stripe\'s shape for an unknown route', async () => {
    const response = await fetch(`${rig.standin.url}/v1/nothing`, { headers: { authorization: `Bearer ${rig.standin.secretKey}` } });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toMatch(/Unrecognized request URL/);
  });
});

describe('refunds', () => {
  async function paidGift(): Promise<Stripe.PaymentIntent> {
    return rig.stripe.paymentIntents.create({ ...gift, amount: 5_000, payment_method: 'pm_card_visa', confirm: true });
  }

  it('refund part of a gift, then the rest, and no more', async () => {
    const intent = await paidGift();
    const part = await rig.stripe.refunds.create({ payment_intent: intent.id, amount: 2_000 });
    expect(part).toMatchObject({ amount: 2_000, status: 'succeeded', payment_intent: intent.id });
    const rest = await rig.stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(3_000);
    const charge = await rig.stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge.amount_refunded).toBe(5_000);
    expect(charge.refunded).toBe(true);
    const more = await failure(rig.stripe.refunds.create({ payment_intent: intent.id }));
    expect(more.code).toBe('charge_already_refunded');
    await rig.standin.settled();
    const refunded = rig.receiver.events.filter((e) => e.type === 'charge.refunded').map((e) => (e.data.object as Stripe.Charge).amount_refunded);
    expect(refunded).toEqual([2_000, 5_000]);
    expect(rig.receiver.events.filter((e) => e.type === 'refund.created')).toHaveLength(2);
  });

  it('refuse more than what is left', async () => {
    const intent = await paidGift();
    const error = await failure(rig.stripe.refunds.create({ payment_intent: intent.id, amount: 5_001 }));
    expect(error.param).toBe('amount');
    expect(rig.standin.stats().refunds).toBe(0);
  });

  it('refuse a PaymentIntent that never succeeded', async () => {
    const intent = await rig.stripe.paymentIntents.create(gift);
    const error = await failure(rig.stripe.refunds.create({ payment_intent: intent.id }));
    expect(error.statusCode).toBe(400);
  });
});

describe('disputes', () => {
  it('lost: charge.dispute.created then charge.dispute.closed with status lost', async () => {
    const intent = await rig.stripe.paymentIntents.create({ ...gift, payment_method: 'pm_card_visa', confirm: true });
    await rig.standin.dispute(intent.id, 'lost');
    await rig.standin.settled();
    const disputeEvents = rig.receiver.events.filter((e) => e.type.startsWith('charge.dispute.'));
    expect(disputeEvents.map((e) => e.type)).toEqual(['charge.dispute.created', 'charge.dispute.funds_withdrawn', 'charge.dispute.closed']);
    const closed = disputeEvents[2]!.data.object as Stripe.Dispute;
    expect(closed).toMatchObject({ status: 'lost', amount: 2_500, payment_intent: intent.id, charge: intent.latest_charge });
  });

  it('won: closed with status won and the funds reinstated', async () => {
    const intent = await rig.stripe.paymentIntents.create({ ...gift, payment_method: 'pm_card_visa', confirm: true });
    await rig.standin.dispute(intent.id, 'won');
    await rig.standin.settled();
    const closed = rig.receiver.events.find((e) => e.type === 'charge.dispute.closed')!;
    expect((closed.data.object as Stripe.Dispute).status).toBe('won');
    expect(rig.receiver.events.map((e) => e.type)).toContain('charge.dispute.funds_reinstated');
  });

  it('4000 0000 0000 0259 succeeds and is disputed straight away', async () => {
    const intent = await rig.stripe.paymentIntents.create(gift);
    expect((await rig.standin.confirm(intent.id, '4000000000000259')).status).toBe('succeeded');
    await rig.standin.settled();
    const created = rig.receiver.events.find((e) => e.type === 'charge.dispute.created');
    expect((created?.data.object as Stripe.Dispute).status).toBe('needs_response');
  });
});
