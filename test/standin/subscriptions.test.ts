import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { failure, intentIdFromSecret, firstInvoiceSecret, monthlyGift, startRig, types, type Rig } from './helpers.js';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

describe('products', () => {
  it('are created with the id the endpoint chooses and 404 when absent', async () => {
    const missing = await failure(rig.stripe.products.retrieve('campaign_mira'));
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('resource_missing');
    const product = await rig.stripe.products.create({ id: 'campaign_mira', name: 'MIRA' });
    expect(product.id).toBe('campaign_mira');
    expect((await rig.stripe.products.retrieve('campaign_mira')).name).toBe('MIRA');
    const twice = await failure(rig.stripe.products.create({ id: 'campaign_mira', name: 'MIRA' }));
    expect(twice.code).toBe('resource_already_exists');
  });
});

describe('customers', () => {
  it('are found again by email through search and list', async () => {
    const created = await rig.stripe.customers.create({ email: 'joao@example.org', metadata: { locale: 'pt' } });
    await rig.stripe.customers.create({ email: 'other@example.org' });
    const found = await rig.stripe.customers.search({ query: "email:'joao@example.org'" });
    expect(found.data.map((c) => c.id)).toEqual([created.id]);
    const listed = await rig.stripe.customers.list({ email: 'joao@example.org' });
    expect(listed.data.map((c) => c.id)).toEqual([created.id]);
  });
});

describe('a monthly gift', () => {
  it('starts incomplete with a first invoice whose confirmation secret pays it', async () => {
    const subscription = await monthlyGift(rig);
    expect(subscription.status).toBe('incomplete');
    const invoice = subscription.latest_invoice as Stripe.Invoice;
    expect(invoice.billing_reason).toBe('subscription_create');
    expect(invoice.amount_due).toBe(2_500);
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(invoice.parent?.subscription_details?.metadata).toMatchObject({ campaign: 'mira', frequency: 'month' });
    const secret = invoice.confirmation_secret!.client_secret;
    expect(secret).toMatch(/^pi_.+_secret_/);
    expect(subscription.items.data[0]!.price.recurring?.interval).toBe('month');

    expect(await rig.standin.confirm(intentIdFromSecret(secret))).toEqual({ status: 'succeeded' });
    await rig.standin.settled();

    const active = await rig.stripe.subscriptions.retrieve(subscription.id);
    expect(active.status).toBe('active');
    expect(active.default_payment_method).toMatch(/^pm_/);
    const paid = await rig.stripe.invoices.retrieve(invoice.id!, { expand: ['payments'] });
    expect(paid.status).toBe('paid');
    expect(paid.amount_paid).toBe(2_500);
    expect(paid.payments?.data[0]?.payment.payment_intent).toBe(intentIdFromSecret(secret));
    expect(paid.payments?.data[0]?.status).toBe('paid');

    const seen = types(rig.receiver.events);
    expect(seen).toContain('customer.subscription.created');
    expect(seen.filter((t) => t === 'invoice.paid')).toHaveLength(1);
    expect(seen).toContain('invoice.payment_succeeded');
    const updated = rig.receiver.events.find((e) => e.type === 'customer.subscription.updated')!;
    expect((updated.data.object as Stripe.Subscription).status).toBe('active');
    expect(updated.data.previous_attributes).toMatchObject({ status: 'incomplete' });
  });

  it('hides the confirmation secret unless it is expanded, as Stripe does', async () => {
    const subscription = await monthlyGift(rig);
    const invoiceId = (subscription.latest_invoice as Stripe.Invoice).id!;
    const plain = await rig.stripe.invoices.retrieve(invoiceId);
    expect(plain.confirmation_secret).toBeUndefined();
    const plainSubscription = await rig.stripe.subscriptions.retrieve(subscription.id);
    expect(plainSubscription.latest_invoice).toBe(invoiceId);
  });

  it('expands nested ids on request: the invoice\'s PaymentIntent and its charge', async () => {
    const subscription = await monthlyGift(rig);
    const invoice = subscription.latest_invoice as Stripe.Invoice;
    await rig.standin.confirm(intentIdFromSecret(invoice.confirmation_secret!.client_secret));
    const expanded = await rig.stripe.invoices.retrieve(invoice.id!, { expand: ['payments.data.payment.payment_intent.latest_charge'] });
    const intent = expanded.payments!.data[0]!.payment.payment_intent as Stripe.PaymentIntent;
    expect(intent.status).toBe('succeeded');
    expect((intent.latest_charge as Stripe.Charge).amount_captured).toBe(2_500);
    const typo = await failure(rig.stripe.invoices.retrieve(invoice.id!, { expand: ['payments.data.nope'] }));
    expect(typo.statusCode).toBe(400);
  });

  it('lists its invoice payments by invoice', async () => {
    const subscription = await monthlyGift(rig, { interval: 'year' });
    const invoice = subscription.latest_invoice as Stripe.Invoice;
    await rig.standin.confirm(intentIdFromSecret(invoice.confirmation_secret!.client_secret));
    const payments = await rig.stripe.invoicePayments.list({ invoice: invoice.id! });
    expect(payments.data).toHaveLength(1);
    expect(payments.data[0]!.amount_paid).toBe(2_500);
  });

  it('stays incomplete after a declined first payment, with invoice.payment_failed', async () => {
    const subscription = await monthlyGift(rig);
    const secret = firstInvoiceSecret(subscription);
    const result = await rig.standin.confirm(intentIdFromSecret(secret), '4000000000000002');
    expect(result.error?.decline_code).toBe('generic_decline');
    await rig.standin.settled();
    expect((await rig.stripe.subscriptions.retrieve(subscription.id)).status).toBe('incomplete');
    expect(types(rig.receiver.events)).toContain('invoice.payment_failed');
    expect(types(rig.receiver.events)).not.toContain('invoice.paid');
  });

  it('renews: a new subscription_cycle invoice, paid with the saved card', async () => {
    const subscription = await monthlyGift(rig);
    const first = subscription.latest_invoice as Stripe.Invoice;
    await rig.standin.confirm(intentIdFromSecret(first.confirmation_secret!.client_secret));
    const periodEnd = subscription.items.data[0]!.current_period_end;

    const renewalId = await rig.standin.renewSubscription(subscription.id);
    await rig.standin.settled();
    expect(renewalId).not.toBe(first.id);
    const renewal = await rig.stripe.invoices.retrieve(renewalId);
    expect(renewal.billing_reason).toBe('subscription_cycle');
    expect(renewal.status).toBe('paid');
    expect(renewal.amount_paid).toBe(2_500);
    expect(renewal.parent?.subscription_details?.metadata?.campaign).toBe('mira');
    const renewed = await rig.stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.items.data[0]!.current_period_start).toBe(periodEnd);
    expect(renewed.latest_invoice).toBe(renewalId);
    const paidInvoices = rig.receiver.events.filter((e) => e.type === 'invoice.paid').map((e) => (e.data.object as Stripe.Invoice).billing_reason);
    expect(paidInvoices).toEqual(['subscription_create', 'subscription_cycle']);
    expect(rig.standin.stats().succeededPayments).toBe(2);
  });

  it('is cancelled with DELETE, and says so in customer.subscription.deleted', async () => {
    const subscription = await monthlyGift(rig);
    await rig.standin.confirm(intentIdFromSecret(firstInvoiceSecret(subscription)));
    const cancelled = await rig.stripe.subscriptions.cancel(subscription.id);
    expect(cancelled.status).toBe('canceled');
    await rig.standin.settled();
    const deleted = rig.receiver.events.find((e) => e.type === 'customer.subscription.deleted');
    expect((deleted?.data.object as Stripe.Subscription).id).toBe(subscription.id);
    await expect(rig.standin.renewSubscription(subscription.id)).rejects.toThrow();
  });

  it('ends instead of renewing when set to cancel at period end', async () => {
    const subscription = await monthlyGift(rig);
    await rig.standin.confirm(intentIdFromSecret(firstInvoiceSecret(subscription)));
    const updated = await rig.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(updated.cancel_at).toBe(subscription.items.data[0]!.current_period_end);
    await expect(rig.standin.renewSubscription(subscription.id)).rejects.toThrow(/cancel at period end/);
    expect((await rig.stripe.subscriptions.retrieve(subscription.id)).status).toBe('canceled');
    await rig.standin.settled();
    expect(types(rig.receiver.events)).toContain('customer.subscription.deleted');
    expect(rig.standin.stats().succeededPayments).toBe(1);
  });

  it('rejects an unknown customer or product with resource_missing', async () => {
    const error = await failure(rig.stripe.subscriptions
      .create({ customer: 'cus_nope', items: [{ price_data: { currency: 'usd', product: 'campaign_mira', unit_amount: 100, recurring: { interval: 'month' } } }] })
      );
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('resource_missing');
    expect(rig.standin.stats().subscriptions).toBe(0);
  });
});
