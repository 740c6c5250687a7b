/** The events <mira-donate> dispatches to the host page, and their details; all bubble and cross the shadow boundary. */
import type { DonationResponse } from '../core/api.js';
import type { DonationRequest, Frequency } from '../core/donation.js';

export interface DonateSubmitDetail {
  /** The contract's donation request, validated. */
  request: DonationRequest;
}

/** A gift that went through (or, for a bank debit, is processing). Amounts in minor units; no names or emails. */
export interface DonateCompleteDetail {
  donationId: string;
  gift: number;
  /** The fee the donor chose to cover, 0 if they did not. */
  fee: number;
  /** What was charged: gift + fee. */
  total: number;
  currency: string;
  frequency: Frequency;
}

/** The gift's figures from the endpoint's answer: what the complete event and the thanks both tell. */
export function completeDetail({ donationId, gift, fee, total, currency, frequency }: DonationResponse): DonateCompleteDetail {
  return { donationId, gift, fee, total, currency, frequency };
}

export type ChangedField = 'frequency' | 'amount' | 'coverFee' | 'tribute' | 'anonymous' | 'donor' | 'lang';

export interface DonateChangeDetail {
  /** What the donor changed. Names and emails are never in the event. */
  field: ChangedField;
  frequency: Frequency;
  /** The gift in minor units, if the amount is valid so far. */
  gift?: number;
  coverFee: boolean;
  currency: string;
}

export type DonateSubmitEvent = CustomEvent<DonateSubmitDetail>;
export type DonateChangeEvent = CustomEvent<DonateChangeDetail>;
export type DonateCompleteEvent = CustomEvent<DonateCompleteDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'mira-donate-submit': DonateSubmitEvent;
    'mira-donate-change': DonateChangeEvent;
    'mira-donate-complete': DonateCompleteEvent;
  }
}
