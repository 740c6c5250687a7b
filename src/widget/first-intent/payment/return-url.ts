/**
 * Coming back from a redirect-based payment method (a bank page, some wallets). Before confirming,
 * the controller marks the return URL with the donation and keeps what the thank-you needs in this
 * tab; on the way back it reads Stripe's parameters, then takes them out of the address bar so a
 * reload does not announce the gift twice.
 */
import type { DonationResponse } from '../../../core/api.js';
import { FREQUENCIES, type DonationRequest, type Frequency } from '../../../core/donation.js';
import { readItem, removeItem, writeItem } from './session-store.js';

const DONATION = 'mira_donation';
const FREQUENCY = 'mira_frequency';
const STRIPE_PARAMS = ['payment_intent', 'payment_intent_client_secret', 'redirect_status'];
const RECORD = 'mira-donate:return:';

export interface ReturnParams {
  donationId: string;
  frequency: Frequency;
  clientSecret: string;
}

/** The page the donor is on, marked so the way back can be told from any other visit. */
export function returnUrl(donation: DonationResponse, href = location.href): string {
  const url = withoutReturnParams(href);
  url.searchParams.set(DONATION, donation.donationId);
  url.searchParams.set(FREQUENCY, donation.frequency);
  return url.href;
}

export function readReturnParams(href = location.href): ReturnParams | null {
  const params = new URL(href).searchParams;
  const donationId = params.get(DONATION);
  const clientSecret = params.get('payment_intent_client_secret');
  const frequency = params.get(FREQUENCY) as Frequency | null;
  if (!donationId || !clientSecret) return null;
  return { donationId, clientSecret, frequency: frequency && FREQUENCIES.includes(frequency) ? frequency : 'once' };
}

/** Takes the return parameters out of the address bar, keeping everything else the page had. */
export function forgetReturnParams(): void {
  history.replaceState(history.state, '', withoutReturnParams(location.href).href);
}

/** The address with no return's parameters (ours or Stripe's) left in it. */
function withoutReturnParams(href: string): URL {
  const url = new URL(href);
  for (const name of [DONATION, FREQUENCY, ...STRIPE_PARAMS]) url.searchParams.delete(name);
  return url;
}

interface ReturnRecord {
  donation: Omit<DonationResponse, 'clientSecret'>;
  request: DonationRequest;
}

/** Kept without the client secret: the way back carries it in the URL. */
export function saveReturn(donation: DonationResponse, request: DonationRequest): void {
  const { clientSecret: _secret, ...kept } = donation;
  writeItem(RECORD + donation.donationId, JSON.stringify({ donation: kept, request } satisfies ReturnRecord));
}

/** The record for this donation, removed as it is read: it is announced once. */
export function takeReturn(donationId: string): ReturnRecord | undefined {
  const text = readItem(RECORD + donationId);
  removeItem(RECORD + donationId);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as ReturnRecord;
  } catch {
    return undefined;
  }
}
