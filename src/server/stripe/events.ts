/**
 * Reads a verified Stripe event and says what it counts, before anything is written:
 * - payment_intent.succeeded: a one-time gift, when the PaymentIntent carries our `frequency: once`
 *   metadata. A subscription invoice's PaymentIntent carries none, so it is never counted twice.
 * - invoice.paid / invoice.payment_succeeded: a subscription's invoice (first or renewal), keyed by
 *   invoice id so the pair of events for one invoice counts once.
 * - refund.* / charge.refunded: each refund by its id; charge.dispute.closed with status lost.
 * - customer.subscription.deleted (or updated to canceled): the cancellation.
 */
import type Stripe from 'stripe';
import type { LedgerEntry, PaymentEntry, ReversalEntry } from '../ledger/entries.js';

/** Finds the PaymentIntent that paid an invoice when the event did not include the invoice's payments. */
export type InvoicePaymentLookup = (invoiceId: string) => Promise<string | undefined>;

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value && typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id) : undefined;

const wholeNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};

export async function entriesFor(event: Stripe.Event, lookup: InvoicePaymentLookup): Promise<LedgerEntry[]> {
  const object = event.data.object as unknown as Record<string, any>;
  switch (event.type) {
    case 'payment_intent.succeeded':
      return oneTimeGift(object as Stripe.PaymentIntent);
    case 'invoice.paid':
    case 'invoice.payment_succeeded':
      return invoiceGift(object as Stripe.Invoice, lookup);
    case 'charge.refunded':
      return ((object as Stripe.Charge).refunds?.data ?? []).flatMap((refund) => refundEntry(refund, idOf(object.payment_intent)));
    case 'refund.created':
    case 'refund.updated':
    case 'charge.refund.updated':
      return refundEntry(object as Stripe.Refund);
    case 'charge.dispute.closed':
      return lostDispute(object as Stripe.Dispute);
    case 'customer.subscription.deleted':
      return [{ type: 'cancellation', subscription: object.id, ...(object.metadata?.campaign ? { campaign: object.metadata.campaign } : {}) }];
    case 'customer.subscription.updated':
      return object.status === 'canceled'
        ? [{ type: 'cancellation', subscription: object.id, ...(object.metadata?.campaign ? { campaign: object.metadata.campaign } : {}) }]
        : [];
    default:
      return [];
  }
}

function oneTimeGift(intent: Stripe.PaymentIntent): PaymentEntry[] {
  const { metadata } = intent;
  const total = intent.amount_received || intent.amount;
  const gift = wholeNumber(metadata?.gift);
  if (metadata?.frequency !== 'once' || !metadata.campaign || gift === undefined || total <= 0) return [];
  return [
    {
      type: 'payment',
      id: intent.id,
      kind: 'payment',
      campaign: metadata.campaign,
      currency: intent.currency.toUpperCase(),
      gift: Math.min(gift, total),
      total,
      paymentIntent: intent.id,
      ...(metadata.donationId ? { donationId: metadata.donationId } : {}),
    },
  ];
}

async function invoiceGift(invoice: Stripe.Invoice, lookup: InvoicePaymentLookup): Promise<PaymentEntry[]> {
  const details = invoice.parent?.subscription_details;
  const metadata = details?.metadata ?? {};
  const gift = wholeNumber(metadata.gift);
  if (!invoice.id || !metadata.campaign || gift === undefined || invoice.amount_paid <= 0) return [];
  const included = invoice.payments?.data?.find((p) => p.status === 'paid') ?? invoice.payments?.data?.[0];
  const paymentIntent = idOf(included?.payment?.payment_intent) ?? (await lookup(invoice.id));
  const subscription = idOf(details?.subscription);
  return [
    {
      type: 'payment',
      id: invoice.id,
      kind: 'invoice',
      campaign: metadata.campaign,
      currency: invoice.currency.toUpperCase(),
      gift: Math.min(gift, invoice.amount_paid),
      total: invoice.amount_paid,
      ...(paymentIntent ? { paymentIntent } : {}),
      ...(metadata.donationId ? { donationId: metadata.donationId } : {}),
      ...(subscription ? { subscription } : {}),
    },
  ];
}

function refundEntry(refund: Stripe.Refund, chargePaymentIntent?: string): ReversalEntry[] {
  const paymentIntent = idOf(refund.payment_intent) ?? chargePaymentIntent;
  // A refund that failed or was cancelled gave nothing back.
  if (!paymentIntent || refund.status === 'failed' || refund.status === 'canceled' || refund.amount <= 0) return [];
  return [{ type: 'reversal', id: refund.id, kind: 'refund', paymentIntent, amount: refund.amount }];
}

function lostDispute(dispute: Stripe.Dispute): ReversalEntry[] {
  const paymentIntent = idOf(dispute.payment_intent);
  if (dispute.status !== 'lost' || !paymentIntent) return [];
  return [{ type: 'reversal', id: dispute.id, kind: 'dispute', paymentIntent, amount: dispute.amount }];
}
