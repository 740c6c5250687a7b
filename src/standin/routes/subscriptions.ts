/** `/v1/subscriptions`: create with inline price_data, retrieve, update metadata, cancel (DELETE), list. */
import type { Context } from '../context.js';
import { invalidRequest, noSuchObject } from '../errors.js';
import type { FormObject } from '../form.js';
import { bool, currency, expandPaths, int, list, metadata, obj, onlyKnown, requiredStr, str } from '../params.js';
import { resolvePaymentMethod } from '../payment-methods.js';
import type { StripeObject } from '../store.js';
import { cancelSubscription, changePrice, createSubscription, payInvoiceOffSession, type Interval } from '../subscriptions.js';
import { paginate } from './list.js';
import { route } from './route.js';

const CREATE = [
  'customer', 'items', 'currency', 'default_payment_method', 'description', 'expand', 'metadata', 'off_session',
  'payment_behavior', 'payment_settings', 'collection_method', 'proration_behavior', 'billing_cycle_anchor',
  'cancel_at_period_end', 'trial_period_days', 'automatic_tax', 'invoice_settings', 'billing_mode',
];
const UPDATE = [
  'cancel_at_period_end', 'cancellation_details', 'default_payment_method', 'description', 'expand', 'items', 'metadata',
  'pause_collection', 'payment_behavior', 'proration_behavior', 'off_session',
];
const PRORATIONS = ['always_invoice', 'create_prorations', 'none'];
const PAUSE_BEHAVIOURS = ['keep_as_draft', 'mark_uncollectible', 'void'];
const BEHAVIOURS = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'];
const INTERVALS: Interval[] = ['day', 'week', 'month', 'year'];

function findSubscription(ctx: Context, id: string): StripeObject {
  const subscription = ctx.store.get(id, 'subscription');
  if (!subscription) throw noSuchObject('subscription', id);
  return subscription;
}

/** Only the form the endpoint uses: one item with inline `price_data`. */
function onlyItem(params: FormObject): { priceData: FormObject; quantity: number; itemId: string | undefined } {
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
  return { priceData, quantity: int(item, 'quantity') ?? 1, itemId: str(item, 'id') };
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
    const proration = str(params, 'proration_behavior');
    if (proration !== undefined && !PRORATIONS.includes(proration)) throw invalidRequest(`Invalid proration_behavior: must be one of ${PRORATIONS.join(', ')}`, 'proration_behavior');
    if (subscription.status === 'canceled' && (params.items !== undefined || params.pause_collection !== undefined || params.default_payment_method !== undefined)) {
      throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.');
    }

    const defaultPaymentMethod = str(params, 'default_payment_method');
    if (defaultPaymentMethod !== undefined) {
      if (defaultPaymentMethod) {
        const method = resolvePaymentMethod(ctx, defaultPaymentMethod);
        if (method.customer !== subscription.customer) {
          throw invalidRequest(
            `The customer does not have a payment method with the ID ${method.id}. The payment method must be attached to the customer.`,
            'default_payment_method',
            'resource_missing',
          );
        }
      }
      previous.default_payment_method = subscription.default_payment_method;
      subscription.default_payment_method = defaultPaymentMethod || null;
    }

    // pause_collection='' resumes; {behavior, resumes_at} pauses.
    if (params.pause_collection === '') {
      previous.pause_collection = subscription.pause_collection;
      subscription.pause_collection = null;
    } else if (params.pause_collection !== undefined) {
      const pause = obj(params, 'pause_collection')!;
      onlyKnown(pause, ['behavior', 'resumes_at'], 'pause_collection');
      const behavior = requiredStr(pause, 'behavior');
      if (!PAUSE_BEHAVIOURS.includes(behavior)) throw invalidRequest(`Invalid pause_collection[behavior]: must be one of ${PAUSE_BEHAVIOURS.join(', ')}`, 'pause_collection[behavior]');
      const resumesAt = int(pause, 'resumes_at');
      if (resumesAt !== undefined && resumesAt * 1000 <= Date.now()) throw invalidRequest('pause_collection[resumes_at] must be in the future.', 'pause_collection[resumes_at]');
      previous.pause_collection = subscription.pause_collection;
      subscription.pause_collection = { behavior, resumes_at: resumesAt ?? null };
    }

    let invoice: StripeObject | undefined;
    if (params.items !== undefined) {
      const { priceData, quantity, itemId } = onlyItem(params);
      const item = subscription.items.data[0] as StripeObject;
      if (!itemId) throw invalidRequest('The stand-in changes a subscription\'s one item by its id (items[0][id]).', 'items[0][id]');
      if (itemId !== item.id) throw noSuchObject('subscription_item', itemId, 'items[0][id]');
      const recurring = obj(priceData, 'recurring');
      const interval = (recurring ? requiredStr(recurring, 'interval') : undefined) as Interval | undefined;
      if (!interval || !INTERVALS.includes(interval)) throw invalidRequest(`Invalid items[0][price_data][recurring][interval]: must be one of ${INTERVALS.join(', ')}`, 'items[0][price_data][recurring][interval]');
      const unitAmount = int(priceData, 'unit_amount');
      if (unitAmount === undefined || unitAmount < 0) throw invalidRequest('Missing required param: items[0][price_data][unit_amount].', 'items[0][price_data][unit_amount]', 'parameter_missing');
      const product = requiredStr(priceData, 'product');
      if (!ctx.store.get(product, 'product')) throw noSuchObject('product', product, 'items[0][price_data][product]');
      previous.items = structuredClone(subscription.items);
      item.quantity = quantity;
      invoice = changePrice(ctx, subscription, { currency: currency(priceData), product, unitAmount, interval, intervalCount: int(recurring!, 'interval_count') ?? 1 });
    }
    ctx.events.emit('customer.subscription.updated', subscription, ctx.request, previous);
    // A new billing period (the interval changed) is billed at once with the card on file.
    const method = subscription.default_payment_method ?? ctx.store.get(subscription.customer, 'customer')?.invoice_settings?.default_payment_method;
    if (invoice && method) payInvoiceOffSession(ctx, invoice, method);
    return ctx.store.render(subscription, expandPaths(params));
  }),

  route('DELETE', '/v1/subscriptions/:id', ({ ctx, params, ids }) => {
    onlyKnown(params, ['cancellation_details', 'expand', 'invoice_now', 'prorate']);
    return ctx.store.render(cancelSubscription(ctx, findSubscription(ctx, ids[0]!)), expandPaths(params));
  }),
];
