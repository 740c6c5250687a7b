/**
 * What the mail says: the donor's receipt, the tribute card the honoree's contact receives, and the
 * year-end statement, each as HTML and plain text in the donor's language. Pure functions of the data
 * the outbox gathers (src/server/mail/): no database, no clock, no network, so a letter is the same
 * every time it is rendered, and a retry sends the same words.
 *
 * The types are the seam with the outbox (see the contract for issue 9): money is in minor units,
 * dates are ISO 8601, names are already in the donor's language.
 */
import type { Language } from '../../../core/locale.js';
import { renderReceipt } from './receipt.js';
import { renderTributeCard } from './tribute-card.js';
import { renderYearEnd } from './year-end.js';
export { renderGiftChanged as giftChangedLetter, renderGiftEnded as giftEndedLetter, renderManageLink as manageLinkLetter, renderPaymentFailed as paymentFailedLetter } from './recurring.js';
export type { GiftChangedLetter, GiftEndedLetter, ManageLinkLetter, PaymentFailedLetter, RecurringGiftFacts } from './recurring.js';

export interface Organization { legalName: string; ein: string; address: string; website?: string; replyTo?: string }
export type PaymentMethod =
  | { kind: 'card'; brand: string; last4: string }        // brand as Stripe names it: visa, mastercard, amex…
  | { kind: 'bank'; bankName?: string; last4?: string }   // us_bank_account and other debits
  | { kind: 'cheque' | 'cash' | 'other'; note?: string }; // offline gifts
export interface ReceiptLetter {
  language: Language;                 // the donor's language at the time of the gift
  receiptNumber: string;              // unique and stable, e.g. "2026-000042"
  organization: Organization;
  donor: { name: string; email: string };
  date: string;                       // ISO 8601 of the payment
  gift: number; fee: number; total: number; currency: string;  // minor units; fee = the covered part; total = charged
  frequency: 'once' | 'month' | 'year';  // offline gifts are 'once'
  offline?: boolean;
  campaign: { name: string; deductible: boolean };  // name already in the donor's language
  method: PaymentMethod;
  tribute?: { kind: 'honor' | 'memory'; name: string };
  anonymous: boolean;                 // still receipted to the donor; says the gift is listed anonymously
  manageUrl?: string;                 // recurring gifts (a later issue): a link to manage the gift
}
export interface TributeCardLetter {
  language: Language;
  organization: Organization;
  campaignName: string;
  giver?: string;                     // undefined when the gift is anonymous: the card says "someone"
  tribute: { kind: 'honor' | 'memory'; name: string; message?: string };
}
export interface YearEndLetter {
  language: Language;
  year: number;
  organization: Organization;
  donor: { name: string; email: string };
  gifts: Array<{ date: string; receiptNumber: string; gift: number; fee: number; total: number; currency: string;
                 campaign: string; deductible: boolean; method: PaymentMethod }>;
}
export interface Letter { language: Language; subject: string; html: string; text: string }

export function receiptLetter(data: ReceiptLetter): Letter {
  return renderReceipt(data);
}

export function tributeCardLetter(data: TributeCardLetter): Letter {
  return renderTributeCard(data);
}

export function yearEndLetter(data: YearEndLetter): Letter {
  return renderYearEnd(data);
}
