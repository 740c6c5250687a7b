/**
 * SetupIntents: saving a card for later off-session charges, without charging it. Confirming one
 * checks the card as the bank would for a zero-amount authorization: a card Stripe documents as
 * declined is declined here too (402 card_error, the SetupIntent ready for another card), except
 * 4000000000000341, which saves and fails only when charged. The saved card is attached to the
 * SetupIntent's customer. (The stand-in does not ask for authentication on a setup.)
 */
import { lookupCard } from './cards.js';
import { emit, type Context } from './context.js';
import { StripeError, unexpectedState } from './errors.js';
import type { Metadata } from './params.js';
import { attachToCustomer } from './payment-methods.js';
import { newId, nowSeconds, type StripeObject } from './store.js';

export interface NewSetupIntent {
  customer: string | null;
  usage: 'off_session' | 'on_session';
  /** What the caller allowed; the stand-in takes cards only, so what it offers is always `card`. */
  allowedPaymentMethodTypes: string[] | null;
  automaticPaymentMethods: boolean;
  metadata: Metadata;
  description: string | null;
}

export function buildSetupIntent(ctx: Context, input: NewSetupIntent): StripeObject {
  const id = newId('seti');
  const intent = ctx.store.put({
    id,
    object: 'setup_intent',
    allowed_payment_method_types: input.allowedPaymentMethodTypes,
    application: null,
    automatic_payment_methods: input.automaticPaymentMethods ? { allow_redirects: 'always', enabled: true } : null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${newId('x').slice(2)}`,
    created: nowSeconds(),
    customer: input.customer,
    description: input.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: input.usage,
  });
  emit(ctx, 'setup_intent.created', intent);
  return intent;
}

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

/** Saves the card: succeeded with the PaymentMethod attached to the customer, or Stripe's setup_intent card_error. */
export function confirmSetupIntent(ctx: Context, intent: StripeObject, paymentMethod: StripeObject, how: { clientSide?: boolean } = {}): StripeObject {
  if (!CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(`You cannot confirm this SetupIntent because it has a status of ${intent.status}.`, 'setup_intent_unexpected_state');
  }
  const card = lookupCard(paymentMethod._card_number as string);
  const failure = 'invalid' in card ? card.invalid : card.savesThenDeclines ? null : (card.decline ?? null);
  if (failure) {
    Object.assign(intent, {
      status: 'requires_payment_method',
      payment_method: null,
      last_setup_error: {
        type: 'card_error',
        code: failure.code,
        ...(failure.decline_code ? { decline_code: failure.decline_code } : {}),
        doc_url: `https://stripe.com/docs/error-codes/${failure.code.replaceAll('_', '-')}`,
        message: failure.message,
        payment_method: ctx.store.render(paymentMethod),
      },
    });
    emit(ctx, 'setup_intent.setup_failed', intent);
    const shown = ctx.store.render(intent);
    throw new StripeError(402, { ...intent.last_setup_error, setup_intent: how.clientSide ? clientView(shown) : shown, request_log_url: 'https://dashboard.stripe.com/test/logs' });
  }
  Object.assign(intent, { status: 'succeeded', payment_method: paymentMethod.id, last_setup_error: null, latest_attempt: newId('setatt') });
  attachToCustomer(ctx, paymentMethod, intent.customer);
  emit(ctx, 'setup_intent.succeeded', intent);
  return intent;
}

/** What a publishable key sees of a SetupIntent (no customer, no metadata), as Stripe.js gets it. */
const CLIENT_FIELDS = [
  'id', 'object', 'allowed_payment_method_types', 'automatic_payment_methods', 'cancellation_reason', 'client_secret', 'created', 'description',
  'last_setup_error', 'livemode', 'next_action', 'payment_method', 'payment_method_types', 'status', 'usage',
];

export function clientView(rendered: StripeObject): StripeObject {
  return Object.fromEntries(CLIENT_FIELDS.filter((k) => k in rendered).map((k) => [k, rendered[k]])) as StripeObject;
}
