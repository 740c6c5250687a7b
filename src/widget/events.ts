/** The events <mira-donate> dispatches; all bubble and cross the shadow boundary. */
import type { DonationRequest, Frequency } from '../core/index.js';

export interface DonateSubmitDetail {
  /** The contract's donation request, validated. */
  request: DonationRequest;
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

declare global {
  interface GlobalEventHandlersEventMap {
    'mira-donate-submit': DonateSubmitEvent;
    'mira-donate-change': DonateChangeEvent;
  }
}
