/** What a Stripe event (or an operator) adds to the ledger: plain values, decided before any write. */

/**
 * The largest amount the ledger takes, in minor units ($10,000,000.00; Stripe's own limit is lower).
 * Keeping amounts under it keeps a charge × gift product inside a 64-bit integer in SQL.
 */
export const MAX_AMOUNT = 1_000_000_000;

/** How an offline gift was given: a cheque, cash, takings at an event, or another way. */
export type OfflineMethod = 'cheque' | 'cash' | 'event' | 'other';
export const OFFLINE_METHODS: readonly OfflineMethod[] = ['cheque', 'cash', 'event', 'other'];

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
  /** When the gift was given, if not now (an offline gift's date): ISO 8601. */
  paidAt?: string;
  /** An offline gift's method. */
  method?: OfflineMethod;
}

/**
 * A refund's status as Stripe gives it. A card refund can fail even after it succeeded, so only
 * failed and canceled are final.
 */
export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

/**
 * What one event says of a dispute: the funds were withdrawn or reinstated, or the verdict. A
 * dispute's events may tell these in any order; the ledger keeps every one it has heard.
 */
export type DisputeFact = 'withdrawn' | 'reinstated' | 'won' | 'lost';

/**
 * Money out, or on its way out: a refund or a dispute against the PaymentIntent it reverses, as
 * one event tells it. The same refund or dispute comes again with each change of its status.
 */
export type ReversalEntry = {
  type: 'reversal';
  id: string;
  paymentIntent: string;
  amount: number;
} & ({ kind: 'refund'; status: RefundStatus | (string & {}) } | { kind: 'dispute'; facts: DisputeFact[] });

export interface CancellationEntry {
  type: 'cancellation';
  subscription: string;
  campaign?: string;
}

export type LedgerEntry = PaymentEntry | ReversalEntry | CancellationEntry;
