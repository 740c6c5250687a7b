/** What a donation attempt came to, as a value the element can render in the donor's language. */
import type { PaymentIntent, PaymentIntentResult, StripeError } from '@stripe/stripe-js';
import type { DonationResponse } from '../../../core/api.js';
import type { DonationRequest } from '../../../core/donation.js';
import type { ErrorCode } from '../../../core/errors.js';

export interface PaymentSuccess {
  /** `processing`: accepted, the money is on its way (bank debits take days); still a thank-you. */
  status: 'succeeded' | 'processing';
  donation: DonationResponse;
  /** What the donor asked for (tribute, name…); after a redirect, only if this tab still holds it. */
  request?: DonationRequest;
}

export interface PaymentFailure {
  status: 'failed';
  code: ErrorCode;
  /** The field to point at: a request field from the endpoint, or `payment` for the Payment Element. */
  field?: string;
  /** Stripe's or the endpoint's own wording, already in the donor's language when it comes from Stripe. */
  message?: string;
  /** The card was refused (a Stripe card error): another card, or its details checked, may go through. */
  card?: true;
}

export type PaymentOutcome = PaymentSuccess | PaymentFailure;

export function failed(code: ErrorCode, detail: { field?: string; message?: string; card?: boolean } = {}): PaymentFailure {
  return {
    status: 'failed',
    code,
    ...(detail.field ? { field: detail.field } : {}),
    ...(detail.message ? { message: detail.message } : {}),
    ...(detail.card ? { card: true as const } : {}),
  };
}

/**
 * A Stripe error from confirming or retrieving a payment. `definite` means no money moved and none
 * will for this attempt (the card was refused), so the next try is a new attempt; anything else
 * (a dropped connection, Stripe's own trouble) may have gone through, so a retry reuses the key.
 */
export function stripeFailure(error: StripeError): { failure: PaymentFailure; definite: boolean } {
  const message = error.message;
  if (error.type === 'card_error') {
    return { failure: failed(error.code === 'card_declined' ? 'card_declined' : 'payment_failed', { message, card: true }), definite: true };
  }
  if (error.type === 'api_connection_error') return { failure: failed('network_error', { message }), definite: false };
  return { failure: failed('payment_failed', { message }), definite: false };
}

export type Settled =
  | { status: 'succeeded' | 'processing'; paymentIntent: PaymentIntent }
  | { status: 'failed'; failure: PaymentFailure; definite: boolean };

/**
 * Where a payment stands once Stripe.js answers a confirm or a retrieve. An error that carries a
 * PaymentIntent which went through anyway (a retry confirming a payment that had already succeeded)
 * is a success: the donor paid once, and is told so.
 */
export function settle(result: PaymentIntentResult): Settled {
  const paymentIntent = result.paymentIntent ?? result.error?.payment_intent;
  if (paymentIntent && (paymentIntent.status === 'succeeded' || paymentIntent.status === 'processing')) return { status: paymentIntent.status, paymentIntent };
  if (result.error) return { status: 'failed', ...stripeFailure(result.error) };
  const last = paymentIntent?.last_payment_error;
  const code: ErrorCode = last?.code === 'card_declined' ? 'card_declined' : 'payment_failed';
  return { status: 'failed', failure: failed(code, { message: last?.message, card: last?.type === 'card_error' }), definite: true };
}
