/** Charges, refunds, disputes and payment methods: what happened to the money after a confirm. */
import type { Context } from '../context.js';
import { noSuchObject } from '../errors.js';
import { expandPaths, int, metadata, onlyKnown, str } from '../params.js';
import { createCardPaymentMethod } from '../payment-methods.js';
import { createRefund } from '../refunds.js';
import type { StripeObject } from '../store.js';
import { paginate } from './list.js';
import { route } from './route.js';

function find(ctx: Context, id: string, type: string): StripeObject {
  const found = ctx.store.get(id, type);
  if (!found) throw noSuchObject(type, id);
  return found;
}

export const moneyRoutes = [
  route('GET', '/v1/charges', (call) => {
    const intent = str(call.params, 'payment_intent');
    return paginate(call, '/v1/charges', call.ctx.store.all('charge').filter((c) => !intent || c.payment_intent === intent));
  }),
  route('GET', '/v1/charges/:id', ({ ctx, params, ids }) => ctx.store.render(find(ctx, ids[0]!, 'charge'), expandPaths(params))),

  route('POST', '/v1/refunds', ({ ctx, params }) => {
    onlyKnown(params, ['amount', 'charge', 'expand', 'metadata', 'payment_intent', 'reason', 'instructions_email']);
    const refund = createRefund(ctx, {
      paymentIntent: str(params, 'payment_intent'),
      charge: str(params, 'charge'),
      amount: int(params, 'amount'),
      reason: str(params, 'reason'),
      metadata: metadata(params),
    });
    return ctx.store.render(refund, expandPaths(params));
  }),
  route('GET', '/v1/refunds', (call) => {
    const intent = str(call.params, 'payment_intent');
    return paginate(call, '/v1/refunds', call.ctx.store.all('refund').filter((r) => !intent || r.payment_intent === intent));
  }),
  route('GET', '/v1/refunds/:id', ({ ctx, params, ids }) => ctx.store.render(find(ctx, ids[0]!, 'refund'), expandPaths(params))),

  route('GET', '/v1/disputes/:id', ({ ctx, params, ids }) => ctx.store.render(find(ctx, ids[0]!, 'dispute'), expandPaths(params))),

  route(
    'POST',
    '/v1/payment_methods',
    ({ ctx, params }) => {
      onlyKnown(params, ['type', 'card', 'billing_details', 'metadata', 'expand', 'key', '_stripe_version', 'payment_user_agent', 'time_on_page', 'referrer']);
      const paymentMethod = createCardPaymentMethod(ctx, params, 'payment_method');
      paymentMethod.metadata = metadata(params);
      return ctx.store.render(paymentMethod);
    },
    true,
  ),
  route('GET', '/v1/payment_methods/:id', ({ ctx, ids }) => ctx.store.render(find(ctx, ids[0]!, 'payment_method'))),

  route('GET', '/v1/events', (call) => {
    const type = str(call.params, 'type');
    return paginate(call, '/v1/events', call.ctx.store.all('event').filter((e) => !type || e.type === type));
  }),
  route('GET', '/v1/events/:id', ({ ctx, ids }) => ctx.store.render(find(ctx, ids[0]!, 'event'))),
];

