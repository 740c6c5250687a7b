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
  /**
   * Whether the page asking (its Origin) may take gifts: one of the member sites, or the endpoint's
   * own. Absent from endpoints older than it: then the page is taken to be allowed.
   */
  acceptsGifts?: boolean;
  /** Where a donor on a page that may not take gifts can give instead: MIRA's own donation page. */
  giveUrl?: string;
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
  /** Whether it takes gifts today (open and within its dates). Absent from older endpoints. */
  open?: boolean;
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
