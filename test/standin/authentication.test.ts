import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { firstInvoiceSecret, intentIdFromSecret, monthlyGift, startRig, type Rig } from './helpers.js';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

const RETURN_URL = 'https://member.example.org/donate?campaign=mira';

async function needsAuthentication(): Promise<Stripe.PaymentIntent> {
  return rig.stripe.paymentIntents.create({
    amount: 5_000,
    currency: 'usd',
    payment_method: 'pm_card_authenticationRequired',
    confirm: true,
    return_url: RETURN_URL,
  });
}

describe('a card that asks the donor to authenticate', () => {
  it('leaves the PaymentIntent in requires_action with a page to send the donor to', async () => {
    const intent = await needsAuthentication();
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action?.type).toBe('redirect_to_url');
    const page = await fetch(intent.next_action!.redirect_to_url!.url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Complete authentication');
    expect(rig.standin.stats().succeededPayments).toBe(0);
  });

  it('pays when the donor completes it, and sends them back with the outcome in the URL', async () => {
    const intent = await needsAuthentication();
    const answer = await fetch(intent.next_action!.redirect_to_url!.url!, {
      method: 'POST',
      body: new URLSearchParams({ client_secret: intent.client_secret!, outcome: 'complete' }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(303);
    const back = new URL(answer.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://member.example.org/donate');
    expect(back.searchParams.get('campaign')).toBe('mira');
    expect(back.searchParams.get('payment_intent')).toBe(intent.id);
    expect(back.searchParams.get('payment_intent_client_secret')).toBe(intent.client_secret);
    expect(back.searchParams.get('redirect_status')).toBe('succeeded');
    expect((await rig.stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
    await rig.standin.settled();
    expect(rig.receiver.events.map((e) => e.type)).toEqual(expect.arrayContaining(['payment_intent.requires_action', 'payment_intent.succeeded']));
  });

  it('declines when the donor fails it, and the PaymentIntent takes another card', async () => {
    const intent = await needsAuthentication();
    const back = new URL((await rig.standin.authenticate(intent.id, 'fail'))!);
    expect(back.searchParams.get('redirect_status')).toBe('failed');
    const failed = await rig.stripe.paymentIntents.retrieve(intent.id);
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_payment_error?.code).toBe('payment_intent_authentication_failure');
    expect((await rig.standin.confirm(intent.id, '4242424242424242')).status).toBe('succeeded');
  });

  it('refuses the authentication page without the client secret', async () => {
    const intent = await needsAuthentication();
    const url = new URL(intent.next_action!.redirect_to_url!.url!);
    url.searchParams.set('client_secret', 'wrong');
    expect((await fetch(url)).status).toBe(404);
  });

  it('is not asked again for a renewal: the saved card pays off-session', async () => {
    const subscription = await monthlyGift(rig, { amount: 1_000, email: 'a@example.org' });
    const intentId = intentIdFromSecret(firstInvoiceSecret(subscription));
    expect((await rig.standin.confirm(intentId, '4000002760003184')).status).toBe('requires_action');
    await rig.standin.authenticate(intentId, 'complete');
    expect((await rig.stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
    const renewal = await rig.stripe.invoices.retrieve(await rig.standin.renewSubscription(subscription.id));
    expect(renewal.status).toBe('paid');
  });
});
