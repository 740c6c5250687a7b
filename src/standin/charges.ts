/**
 * Confirming a PaymentIntent: the card decides. A success makes a succeeded Charge and pays the
 * invoice behind the PaymentIntent, if any; a decline makes a failed Charge, answers 402 with Stripe's
 * card_error, and leaves the PaymentIntent ready for another card.
 */
import { chargeBalanceTransaction } from './balance-transactions.js';
import { lookupCard } from './cards.js';
import { emit, type Context } from './context.js';
import { openDispute } from './disputes.js';
import { StripeError, unexpectedState } from './errors.js';
import { clientView } from './intents.js';
import { invoicePaymentFailed, settleInvoice } from './invoices.js';
import { attachToCustomer } from './payment-methods.js';
import { listOf, newId, nowSeconds, type StripeObject } from './store.js';

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export function assertConfirmable(intent: StripeObject): void {
  if (CONFIRMABLE.includes(intent.status)) return;
  if (intent.status === 'succeeded') {
    throw unexpectedState('You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.');
  }
  throw unexpectedState(`You cannot confirm this PaymentIntent because it has a status of ${intent.status}.`);
}

function buildCharge(ctx: Context, intent: StripeObject, paymentMethod: StripeObject, failure: { code: string; decline_code?: string; message: string } | null): StripeObject {
  const id = newId('ch');
  const paid = failure === null;
  const charge = ctx.store.put({
    id,
    object: 'charge',
    amount: intent.amount,
    amount_captured: paid ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: paymentMethod.billing_details,
    calculated_statement_descriptor: 'STANDIN',
    captured: paid,
    created: nowSeconds(),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: paid
      ? { advice_code: null, network_advice_code: null, network_decline_code: null, network_status: 'approved_by_network', reason: null, risk_level: 'normal', risk_score: 20, seller_message: 'Payment complete.', type: 'authorized' }
      : {
          advice_code: 'try_again_later',
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'declined_by_network',
          reason: failure.decline_code ?? failure.code,
          risk_level: 'normal',
          risk_score: 20,
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        },
    paid,
    payment_intent: intent.id,
    payment_method: paymentMethod.id,
    payment_method_details: {
      card: {
        amount_authorized: paid ? intent.amount : null,
        brand: paymentMethod.card.brand,
        checks: paymentMethod.card.checks,
        country: 'US',
        exp_month: paymentMethod.card.exp_month,
        exp_year: paymentMethod.card.exp_year,
        funding: paymentMethod.card.funding,
        last4: paymentMethod.card.last4,
        network: paymentMethod.card.brand,
        three_d_secure: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: paid ? `https://pay.stripe.com/receipts/standin/${id}` : null,
    refunded: false,
    refunds: listOf(`/v1/charges/${id}/refunds`, []),
    review: null,
    shipping: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: intent.statement_descriptor_suffix,
    status: paid ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  });
  if (paid) charge.balance_transaction = chargeBalanceTransaction(ctx, charge as StripeObject & { amount: number; currency: string }).id;
  return charge;
}

export interface ConfirmHow {
  /** Called by Stripe.js with the publishable key: errors carry the client's view of the PaymentIntent. */
  clientSide?: boolean;
  /** A renewal with a saved card: the cardholder is not there to authenticate, and need not. */
  offSession?: boolean;
  /** The cardholder has just passed the bank's authentication. */
  authenticated?: boolean;
  returnUrl?: string | null;
}

/**
 * Charges the PaymentIntent's amount to the card; throws Stripe's 402 card_error on a decline.
 * A card that wants authentication leaves it in requires_action with a page to send the donor to.
 */
export function chargeIntent(ctx: Context, intent: StripeObject, paymentMethod: StripeObject, how: ConfirmHow = {}): StripeObject {
  assertConfirmable(intent);
  const card = lookupCard(paymentMethod._card_number as string);
  if (!('invalid' in card) && card.authenticate && !how.offSession && !how.authenticated) {
    return requireAuthentication(ctx, intent, paymentMethod, how.returnUrl ?? null);
  }
  const failure = 'invalid' in card ? card.invalid : (card.decline ?? null);
  const charge = buildCharge(ctx, intent, paymentMethod, failure);
  intent.latest_charge = charge.id;
  intent.next_action = null;

  if (failure) {
    const rendered = { payment_method: ctx.store.render(paymentMethod) };
    intent.status = 'requires_payment_method';
    intent.payment_method = null;
    intent.last_payment_error = {
      type: 'card_error',
      charge: charge.id,
      code: failure.code,
      ...(failure.decline_code ? { decline_code: failure.decline_code } : {}),
      doc_url: `https://stripe.com/docs/error-codes/${failure.code.replaceAll('_', '-')}`,
      message: failure.message,
      ...rendered,
    };
    emit(ctx, 'charge.failed', charge);
    emit(ctx, 'payment_intent.payment_failed', intent);
    if (intent._invoice) invoicePaymentFailed(ctx, intent._invoice);
    const shownIntent = ctx.store.render(intent);
    throw new StripeError(402, {
      ...intent.last_payment_error,
      payment_intent: how.clientSide ? clientView(shownIntent) : shownIntent,
      request_log_url: 'https://dashboard.stripe.com/test/logs',
    });
  }

  Object.assign(intent, {
    status: 'succeeded',
    amount_received: intent.amount,
    payment_method: paymentMethod.id,
    last_payment_error: null,
  });
  emit(ctx, 'charge.succeeded', charge);
  if (intent.setup_future_usage) attachToCustomer(ctx, paymentMethod, intent.customer);
  emit(ctx, 'payment_intent.succeeded', intent);
  if (intent._invoice) settleInvoice(ctx, intent._invoice, intent);
  if ('disputes' in card && card.disputes) openDispute(ctx, charge);
  return intent;
}

/**
 * Like a redirect-based payment method (or 3D Secure done as a redirect): the donor is sent to the
 * stand-in's authentication page, and comes back to return_url with the outcome in the URL.
 */
function requireAuthentication(ctx: Context, intent: StripeObject, paymentMethod: StripeObject, returnUrl: string | null): StripeObject {
  const url = new URL(`${ctx.baseUrl}/authorize/${intent.id}`);
  url.searchParams.set('client_secret', intent.client_secret);
  Object.assign(intent, {
    status: 'requires_action',
    payment_method: paymentMethod.id,
    last_payment_error: null,
    next_action: { type: 'redirect_to_url', redirect_to_url: { return_url: returnUrl, url: url.href } },
    _return_url: returnUrl,
  });
  emit(ctx, 'payment_intent.requires_action', intent);
  return intent;
}

/** The cardholder failed the bank's check: Stripe's payment_intent_authentication_failure, ready for another card. */
export function failAuthentication(ctx: Context, intent: StripeObject): void {
  const paymentMethod = ctx.store.get(intent.payment_method ?? '', 'payment_method');
  Object.assign(intent, {
    status: 'requires_payment_method',
    payment_method: null,
    next_action: null,
    last_payment_error: {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      ...(paymentMethod ? { payment_method: ctx.store.render(paymentMethod) } : {}),
    },
  });
  emit(ctx, 'payment_intent.payment_failed', intent);
  if (intent._invoice) invoicePaymentFailed(ctx, intent._invoice);
}
