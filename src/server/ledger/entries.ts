/** What a Stripe event (or an operator) adds to the ledger: plain values, decided before any write. */

/** Money in, counted once per object (PaymentIntent, invoice, offline gift). */
export interface PaymentEntry {
  type: 'payment';
  id: string;
  kind: 'payment' | 'invoice' | 'offline';
  campaign: string;
  currency: string;
  gift: number;
  total: number;
  paymentIntent?: string;
  donationId?: string;
  subscription?: string;
  note?: string;
}

/** Money out, counted once per refund or lost dispute, against the PaymentIntent it reverses. */
export interface ReversalEntry {
  type: 'reversal';
  id: string;
  kind: 'refund' | 'dispute';
  paymentIntent: string;
  amount: number;
}

export interface CancellationEntry {
  type: 'cancellation';
  subscription: string;
  campaign?: string;
}

export type LedgerEntry = PaymentEntry | ReversalEntry | CancellationEntry;
