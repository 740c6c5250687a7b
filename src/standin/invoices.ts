/**
 * Subscription invoices in Stripe's current shape (basil and later): the subscription sits in
 * `parent.subscription_details`, the PaymentIntent in the invoice's `payments`, and the client
 * secret to pay it in `confirmation_secret`.
 */
import { emit, type Context } from './context.js';
import { buildPaymentIntent } from './intents.js';
import { listOf, newId, nowSeconds, type StripeObject } from './store.js';

export type BillingReason = 'subscription_create' | 'subscription_cycle' | 'subscription_update';

/** A finalized (open) invoice for the subscription's current period, with a PaymentIntent to pay it. */
export function openInvoice(ctx: Context, subscription: StripeObject, reason: BillingReason): StripeObject {
  const item = subscription.items.data[0] as StripeObject;
  const price = item.price as StripeObject;
  const customer = ctx.store.get(subscription.customer, 'customer');
  const amount = price.unit_amount * item.quantity;
  const created = nowSeconds();
  const id = newId('in');
  const product = ctx.store.get(price.product, 'product');
  const interval = price.recurring.interval as string;
  const save = subscription.payment_settings?.save_default_payment_method === 'on_subscription';
  const intent = buildPaymentIntent(ctx, {
    amount,
    currency: price.currency,
    customer: subscription.customer,
    description: reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update',
    metadata: {},
    receiptEmail: null,
    setupFutureUsage: save ? 'off_session' : null,
    paymentMethod: null,
    paymentMethodTypes: ['card'],
    automaticPaymentMethods: false,
    statementDescriptorSuffix: null,
    invoice: id,
  });
  const payment = ctx.store.put({
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: amount,
    created,
    currency: price.currency,
    invoice: id,
    is_default: true,
    livemode: false,
    payment: { payment_intent: intent.id, type: 'payment_intent' },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  });
  const invoiceNumber = ctx.store.all('invoice').length + 1;
  const invoice = ctx.store.put({
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Stripe stand-in',
    amount_due: amount,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: amount,
    amount_shipping: 0,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    billing_reason: reason,
    collection_method: 'charge_automatically',
    confirmation_secret: { client_secret: intent.client_secret, type: 'payment_intent' },
    created,
    currency: price.currency,
    customer: subscription.customer,
    customer_email: customer?.email ?? null,
    customer_name: customer?.name ?? null,
    default_payment_method: null,
    description: null,
    discounts: [],
    due_date: null,
    effective_at: created,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    lines: listOf(`/v1/invoices/${id}/lines`, [
      {
        id: newId('il'),
        object: 'line_item',
        amount,
        currency: price.currency,
        description: `1 × ${product?.name ?? price.product} (at ${(price.unit_amount / 100).toFixed(2)} ${price.currency.toUpperCase()} / ${interval})`,
        discountable: true,
        discounts: [],
        invoice: id,
        livemode: false,
        metadata: { ...subscription.metadata },
        parent: {
          invoice_item_details: null,
          subscription_item_details: { invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: subscription.id, subscription_item: item.id },
          type: 'subscription_item_details',
        },
        period: { end: item.current_period_end, start: item.current_period_start },
        pricing: { price_details: { price: price.id, product: price.product }, type: 'price_details', unit_amount_decimal: String(price.unit_amount) },
        quantity: item.quantity,
        taxes: [],
      } as StripeObject,
    ]),
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: `STANDIN-${String(invoiceNumber).padStart(4, '0')}`,
    on_behalf_of: null,
    parent: {
      quote_details: null,
      subscription_details: { metadata: { ...subscription.metadata }, subscription: subscription.id },
      type: 'subscription_details',
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    payments: listOf(`/v1/invoice_payments?invoice=${id}`, [payment]),
    period_end: reason === 'subscription_cycle' ? item.current_period_start : created,
    period_start: reason === 'subscription_cycle' ? item.current_period_start : created,
    receipt_number: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'open',
    status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: amount,
    subtotal_excluding_tax: amount,
    test_clock: null,
    total: amount,
    total_discount_amounts: [],
    total_excluding_tax: amount,
    total_taxes: [],
    webhooks_delivered_at: created,
  });
  emit(ctx, 'invoice.created', invoice);
  emit(ctx, 'invoice.finalized', invoice);
  return invoice;
}

/** Keeps the invoice's embedded copy of its payments in step with the invoice_payment objects. */
function refreshPayments(ctx: Context, invoice: StripeObject): void {
  const data = ctx.store.all('invoice_payment').filter((p) => p.invoice === invoice.id);
  invoice.payments = listOf(`/v1/invoice_payments?invoice=${invoice.id}`, data.map((p) => ctx.store.render(p)));
}

/** The PaymentIntent for an invoice succeeded: the invoice is paid and its subscription active. */
export function settleInvoice(ctx: Context, invoiceId: string, intent: StripeObject): void {
  const invoice = ctx.store.get(invoiceId, 'invoice');
  if (!invoice || invoice.status === 'paid') return;
  const now = nowSeconds();
  for (const payment of ctx.store.all('invoice_payment')) {
    if (payment.invoice !== invoice.id || payment.payment.payment_intent !== intent.id) continue;
    payment.status = 'paid';
    payment.amount_paid = intent.amount_received;
    payment.status_transitions.paid_at = now;
    refreshPayments(ctx, invoice);
    emit(ctx, 'invoice_payment.paid', payment);
  }
  Object.assign(invoice, {
    status: 'paid',
    amount_paid: invoice.amount_due,
    amount_remaining: 0,
    attempt_count: invoice.attempt_count + 1,
    attempted: true,
  });
  invoice.status_transitions.paid_at = now;
  emit(ctx, 'invoice.paid', invoice);
  emit(ctx, 'invoice.payment_succeeded', invoice);

  const subscriptionId = invoice.parent?.subscription_details?.subscription as string | undefined;
  const subscription = subscriptionId ? ctx.store.get(subscriptionId, 'subscription') : undefined;
  if (!subscription) return;
  const previous: Record<string, unknown> = {};
  if (subscription.status !== 'active') {
    previous.status = subscription.status;
    subscription.status = 'active';
  }
  if (subscription.payment_settings?.save_default_payment_method === 'on_subscription' && subscription.default_payment_method !== intent.payment_method) {
    previous.default_payment_method = subscription.default_payment_method;
    subscription.default_payment_method = intent.payment_method;
  }
  if (Object.keys(previous).length) emit(ctx, 'customer.subscription.updated', subscription, previous);
}

/** The PaymentIntent for an invoice was declined: the invoice stays open for another try. */
export function invoicePaymentFailed(ctx: Context, invoiceId: string): void {
  const invoice = ctx.store.get(invoiceId, 'invoice');
  if (!invoice || invoice.status !== 'open') return;
  invoice.attempt_count += 1;
  invoice.attempted = true;
  emit(ctx, 'invoice.payment_failed', invoice);
}

export function voidInvoice(ctx: Context, invoice: StripeObject): void {
  if (invoice.status !== 'open') return;
  invoice.status = 'void';
  invoice.amount_remaining = 0;
  invoice.status_transitions.voided_at = nowSeconds();
  for (const payment of ctx.store.all('invoice_payment')) {
    if (payment.invoice !== invoice.id || payment.status !== 'open') continue;
    payment.status = 'canceled';
    payment.status_transitions.canceled_at = nowSeconds();
    const intent = ctx.store.get(payment.payment.payment_intent, 'payment_intent');
    if (intent && intent.status !== 'succeeded' && intent.status !== 'canceled') {
      intent.status = 'canceled';
      intent.canceled_at = nowSeconds();
      intent.cancellation_reason = 'void_invoice';
      emit(ctx, 'payment_intent.canceled', intent);
    }
  }
  refreshPayments(ctx, invoice);
  emit(ctx, 'invoice.voided', invoice);
}
