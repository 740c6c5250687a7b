/** `/v1/payment_intents`: create, retrieve, update, confirm (server- or browser-side), cancel, list. */
import { chargeIntent } from '../charges.js';
import type { Context } from '../context.js';
import { invalidRequest, noSuchObject, unexpectedState } from '../errors.js';
import type { FormObject } from '../form.js';
import { buildPaymentIntent, clientView } from '../intents.js';
import { bool, currency, expandPaths, int, list, metadata, obj, onlyKnown, str } from '../params.js';
import { createCardPaymentMethod, resolvePaymentMethod } from '../payment-methods.js';
import type { StripeObject } from '../store.js';
import { route, type ApiCall } from './route.js';
import { paginate } from './list.js';

const CREATE = [
  'amount', 'currency', 'automatic_payment_methods', 'capture_method', 'confirm', 'customer', 'description', 'expand',
  'metadata', 'off_session', 'payment_method', 'payment_method_data', 'payment_method_options', 'payment_method_types',
  'receipt_email', 'return_url', 'setup_future_usage', 'shipping', 'statement_descriptor', 'statement_descriptor_suffix',
  'use_stripe_sdk', 'error_on_requires_action', 'mandate_data', 'radar_options', 'transfer_group', 'excluded_payment_method_types',
];
const UPDATE = [
  'amount', 'currency', 'customer', 'description', 'expand', 'metadata', 'payment_method', 'payment_method_data',
  'payment_method_options', 'payment_method_types', 'receipt_email', 'setup_future_usage', 'shipping',
  'statement_descriptor', 'statement_descriptor_suffix', 'transfer_group',
];
const CONFIRM = [
  'expand', 'off_session', 'payment_method', 'payment_method_data', 'payment_method_options', 'receipt_email',
  'return_url', 'setup_future_usage', 'shipping', 'use_stripe_sdk', 'error_on_requires_action', 'mandate_data', 'radar_options',
];
/** What Stripe.js adds when it calls from a browser. */
const BROWSER = ['key', 'client_secret', '_stripe_version', '_stripe_account', 'payment_user_agent', 'time_on_page', 'referrer'];

/** Stripe's smallest and largest card charge in USD cents (other currencies differ; close enough here). */
const MIN_AMOUNT = 50;
const MAX_AMOUNT = 99_999_999;

function amountOf(params: FormObject, required: boolean): number | undefined {
  const amount = int(params, 'amount');
  if (amount === undefined) {
    if (required) throw invalidRequest('Missing required param: amount.', 'amount', 'parameter_missing');
    return undefined;
  }
  if (amount < MIN_AMOUNT) throw invalidRequest('Amount must be at least $0.50 usd', 'amount', 'amount_too_small');
  if (amount > MAX_AMOUNT) throw invalidRequest('Amount must be no more than $999,999.99', 'amount', 'amount_too_large');
  return amount;
}

function findIntent(ctx: Context, id: string): StripeObject {
  const intent = ctx.store.get(id, 'payment_intent');
  if (!intent) throw noSuchObject('payment_intent', id);
  return intent;
}

/** A browser proves it may see a PaymentIntent by its client secret, as Stripe.js does. */
function checkClientSecret(call: ApiCall, intent: StripeObject): void {
  if (!call.publishable) return;
  if (str(call.params, 'client_secret') !== intent.client_secret) {
    throw invalidRequest('The client_secret provided does not match any associated PaymentIntent on this account.', 'client_secret');
  }
}

function show(call: ApiCall, intent: StripeObject): StripeObject {
  const rendered = call.ctx.store.render(intent, call.publishable ? [] : expandPaths(call.params));
  return call.publishable ? clientView(rendered) : rendered;
}

function customerOf(ctx: Context, params: FormObject): string | null {
  const customer = str(params, 'customer');
  if (customer && !ctx.store.get(customer, 'customer')) throw noSuchObject('customer', customer, 'customer');
  return customer || null;
}

function paymentMethodFrom(ctx: Context, params: FormObject): StripeObject | undefined {
  const data = obj(params, 'payment_method_data');
  if (data) return createCardPaymentMethod(ctx, data);
  const id = str(params, 'payment_method');
  return id ? resolvePaymentMethod(ctx, id) : undefined;
}

function confirm(call: ApiCall, intent: StripeObject): StripeObject {
  const { ctx, params } = call;
  const receiptEmail = str(params, 'receipt_email');
  const setupFutureUsage = str(params, 'setup_future_usage');
  const paymentMethod = paymentMethodFrom(ctx, params) ?? (intent.payment_method ? resolvePaymentMethod(ctx, intent.payment_method) : undefined);
  if (!paymentMethod) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm a payment, provide a payment_method or payment_method_data.",
    );
  }
  if (receiptEmail !== undefined) intent.receipt_email = receiptEmail || null;
  if (setupFutureUsage !== undefined) intent.setup_future_usage = setupFutureUsage || null;
  return chargeIntent(ctx, intent, paymentMethod, { clientSide: call.publishable, returnUrl: str(params, 'return_url') ?? null, offSession: bool(params, 'off_session') === true });
}

export const paymentIntentRoutes = [
  route('POST', '/v1/payment_intents', (call) => {
    const { ctx, params } = call;
    onlyKnown(params, CREATE);
    const automatic = obj(params, 'automatic_payment_methods');
    const types = list(params, 'payment_method_types')?.map(String);
    const paymentMethod = paymentMethodFrom(ctx, params);
    const intent = buildPaymentIntent(ctx, {
      amount: amountOf(params, true)!,
      currency: currency(params),
      customer: customerOf(ctx, params),
      description: str(params, 'description') ?? null,
      metadata: metadata(params),
      receiptEmail: str(params, 'receipt_email') || null,
      setupFutureUsage: str(params, 'setup_future_usage') || null,
      paymentMethod: paymentMethod?.id ?? null,
      paymentMethodTypes: types ?? ['card'],
      automaticPaymentMethods: automatic ? bool(automatic, 'enabled') === true : !types,
      statementDescriptorSuffix: str(params, 'statement_descriptor_suffix') ?? null,
    });
    if (bool(params, 'confirm')) confirm(call, intent);
    return show(call, intent);
  }),

  route('GET', '/v1/payment_intents', (call) => {
    const customer = str(call.params, 'customer');
    const intents = call.ctx.store.all('payment_intent').filter((pi) => !customer || pi.customer === customer);
    return paginate(call, '/v1/payment_intents', intents);
  }),

  route(
    'GET',
    '/v1/payment_intents/:id',
    (call) => {
      const intent = findIntent(call.ctx, call.ids[0]!);
      checkClientSecret(call, intent);
      return show(call, intent);
    },
    true,
  ),

  route('POST', '/v1/payment_intents/:id', (call) => {
    const { ctx, params } = call;
    onlyKnown(params, UPDATE);
    const intent = findIntent(ctx, call.ids[0]!);
    if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status)) {
      throw unexpectedState(`This PaymentIntent's amount could not be updated because it has a status of ${intent.status}.`);
    }
    const amount = amountOf(params, false);
    if (amount !== undefined) intent.amount = amount;
    if (params.currency !== undefined) intent.currency = currency(params);
    if (params.customer !== undefined) intent.customer = customerOf(ctx, params);
    for (const field of ['description', 'receipt_email', 'setup_future_usage', 'statement_descriptor_suffix']) {
      const value = str(params, field);
      if (value !== undefined) intent[field] = value || null;
    }
    intent.metadata = metadata(params, intent.metadata);
    const paymentMethod = paymentMethodFrom(ctx, params);
    if (paymentMethod) intent.payment_method = paymentMethod.id;
    return show(call, intent);
  }),

  route(
    'POST',
    '/v1/payment_intents/:id/confirm',
    (call) => {
      onlyKnown(call.params, call.publishable ? [...CONFIRM, ...BROWSER] : CONFIRM);
      const intent = findIntent(call.ctx, call.ids[0]!);
      checkClientSecret(call, intent);
      confirm(call, intent);
      return show(call, intent);
    },
    true,
  ),

  route('POST', '/v1/payment_intents/:id/cancel', (call) => {
    onlyKnown(call.params, ['cancellation_reason', 'expand']);
    const intent = findIntent(call.ctx, call.ids[0]!);
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw unexpectedState(`You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`);
    }
    Object.assign(intent, { status: 'canceled', canceled_at: Math.floor(Date.now() / 1000), cancellation_reason: str(call.params, 'cancellation_reason') ?? 'requested_by_customer' });
    call.ctx.events.emit('payment_intent.canceled', intent, call.ctx.request);
    return show(call, intent);
  }),
];
