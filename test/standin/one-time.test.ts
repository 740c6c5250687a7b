import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { failure, startRig, types, type Rig } from './helpers.js';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

const gift = {
  amount: 5_156,
  currency: 'usd',
  automatic_payment_methods: { enabled: true },
  receipt_email: 'ana@example.org',
  metadata: { campaign: 'mira', gift: '5000', fee: '156', frequency: 'once' },
};

describe('a one-time gift', () => {
  it('is created as a PaymentIntent with a client secret and the gift in metadata', async () => {
    const intent = await rig.stripe.paymentIntents.create(gift);
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.amount).toBe(5_156);
    expect(intent.metadata).toEqual(gift.metadata);
    expect(intent.receipt_email).toBe('ana@example.org');
    const again = await rig.stripe.paymentIntents.retrieve(intent.id);
    expect(again.metadata.campaign).toBe('mira');
  });

  it('succeeds with 4242 4242 4242 4242 and tells the webhook once, signed', async () => {
    const intent = await rig.stripe.paymentIntents.create(gift);
    const result = await rig.standin.confirm(intent.id, '4242424242424242');
    expect(result).toEqual({ status: 'succeeded' });
    await rig.standin.settled();
    const succeeded = rig.receiver.events.filter((e) => e.type === 'payment_intent.succeeded');
    expect(succeeded).toHaveLength(1);
    const paid = succeeded[0]!.data.object as Stripe.PaymentIntent;
    expect(paid.id).toBe(intent.id);
    expect(paid.amount_received).toBe(5_156);
    expect(paid.metadata.gift).toBe('5000');
    expect(rig.receiver.rejected).toBe(0);
    const charge = await rig.stripe.charges.retrieve(paid.latest_charge as string);
    expect(charge.status).toBe('succeeded');
    expect(charge.payment_method_details?.card?.last4).toBe('4242');
    expect(rig.standin.stats().succeededPayments).toBe(1);
  });

  it('confirms server-side with pm_card_visa', async () => {
    const intent = await rig.stripe.paymentIntents.create({ ...gift, payment_method: 'pm_card_visa', confirm: true, return_url: 'https://example.org/back' });
    expect(intent.status).toBe('succeeded');
    expect(intent.payment_method).toMatch(/^pm_/);
  });

  it('answers a declined card with a 402 card_error and stays payable with another card', async () => {
    const intent = await rig.stripe.paymentIntents.create(gift);
    const declined = await failure(rig.stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' }));
    expect(declined).toBeInstanceOf(Error);
    const error = declined as Stripe.errors.StripeCardError;
    expect(error.type).toBe('StripeCardError');
    expect(error.statusCode).toBe(402);
    expect(error.code).toBe('card_declined');
    expect(error.decline_code).toBe('generic_decline');
    expect(error.message).toBe('Your card was declined.');
    expect((error.raw as { payment_intent?: { status: string } }).payment_intent?.status).toBe('requires_payment_method');

    const insufficient = await rig.standin.confirm(intent.id, '4000000000009995');
    expect(insufficient.error).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds' });

    const retry = await rig.stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    expect(retry.status).toBe('succeeded');
    await rig.standin.settled();
    expect(types(rig.receiver.events).filter((t) => t === 'payment_intent.payment_failed')).toHaveLength(2);
    expect(types(rig.receiver.events).filter((t) => t === 'payment_intent.succeeded')).toHaveLength(1);
  });

  it('refuses to confirm a PaymentIntent twice', async () => {
    const intent = await rig.stripe.paymentIntents.create({ ...gift, payment_method: 'pm_card_visa', confirm: true });
    const again = await failure(rig.stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }));
    expect(again.statusCode).toBe(400);
    expect(again.code).toBe('payment_intent_unexpected_state');
    expect(rig.standin.stats().succeededPayments).toBe(1);
  });

  it('updates amount and metadata before payment, as deferred intent creation needs', async () => {
    const intent = await rig.stripe.paymentIntents.create(gift);
    const updated = await rig.stripe.paymentIntents.update(intent.id, { amount: 2_500, metadata: { fee: '' , gift: '2500' } });
    expect(updated.amount).toBe(2_500);
    expect(updated.metadata).toEqual({ campaign: 'mira', gift: '2500', frequency: 'once' });
  });
});

describe('wire-format checks the endpoint would meet at Stripe', () => {
  it('rejects an unknown parameter, naming it', async () => {
    const error = await failure(rig.stripe.paymentIntents.create({ ...gift, donor: 'x' } as Stripe.PaymentIntentCreateParams));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('parameter_unknown');
    expect(error.param).toBe('donor');
  });

  it('rejects metadata values over 500 characters', async () => {
    const error = await failure(rig.stripe.paymentIntents
      .create({ ...gift, metadata: { tribute: 'x'.repeat(501) } })
      );
    expect(error.statusCode).toBe(400);
    expect(error.type).toBe('StripeInvalidRequestError');
  });

  it('rejects an amount under 50 cents with amount_too_small', async () => {
    const error = await failure(rig.stripe.paymentIntents.create({ ...gift, amount: 49 }));
    expect(error.code).toBe('amount_too_small');
    expect(error.param).toBe('amount');
    expect(rig.standin.stats().paymentIntents).toBe(0);
  });

  it('answers 404 resource_missing for an unknown id', async () => {
    const error = await failure(rig.stripe.paymentIntents.retrieve('pi_nope'));
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('resource_missing');
  });
});
