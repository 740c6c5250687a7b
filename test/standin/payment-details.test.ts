/**
 * What a receipt needs of a payment, as Stripe shows it: the card's brand and last four on the
 * charge (`payment_method_details.card`) and on the PaymentMethod (`card`), for a one-time payment
 * and a subscription's invoices alike; and no `receipt_email` unless one was asked for.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './helpers.js';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

describe('payment details', () => {
  for (const [card, brand, last4] of [['4242424242424242', 'visa', '4242'], ['5555555555554444', 'mastercard', '4444'], ['378282246310005', 'amex', '0005']] as const) {
    it(`shows a ${brand} card's brand and last four on the charge and the PaymentMethod`, async () => {
      const created = await rig.stripe.paymentIntents.create({ amount: 2_500, currency: 'usd', automatic_payment_methods: { enabled: true } });
      expect(created.receipt_email).toBeNull();
      await rig.standin.confirm(created.id, card);
      const intent = await rig.stripe.paymentIntents.retrieve(created.id, { expand: ['latest_charge', 'payment_method'] });
      const charge = intent.latest_charge as { payment_method_details: { type: string; card: { brand: string; last4: string } }; receipt_email: string | null };
      expect(charge.payment_method_details).toMatchObject({ type: 'card', card: { brand, last4 } });
      expect(charge.receipt_email).toBeNull();
      expect(intent.payment_method).toMatchObject({ type: 'card', card: { brand, last4 } });
      const method = await rig.stripe.paymentMethods.retrieve((intent.payment_method as { id: string }).id);
      expect(method.card).toMatchObject({ brand, last4 });
    });
  }

  it("shows them for a subscription's first invoice and its renewal, whose payments carry no receipt_email", async () => {
    const customer = await rig.stripe.customers.create({ email: 'ana@example.org', name: 'Ana' });
    const product = await rig.stripe.products.create({ id: 'mira_donate_mira', name: 'Gift' });
    const subscription = await rig.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price_data: { currency: 'usd', product: product.id, unit_amount: 1_000, recurring: { interval: 'month' } } }],
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      expand: ['latest_invoice.payments'],
    });
    const first = (subscription.latest_invoice as { payments: { data: Array<{ payment: { payment_intent: string } }> } }).payments.data[0]!.payment.payment_intent;
    await rig.standin.confirm(first, '5555555555554444');
    await rig.standin.renewSubscription(subscription.id);
    const intents = (await rig.stripe.paymentIntents.list({ customer: customer.id })).data;
    expect(intents).toHaveLength(2);
    for (const listed of intents) {
      const intent = await rig.stripe.paymentIntents.retrieve(listed.id, { expand: ['latest_charge'] });
      expect(intent.receipt_email).toBeNull();
      expect((intent.latest_charge as { payment_method_details: unknown }).payment_method_details).toMatchObject({ card: { brand: 'mastercard', last4: '4444' } });
    }
    for (const invoice of rig.standin.objects('invoice')) expect(invoice.collection_method).toBe('charge_automatically');
  });
});
