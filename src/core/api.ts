/** The shapes that cross the wire between the widget and the endpoint (see DESIGN.md). */
import type { FeeRates } from './fees.js';
import type { Frequency } from './donation.js';
import type { ErrorCode } from './errors.js';

export type Mode = 'live' | 'test' | 'demo';

export interface ConfigResponse {
  publishableKey: string;
  mode: Mode;
  currencies: string[];
  feeRates: FeeRates;
  /** Smallest and largest gift, in minor units. */
  minimum: number;
  maximum: number;
  /** Demo mode only: the Stripe.js stand-in to load instead of js.stripe.com, absolute or relative to the endpoint. */
  stripeJsUrl?: string;
}

export interface CampaignResponse {
  id: string;
  /** The campaign's name in each language the operator gave. */
  name: Partial<Record<'en' | 'es' | 'pt', string>>;
  currency: string;
  goal: number;
  raised: number;
  donors: number;
  updatedAt: string;
}

export interface DonationResponse {
  donationId: string;
  clientSecret: string;
  mode: 'payment' | 'subscription';
  gift: number;
  fee: number;
  total: number;
  frequency: Frequency;
  currency: string;
}

export interface ErrorResponse {
  error: { code: ErrorCode; message: string; field?: string };
}
