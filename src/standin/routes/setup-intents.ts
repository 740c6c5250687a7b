/** `/v1/setup_intents`: create, retrieve and confirm (server- or browser-side), and attaching a card to a customer. */
import type { Context } from '../context.js';
import { invalidRequest, noSuchObject } from '../errors.js';
import { bool, expandPaths, list, metadata, obj, onlyKnown, requiredStr, str } from '../params.js';
import { attachToCustomer, createCardPaymentMethod, resolvePaymentMethod } from '../payment-methods.js';
import { buildSetupIntent, clientView, confirmSetupIntent } from '../setup-intents.js';
import type { StripeObject } from '../store.js';
import { route, type ApiCall } from './route.js';

const CREATE = [
  'customer', 'usage', 'allowed_payment_method_types', 'payment_method_types', 'automatic_payment_methods', 'metadata', 'description', 'expand',
  'payment_method', 'payment_method_options', 'confirm', 'return_url', 'on_behalf_of', 'flow_directions',
];
const CONFIRM = ['expand', 'payment_method', 'payment_method_data', 'payment_method_options', 'return_url', 'mandate_data', 'use_stripe_sdk'];
const BROWSER = ['key', 'client_secret', '_stripe_version', '_stripe_account', 'payment_user_agent', 'time_on_page', 'referrer'];

function findSetupIntent(ctx: Context, id: string): StripeObject {
  const intent = ctx.store.get(id, 'setup_intent');
  if (!intent) throw noSuchObject('setup_intent', id);
  return intent;
}

function checkClientSecret(call: ApiCall, intent: StripeObject): void {
  if (call.publishable && str(call.params, 'client_secret') !== intent.client_secret) {
    throw invalidRequest('The client_secret provided does not match any associated SetupIntent on this account.', 'client_secret');
  }
}

function show(call: ApiCall, intent: StripeObject): StripeObject {
  const rendered = call.ctx.store.render(intent, call.publishable ? [] : expandPaths(call.params));
  return call.publishable ? clientView(rendered) : rendered;
}

function confirm(call: ApiCall, intent: StripeObject): void {
  const data = obj(call.params, 'payment_method_data');
  const id = str(call.params, 'payment_method') ?? intent.payment_method;
  const paymentMethod = data ? createCardPaymentMethod(call.ctx, data) : id ? resolvePaymentMethod(call.ctx, id) : undefined;
  if (!paymentMethod) {
    throw invalidRequest("You cannot confirm this SetupIntent because it's missing a payment method.", undefined, 'setup_intent_unexpected_state');
  }
  confirmSetupIntent(call.ctx, intent, paymentMethod, { clientSide: call.publishable });
}

export const setupIntentRoutes = [
  route('POST', '/v1/setup_intents', (call) => {
    const { ctx, params } = call;
    onlyKnown(params, CREATE);
    const customer = str(params, 'customer');
    if (customer && !ctx.store.get(customer, 'customer')) throw noSuchObject('customer', customer, 'customer');
    const usage = str(params, 'usage') ?? 'off_session';
    if (usage !== 'off_session' && usage !== 'on_session') throw invalidRequest('Invalid usage: must be one of off_session, on_session', 'usage');
    // Current API versions say allowed_payment_method_types; older ones payment_method_types.
    const types = (list(params, 'allowed_payment_method_types') ?? list(params, 'payment_method_types'))?.map(String);
    const automatic = obj(params, 'automatic_payment_methods');
    const intent = buildSetupIntent(ctx, {
      customer: customer || null,
      usage,
      allowedPaymentMethodTypes: types ?? null,
      automaticPaymentMethods: automatic ? bool(automatic, 'enabled') === true : !types,
      metadata: metadata(params),
      description: str(params, 'description') ?? null,
    });
    const paymentMethod = str(params, 'payment_method');
    if (paymentMethod) {
      intent.payment_method = resolvePaymentMethod(ctx, paymentMethod).id;
      intent.status = 'requires_confirmation';
    }
    if (bool(params, 'confirm')) confirm(call, intent);
    return show(call, intent);
  }),

  route(
    'GET',
    '/v1/setup_intents/:id',
    (call) => {
      const intent = findSetupIntent(call.ctx, call.ids[0]!);
      checkClientSecret(call, intent);
      return show(call, intent);
    },
    true,
  ),

  route(
    'POST',
    '/v1/setup_intents/:id/confirm',
    (call) => {
      onlyKnown(call.params, call.publishable ? [...CONFIRM, ...BROWSER] : CONFIRM);
      const intent = findSetupIntent(call.ctx, call.ids[0]!);
      checkClientSecret(call, intent);
      confirm(call, intent);
      return show(call, intent);
    },
    true,
  ),

  route('POST', '/v1/payment_methods/:id/attach', ({ ctx, params, ids }) => {
    onlyKnown(params, ['customer', 'expand']);
    const customer = requiredStr(params, 'customer');
    if (!ctx.store.get(customer, 'customer')) throw noSuchObject('customer', customer, 'customer');
    const paymentMethod = resolvePaymentMethod(ctx, ids[0]!);
    attachToCustomer(ctx, paymentMethod, customer);
    return ctx.store.render(paymentMethod);
  }),
];
