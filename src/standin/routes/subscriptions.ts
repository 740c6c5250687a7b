/** `/v1/subscriptions`: create with inline price_data, retrieve, update metadata, cancel (DELETE), list. */
import type { Context } from '../context.js';
import { invalidRequest, noSuchObject } from '../errors.js';
import type { FormObject } from '../form.js';
import { bool, currency, expandPaths, int, list, metadata, obj, onlyKnown, requiredStr, str } from '../params.js';
import { resolvePaymentMethod } from '../payment-methods.js';
import type { StripeObject } from '../store.js';
import { cancelSubscription, createSubscription, type Interval } from '../subscriptions.js';
import { paginate } from './list.js';
import { route } from './route.js';

const CREATE = [
  'customer', 'items', 'currency', 'default_payment_method', 'description', 'expand', 'metadata', 'off_session',
  'payment_behavior', 'payment_settings', 'collection_method', 'proration_behavior', 'billing_cycle_anchor',
  'cancel_at_period_end', 'trial_period_days', 'automatic_tax', 'invoice_settings', 'billing_mode',
];
const UPDATE = ['cancel_at_period_end', 'cancellation_details', 'default_payment_method', 'description', 'expand', 'metadata', 'proration_behavior'];
const BEHAVIOURS = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'];
const INTERVALS: Interval[] = ['day', 'week', 'month', 'year'];

function findSubscription(ctx: Context, id: string): StripeObject {
  const subscription = ctx.store.get(id, 'subscription');
  if (!subscription) throw noSuchObject('subscription', id);
  return subscription;
}

/** Only the form the endpoint uses: one item with inline `price_data`. */
function onlyItem(params: FormObject): { priceData: FormObject; quantity: number } {
  const items = list(params, 'items');
  if (!items || items.length === 0) throw invalidRequest('Missing required param: items.', 'items', 'parameter_missing');
  if (items.length > 1) throw invalidRequest('The stand-in bills one item per subscription.', 'items');
  const item = items[0] as FormObject;
  if (typeof item !== 'object' || Array.isArray(item)) throw invalidRequest('Invalid object', 'items[0]');
  const priceData = obj(item, 'price_data');
  if (!priceData) {
    const param = str(item, 'price') ? 'items[0][price]' : 'items[0][price_data]';
    throw invalidRequest('The stand-in takes subscription items with inline price_data only.', param);
  }
  return { priceData, quantity: int(item, 'quantity') ?? 1 };
}

export const subscriptionRoutes = [
  route('POST', '/v1/subscriptions', ({ ctx, params }) => {
    onlyKnown(params, CREATE);
    const customer = requiredStr(params, 'customer');
    const { priceData, quantity } = onlyItem(params);
    const recurring = obj(priceData, 'recurring');
    if (!recurring) throw invalidRequest('Missing required param: items[0][price_data][recurring].', 'items[0][price_data][recurring]', 'parameter_missing');
    const interval = requiredStr(recurring, 'interval') as Interval;
    if (!INTERVALS.includes(interval)) throw invalidRequest(`Invalid items[0][price_data][recurring][interval]: must be one of ${INTERVALS.join(', ')}`, 'items[0][price_data][recurring][interval]');
    const unitAmount = int(priceData, 'unit_amount');
    if (unitAmount === undefined || unitAmount < 0) throw invalidRequest('Missing required param: items[0][price_data][unit_amount].', 'items[0][price_data][unit_amount]', 'parameter_missing');
    const paymentBehavior = str(params, 'payment_behavior') ?? 'allow_incomplete';
    if (!BEHAVIOURS.includes(paymentBehavior)) throw invalidRequest(`Invalid payment_behavior: must be one of ${BEHAVIOURS.join(', ')}`, 'payment_behavior');
    const settings = obj(params, 'payment_settings');
    const defaultPaymentMethod = str(params, 'default_payment_method');
    if (defaultPaymentMethod) resolvePaymentMethod(ctx, defaultPaymentMethod);
    const subscription = createSubscription(ctx, {
      customer,
      currency: currency(priceData),
      product: requiredStr(priceData, 'product'),
      unitAmount,
      interval,
      intervalCount: int(recurring, 'interval_count') ?? 1,
      quantity,
      metadata: metadata(params),
      description: str(params, 'description') ?? null,
      paymentBehavior,
      saveDefaultPaymentMethod: settings ? (str(settings, 'save_default_payment_method') ?? null) : null,
      defaultPaymentMethod: defaultPaymentMethod || null,
    });
    return ctx.store.render(subscription, expandPaths(params));
  }),

  route('GET', '/v1/subscriptions', (call) => {
    const customer = str(call.params, 'customer');
    const status = str(call.params, 'status');
    const found = call.ctx.store
      .all('subscription')
      .filter((s) => (!customer || s.customer === customer) && (status === 'all' || (status ? s.status === status : s.status !== 'canceled')));
    return paginate(call, '/v1/subscriptions', found);
  }),

  route('GET', '/v1/subscriptions/:id', ({ ctx, params, ids }) => ctx.store.render(findSubscription(ctx, ids[0]!), expandPaths(params))),

  route('POST', '/v1/subscriptions/:id', ({ ctx, params, ids }) => {
    onlyKnown(params, UPDATE);
    const subscription = findSubscription(ctx, ids[0]!);
    const previous: Record<string, unknown> = {};
    const atPeriodEnd = bool(params, 'cancel_at_period_end');
    if (atPeriodEnd !== undefined && atPeriodEnd !== subscription.cancel_at_period_end) {
      previous.cancel_at_period_end = subscription.cancel_at_period_end;
      subscription.cancel_at_period_end = atPeriodEnd;
      subscription.cancel_at = atPeriodEnd ? subscription.items.data[0].current_period_end : null;
    }
    if (params.metadata !== undefined) {
      previous.metadata = subscription.metadata;
      subscription.metadata = metadata(params, subscription.metadata);
    }
    const description = str(params, 'description');
    if (description !== undefined) subscription.description = description || null;
    ctx.events.emit('customer.subscription.updated', subscription, ctx.request, previous);
    return ctx.store.render(subscription, expandPaths(params));
  }),

  route('DELETE', '/v1/subscriptions/:id', ({ ctx, params, ids }) => {
    onlyKnown(params, ['cancellation_details', 'expand', 'invoice_now', 'prorate']);
    return ctx.store.render(cancelSubscription(ctx, findSubscription(ctx, ids[0]!)), expandPaths(params));
  }),
];
