/**
 * The shapes between the manage page (`<mira-donate-manage>`) and the endpoint's /api/manage routes.
 * The page reads its link's token from the URL's fragment (never sent to a server, never in a log
 * or a Referer) and sends it as `Authorization: Bearer <token>`; the token names one subscription.
 */
import type { Frequency } from './donation.js';
import type { FeeRates } from './fees.js';
import type { Mode } from './api.js';

/** A recurring gift can be monthly or annual; a one-time gift has nothing to manage. */
export type RecurringFrequency = Exclude<Frequency, 'once'>;

export type GiftStatus = 'active' | 'paused' | 'past_due' | 'canceled';

export interface ManagedPayment {
  /** ISO date-time the invoice was paid (or failed). */
  date: string;
  /** What was charged, in minor units. */
  amount: number;
  status: 'paid' | 'failed' | 'refunded';
}

/** `GET /api/manage/gift`: the gift as the donor sees it. */
export interface ManagedGift {
  campaign: { id: string; name: Partial<Record<'en' | 'es' | 'pt', string>> };
  currency: string;
  /** The gift the campaign receives, minor units, before any fee cover. */
  gift: number;
  coverFee: boolean;
  fee: number;
  /** What is charged each period. */
  total: number;
  frequency: RecurringFrequency;
  status: GiftStatus;
  /** While paused: the first payment date after the pause (ISO date). */
  pausedUntil?: string;
  tribute?: { kind: 'honor' | 'memory'; name: string };
  card?: { brand: string; last4: string; expMonth: number; expYear: number };
  /** ISO date of the next charge; absent once cancelled. */
  nextPaymentAt?: string;
  /** The gift's language: the page opens in it. */
  locale: 'en' | 'es' | 'pt';
  /** The last payments, newest first (at most 12). */
  payments: ManagedPayment[];
}

export interface ManageResponse {
  gift: ManagedGift;
  /** Limits and fee rates as the form uses them, so a changed amount is checked the same way. */
  minimum: number;
  maximum: number;
  feeRates: FeeRates;
  mode: Mode;
  publishableKey: string;
  stripeJsUrl?: string;
}

/**
 * `POST /api/manage/gift` with an `Idempotency-Key`: one change, one call to Stripe, answered with
 * the gift as it now is (ManageResponse).
 */
export type ManageChange =
  | { action: 'change'; gift: number; frequency: RecurringFrequency; coverFee: boolean }
  | { action: 'pause'; months: 1 | 2 | 3 }
  | { action: 'resume' }
  | { action: 'cancel' };

/** `POST /api/manage/card`: a SetupIntent for the Payment Element; then `POST /api/manage/card/confirm {setupIntent}`. */
export interface CardSetupResponse {
  clientSecret: string;
}

/**
 * `POST /api/manage/card/confirm {setupIntent}`: the gift with its new card. When a payment was due
 * (a renewal had failed), it is tried at once with the new card: `openInvoice` says how that went.
 */
export interface CardConfirmResponse extends ManageResponse {
  openInvoice?: 'paid' | 'failed';
}

/** `POST /api/manage/links {email, locale}`: always 202 `{sent: true}`, whether or not the email has a gift. */
export interface LinkRequest {
  email: string;
  locale: 'en' | 'es' | 'pt';
}
