/**
 * What managing a recurring gift asks of the stand-in, through the real SDK, in Stripe's shapes:
 * SetupIntents, a new price on the subscription's item, pausing, paying an open invoice after the
 * card changed, and the card that saves and then declines (4000 0000 0000 0341).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { failure, firstInvoiceSecret, intentIdFromSecret, monthlyGift, startRig, types, type Rig } from './helpers.js';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

async function activeGift(): Promise<Stripe.Subscription> {
  const subscription = await monthlyGift(rig);
  expect((await rig.standin.confirm(intentIdFromSecret(firstInvoiceSecret(subscription)))).status).toBe('succeeded');
  return rig.stripe.subscriptions.retrieve(subscription.id);
}

/** What Stripe.js sends to confirm a SetupIntent with a card typed into the Payment Element. */
function confirmInBrowser(clientSecret: string, number: string) {
  const id = clientSecret.split('_secret_')[0]!;
  return fetch(`${rig.standin.url}/v1/setup_intents/${id}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      key: rig.standin.publishableKey,
      client_secret: clientSecret,
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': number,
      'payment_method_data[card][exp_month]': '12',
      'payment_method_data[card][exp_year]': String(new Date().getUTCFullYear() + 2),
      'payment_method_data[card][cvc]': '123',
    }),
  });
}

describe('SetupIntents', () => {
  it('save a card for later without charging it, attached to the customer', async () => {
    const subscription = await activeGift();
    const customer = subscription.customer as string;
    const intent = await rig.stripe.setupIntents.create({ customer, usage: 'off_session', allowed_payment_method_types: ['card'], metadata: { subscription: subscription.id } });
    expect(intent).toMatchObject({ object: 'setup_intent', status: 'requires_payment_method', usage: 'off_session', customer, payment_method: null });
    expect(intent.client_secret).toMatch(/^seti_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/);

    const answer = await confirmInBrowser(intent.client_secret!, '5555555555554444');
    expect(answer.status).toBe(200);
    const seen = (await answer.json()) as Record<string, unknown>;
    expect(seen).toMatchObject({ status: 'succeeded' });
    // The browser's view has no customer or metadata, as Stripe.js gets it.
    expect(seen).not.toHaveProperty('customer');
    expect(seen).not.toHaveProperty('metadata');

    const saved = await rig.stripe.setupIntents.retrieve(intent.id);
    expect(saved.status).toBe('succeeded');
    const method = await rig.stripe.paymentMethods.retrieve(saved.payment_method as string);
    expect(method).toMatchObject({ customer, card: expect.objectContaining({ brand: 'mastercard', last4: '4444' }) });
    expect(rig.standin.stats().succeededPayments).toBe(1);
    await rig.standin.settled();
    expect(types(rig.receiver.events)).toEqual(expect.arrayContaining(['setup_intent.created', 'setup_intent.succeeded', 'payment_method.attached']));
  });

  it('refuse a declined card with a card_error, ready for another; and a wrong client secret', async () => {
    const customer = (await activeGift()).customer as string;
    const intent = await rig.stripe.setupIntents.create({ customer, usage: 'off_session' });
    const declined = await confirmInBrowser(intent.client_secret!, '4000000000000002');
    expect(declined.status).toBe(402);
    expect(((await declined.json()) as { error: { type: string; code: string } }).error).toMatchObject({ type: 'card_error', code: 'card_declined' });
    expect((await rig.stripe.setupIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
    const wrong = await confirmInBrowser(`${intent.id}_secret_wrong`, '4242424242424242');
    expect(wrong.status).toBe(400);
  });

  it('save 4000 0000 0000 0341, whose charges then fail', async () => {
    const subscription = await activeGift();
    const intent = await rig.stripe.setupIntents.create({ customer: subscription.customer as string, usage: 'off_session' });
    expect((await confirmInBrowser(intent.client_secret!, '4000000000000341')).status).toBe(200);
    const method = (await rig.stripe.setupIntents.retrieve(intent.id)).payment_method as string;
    await rig.stripe.subscriptions.update(subscription.id, { default_payment_method: method });
    const renewal = await rig.standin.renewSubscription(subscription.id);
    await rig.standin.settled();
    expect((await rig.stripe.invoices.retrieve(renewal)).status).toBe('open');
    expect((await rig.stripe.subscriptions.retrieve(subscription.id)).status).toBe('past_due');
    const failed = rig.receiver.events.filter((e) => e.type === 'invoice.payment_failed').map((e) => (e.data.object as Stripe.Invoice).id);
    expect(failed).toEqual([renewal]);
  });
});

describe('updating a subscription', () => {
  it('takes a new inline price for its item with no proration: the next renewal charges it', async () => {
    const subscription = await activeGift();
    const item = subscription.items.data[0]!;
    const updated = await rig.stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price_data: { currency: 'usd', product: 'campaign_mira', unit_amount: 1_800, recurring: { interval: 'month' } } }],
      proration_behavior: 'none',
      metadata: { gift: '1800' },
    });
    expect(updated.items.data[0]).toMatchObject({ id: item.id, current_period_end: item.current_period_end, price: expect.objectContaining({ unit_amount: 1_800 }) });
    expect(updated.latest_invoice).toBe(subscription.latest_invoice);
    const renewal = await rig.stripe.invoices.retrieve(await rig.standin.renewSubscription(subscription.id));
    expect(renewal).toMatchObject({ status: 'paid', amount_paid: 1_800 });
    expect(renewal.parent?.subscription_details?.metadata?.gift).toBe('1800');
  });

  it('bills a new period at once when the interval changes, as Stripe resets the cycle', async () => {
    const subscription = await activeGift();
    const item = subscription.items.data[0]!;
    const updated = await rig.stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price_data: { currency: 'usd', product: 'campaign_mira', unit_amount: 25_000, recurring: { interval: 'year' } } }],
      proration_behavior: 'none',
    });
    const invoice = await rig.stripe.invoices.retrieve(updated.latest_invoice as string);
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid', amount_paid: 25_000 });
    const year = updated.items.data[0]!;
    expect(new Date(year.current_period_end * 1000).getUTCFullYear() - new Date(year.current_period_start * 1000).getUTCFullYear()).toBe(1);
  });

  it('refuses an item it does not have and a card the customer does not have', async () => {
    const subscription = await activeGift();
    const wrongItem = await failure(
      rig.stripe.subscriptions.update(subscription.id, { items: [{ id: 'si_nope', price_data: { currency: 'usd', product: 'campaign_mira', unit_amount: 100, recurring: { interval: 'month' } } }] }),
    );
    expect(wrongItem.statusCode).toBe(404);
    const stranger = await failure(rig.stripe.subscriptions.update(subscription.id, { default_payment_method: 'pm_card_visa' }));
    expect(stranger.statusCode).toBe(400);
    expect(stranger.param).toBe('default_payment_method');
  });

  it('pauses collection until resumes_at: a renewal meanwhile is voided, charging nothing; "" resumes', async () => {
    const subscription = await activeGift();
    const resumesAt = Math.floor(Date.now() / 1000) + 70 * 24 * 3600;
    const paused = await rig.stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: 'void', resumes_at: resumesAt } });
    expect(paused.pause_collection).toEqual({ behavior: 'void', resumes_at: resumesAt });
    const skipped = await rig.stripe.invoices.retrieve(await rig.standin.renewSubscription(subscription.id));
    expect(skipped.status).toBe('void');
    expect(rig.standin.stats().succeededPayments).toBe(1);
    const resumed = await rig.stripe.subscriptions.update(subscription.id, { pause_collection: '' });
    expect(resumed.pause_collection).toBeNull();
    expect((await rig.stripe.invoices.retrieve(await rig.standin.renewSubscription(subscription.id))).status).toBe('paid');
  });
});

describe('an open invoice', () => {
  it('is paid with POST /v1/invoices/:id/pay once the card changed, and Stripe says invoice.paid', async () => {
    const subscription = await activeGift();
    const customer = subscription.customer as string;
    const failing = await rig.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer });
    await rig.stripe.subscriptions.update(subscription.id, { default_payment_method: failing.id });
    const invoice = await rig.standin.renewSubscription(subscription.id);
    const declined = await failure(rig.stripe.invoices.pay(invoice));
    expect(declined.type).toBe('StripeCardError');

    const working = await rig.stripe.paymentMethods.attach('pm_card_visa', { customer });
    await rig.stripe.subscriptions.update(subscription.id, { default_payment_method: working.id });
    const paid = await rig.stripe.invoices.pay(invoice, { payment_method: working.id });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 2_500 });
    expect((await rig.stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
    const again = await failure(rig.stripe.invoices.pay(invoice));
    expect(again.code).toBe('invoice_already_paid');
    await rig.standin.settled();
    expect(rig.receiver.events.filter((e) => e.type === 'invoice.paid').map((e) => (e.data.object as Stripe.Invoice).id)).toContain(invoice);
  });
});

describe('Stripe giving up', () => {
  it('cancels the subscription saying payment_failed', async () => {
    const subscription = await activeGift();
    await rig.standin.giveUp(subscription.id);
    await rig.standin.settled();
    const deleted = rig.receiver.events.find((e) => e.type === 'customer.subscription.deleted')!.data.object as Stripe.Subscription;
    expect(deleted).toMatchObject({ id: subscription.id, status: 'canceled', cancellation_details: expect.objectContaining({ reason: 'payment_failed' }) });
  });
});
