/**
 * Subscriptions with an inline price (`items[0][price_data]`). Created incomplete with a first
 * invoice to pay; paying it (see invoices.ts) makes them active; each renewal is a new paid invoice.
 */
import { chargeIntent } from './charges.js';
import { emit, type Context } from './context.js';
import { StripeError, invalidRequest, noSuchObject } from './errors.js';
import { openInvoice, voidInvoice } from './invoices.js';
import type { Metadata } from './params.js';
import { resolvePaymentMethod } from './payment-methods.js';
import { listOf, newId, nowSeconds, type StripeObject } from './store.js';

export type Interval = 'day' | 'week' | 'month' | 'year';

export interface NewSubscription {
  customer: string;
  currency: string;
  product: string;
  unitAmount: number;
  interval: Interval;
  intervalCount: number;
  quantity: number;
  metadata: Metadata;
  description: string | null;
  paymentBehavior: string;
  saveDefaultPaymentMethod: string | null;
  defaultPaymentMethod: string | null;
}

/** The end of a billing period that starts at `start` (seconds), in calendar terms as Stripe counts. */
export function periodEnd(start: number, interval: Interval, count: number): number {
  const date = new Date(start * 1000);
  if (interval === 'day') date.setUTCDate(date.getUTCDate() + count);
  if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7 * count);
  if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + count);
  if (interval === 'year') date.setUTCFullYear(date.getUTCFullYear() + count);
  return Math.floor(date.getTime() / 1000);
}

export interface PriceTerms {
  currency: string;
  product: string;
  unitAmount: number;
  interval: Interval;
  intervalCount: number;
}

/** An inline price (`price_data`): a price object of its own, inactive, as Stripe makes one. */
export function newPrice(ctx: Context, input: PriceTerms, now = nowSeconds()): StripeObject {
  return ctx.store.put({
    id: newId('price'),
    object: 'price',
    active: false,
    billing_scheme: 'per_unit',
    created: now,
    currency: input.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: input.product,
    recurring: { interval: input.interval, interval_count: input.intervalCount, meter: null, usage_type: 'licensed' },
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'recurring',
    unit_amount: input.unitAmount,
    unit_amount_decimal: String(input.unitAmount),
  });
}

export function createSubscription(ctx: Context, input: NewSubscription): StripeObject {
  if (!ctx.store.get(input.customer, 'customer')) throw noSuchObject('customer', input.customer, 'customer');
  if (!ctx.store.get(input.product, 'product')) throw noSuchObject('product', input.product, 'items[0][price_data][product]');
  const now = nowSeconds();
  const price = newPrice(ctx, input, now);
  const id = newId('sub');
  const item = {
    id: newId('si'),
    object: 'subscription_item',
    created: now,
    current_period_end: periodEnd(now, input.interval, input.intervalCount),
    current_period_start: now,
    discounts: [],
    metadata: {},
    price,
    quantity: input.quantity,
    subscription: id,
    tax_rates: [],
  } as StripeObject;
  const subscription = ctx.store.put({
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: now,
    billing_mode: { flexible: null, type: 'flexible', updated_at: now },
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    created: now,
    currency: input.currency,
    customer: input.customer,
    days_until_due: null,
    default_payment_method: input.defaultPaymentMethod,
    description: input.description,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: listOf(`/v1/subscription_items?subscription=${id}`, [item]),
    latest_invoice: null,
    livemode: false,
    metadata: input.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: input.saveDefaultPaymentMethod ?? 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: 'incomplete',
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: null,
  });
  emit(ctx, 'customer.subscription.created', subscription);
  const invoice = openInvoice(ctx, subscription, 'subscription_create');
  subscription.latest_invoice = invoice.id;
  // Without default_incomplete Stripe tries a payment method it already has at once.
  if (input.paymentBehavior !== 'default_incomplete' && input.defaultPaymentMethod) {
    payInvoiceOffSession(ctx, invoice, input.defaultPaymentMethod);
  }
  return subscription;
}

/** Smart Retries' first retry comes a few days after a decline; the stand-in only says when, and retries when told. */
const RETRY_AFTER_SECONDS = 3 * 24 * 60 * 60;

/** Pays an open invoice of the subscription off-session; true when it was paid. A decline leaves it open and the gift past due. */
export function payInvoiceOffSession(ctx: Context, invoice: StripeObject, paymentMethodId: string): boolean {
  const intentId = invoice.payments.data[0].payment.payment_intent as string;
  const intent = ctx.store.get(intentId, 'payment_intent')!;
  try {
    chargeIntent(ctx, intent, resolvePaymentMethod(ctx, paymentMethodId), { offSession: true });
    return true;
  } catch (error) {
    if (!(error instanceof StripeError)) throw error;
    invoice.next_payment_attempt = nowSeconds() + RETRY_AFTER_SECONDS;
    const subscription = ctx.store.get(invoice.parent?.subscription_details?.subscription ?? '', 'subscription');
    if (subscription?.status === 'active' && invoice.billing_reason !== 'subscription_create') {
      subscription.status = 'past_due';
      emit(ctx, 'customer.subscription.updated', subscription, { status: 'active' });
    }
    return false;
  }
}

/**
 * `POST /v1/invoices/:id/pay`: an open invoice paid now with the given card, or the subscription's
 * (or customer's) default. A decline is Stripe's 402 card_error, and the invoice stays open.
 */
export function payInvoice(ctx: Context, invoice: StripeObject, paymentMethodId: string | undefined): StripeObject {
  if (invoice.status === 'paid') throw invalidRequest('Invoice is already paid', undefined, 'invoice_already_paid');
  if (invoice.status !== 'open') throw invalidRequest(`You can only pay an open invoice; this invoice is ${invoice.status}.`, undefined, 'invoice_not_open');
  const subscription = ctx.store.get(invoice.parent?.subscription_details?.subscription ?? '', 'subscription');
  const method = paymentMethodId ?? subscription?.default_payment_method ?? ctx.store.get(invoice.customer, 'customer')?.invoice_settings?.default_payment_method;
  if (!method) throw invalidRequest('This invoice has no payment method to pay it with.', 'payment_method');
  const intent = ctx.store.get(invoice.payments.data[0].payment.payment_intent as string, 'payment_intent')!;
  chargeIntent(ctx, intent, resolvePaymentMethod(ctx, method), { offSession: true });
  return invoice;
}

/** Starts the next billing period and pays its invoice with the saved card. Returns the invoice id. */
export function renewSubscription(ctx: Context, subscriptionId: string): string {
  const subscription = ctx.store.get(subscriptionId, 'subscription');
  if (!subscription) throw noSuchObject('subscription', subscriptionId);
  // A past-due gift renews too (Stripe keeps billing it while it retries the unpaid invoice).
  if (subscription.status !== 'active' && subscription.status !== 'past_due') throw invalidRequest(`Only active or past-due subscriptions renew; ${subscriptionId} is ${subscription.status}.`);
  if (subscription.cancel_at_period_end) {
    // The donor asked to stop at the end of this period: the period ends, and so does the gift.
    cancelSubscription(ctx, subscription);
    throw invalidRequest(`Subscription ${subscriptionId} was set to cancel at period end, so it ended instead of renewing.`);
  }
  const paymentMethod = subscription.default_payment_method ?? ctx.store.get(subscription.customer, 'customer')?.invoice_settings?.default_payment_method;
  if (!paymentMethod) throw invalidRequest(`Subscription ${subscriptionId} has no saved payment method to renew with.`);
  const item = subscription.items.data[0] as StripeObject;
  const previous = { items: structuredClone(subscription.items), latest_invoice: subscription.latest_invoice };
  const { interval, interval_count: count } = item.price.recurring;
  item.current_period_start = item.current_period_end;
  item.current_period_end = periodEnd(item.current_period_start, interval, count);
  const invoice = openInvoice(ctx, subscription, 'subscription_cycle');
  subscription.latest_invoice = invoice.id;
  const pause = subscription.pause_collection as { behavior: string; resumes_at: number | null } | null;
  if (pause && (pause.resumes_at === null || pause.resumes_at > item.current_period_start)) {
    // Paused with behavior void: the period's invoice is made and voided at once; nothing is charged.
    emit(ctx, 'customer.subscription.updated', subscription, previous);
    voidInvoice(ctx, invoice);
    return invoice.id;
  }
  if (pause) {
    (previous as Record<string, unknown>).pause_collection = pause;
    subscription.pause_collection = null;
  }
  emit(ctx, 'customer.subscription.updated', subscription, previous);
  payInvoiceOffSession(ctx, invoice, paymentMethod);
  return invoice.id;
}

/**
 * A new price for the subscription's one item (`items[0][price_data]`). Changing the interval starts
 * a new billing period now and bills it at once, as Stripe does (the cycle anchor resets); with the
 * same interval the new price applies from the next renewal (proration_behavior none).
 */
export function changePrice(ctx: Context, subscription: StripeObject, terms: PriceTerms): StripeObject | undefined {
  const item = subscription.items.data[0] as StripeObject;
  const intervalChanged = item.price.recurring.interval !== terms.interval || item.price.recurring.interval_count !== terms.intervalCount;
  item.price = newPrice(ctx, terms);
  if (!intervalChanged) return undefined;
  const now = nowSeconds();
  item.current_period_start = now;
  item.current_period_end = periodEnd(now, terms.interval, terms.intervalCount);
  subscription.billing_cycle_anchor = now;
  if (subscription.status !== 'active' && subscription.status !== 'past_due') return undefined;
  const invoice = openInvoice(ctx, subscription, 'subscription_update');
  subscription.latest_invoice = invoice.id;
  return invoice;
}

/** After its last retry failed, Stripe cancels the subscription (the operator's Smart Retries setting), saying why. */
export function giveUpOnSubscription(ctx: Context, subscriptionId: string): StripeObject {
  const subscription = ctx.store.get(subscriptionId, 'subscription');
  if (!subscription) throw noSuchObject('subscription', subscriptionId);
  return cancelSubscription(ctx, subscription, 'payment_failed');
}

export function cancelSubscription(ctx: Context, subscription: StripeObject, reason: 'cancellation_requested' | 'payment_failed' = 'cancellation_requested'): StripeObject {
  if (subscription.status === 'canceled') {
    throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.', undefined, 'resource_missing');
  }
  const now = nowSeconds();
  Object.assign(subscription, { status: 'canceled', canceled_at: now, ended_at: now });
  subscription.cancellation_details.reason = reason;
  const latest = subscription.latest_invoice ? ctx.store.get(subscription.latest_invoice, 'invoice') : undefined;
  if (latest) voidInvoice(ctx, latest);
  emit(ctx, 'customer.subscription.deleted', subscription);
  return subscription;
}
