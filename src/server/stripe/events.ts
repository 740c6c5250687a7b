/**
 * Reads a verified Stripe event and says what it counts, before anything is written. Total: any
 * body that verified gives entries or a reason to skip it, never an exception, so a malformed event
 * is acknowledged and kept as skipped instead of being retried by Stripe for days.
 * - payment_intent.succeeded: a one-time gift, when the PaymentIntent carries our `frequency: once`
 *   metadata. A subscription invoice's PaymentIntent carries none, so it is never counted twice.
 *   (processing and payment_failed count nothing: a bank debit counts once it has succeeded.)
 * - invoice.paid / invoice.payment_succeeded: a subscription's invoice (first or renewal), keyed by
 *   invoice id so the pair of events for one invoice counts once.
 * - refund.* / charge.refund.updated / charge.refunded: each refund by its id, with its status.
 * - charge.dispute.*: each dispute by its id, with what the event says of it (see ledger/reversals.ts).
 * - customer.subscription.deleted (or updated to canceled): the cancellation.
 */
import { createHash } from 'node:crypto';
import type { DisputeFact, LedgerEntry, ReversalEntry } from '../ledger/entries.js';
import { CAMPAIGN_ID } from '../ledger/campaigns.js';
import {
  InvalidField,
  amount,
  child,
  currency,
  isObject,
  isStripeId,
  listItems,
  optionalStripeId,
  readGiftMetadata,
  status,
  stripeId,
  type StripeObject,
} from './fields.js';

/** Finds the PaymentIntent that paid an invoice when the event did not include the invoice's payments. */
export type InvoicePaymentLookup = (invoiceId: string) => Promise<string | undefined>;

/** Why an event counts nothing: a stable code, kept in stripe_events.skip_reason and logged. */
export type SkipReason =
  | 'not_json'
  | 'not_an_event'
  | 'unhandled_type'
  | 'no_object'
  | 'not_a_gift'
  | 'not_paid'
  | 'not_cancelled'
  | 'no_payment_intent'
  | 'refunds_not_listed'
  | 'nothing_to_count'
  | `invalid_field:${string}`;

export interface EventEntries {
  entries: LedgerEntry[];
  /** Set when there are no entries. */
  skipReason?: SkipReason;
}

export interface ParsedEvent {
  event: unknown;
  /** Stripe's evt_… id, or for a body without a usable one a digest of it, so its redeliveries are known. */
  id: string;
  type: string;
  /** Set when the body is not an event the ledger can read at all. */
  skipReason?: SkipReason;
}

// What stripe_events.id can hold (Stripe's are evt_ and letters and digits).
const EVENT_ID = /^[\x21-\x7e]{1,255}$/;
const EVENT_TYPE = /^[a-z0-9_.]{1,255}$/;

/** Parses a verified body: whatever it holds, it gets an id and a type to be recorded under. */
export function parseEvent(payload: Uint8Array): ParsedEvent {
  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    event = undefined;
  }
  const type = isObject(event) && typeof event.type === 'string' && EVENT_TYPE.test(event.type) ? event.type : 'unknown';
  if (isObject(event) && typeof event.id === 'string' && EVENT_ID.test(event.id)) return { event, id: event.id, type };
  const digest = createHash('sha256').update(payload).digest('hex').slice(0, 40);
  const skipReason: SkipReason = event === undefined ? 'not_json' : isObject(event) ? 'invalid_field:id' : 'not_an_event';
  return { event, id: `unidentified_${digest}`, type, skipReason };
}

type Reading = LedgerEntry[] | SkipReason;
type Reader = (object: StripeObject, type: string, lookup: InvoicePaymentLookup) => Reading | Promise<Reading>;

const notPaid: Reader = () => 'not_paid';

// A Map, not an object literal: an event type is untrusted text ("constructor", "__proto__").
const READERS = new Map<string, Reader>([
  ['payment_intent.succeeded', oneTimeGift],
  ['payment_intent.processing', notPaid],
  ['payment_intent.payment_failed', notPaid],
  ['invoice.paid', invoiceGift],
  ['invoice.payment_succeeded', invoiceGift],
  ['invoice.payment_failed', notPaid],
  ['charge.refunded', chargeRefunds],
  ['refund.created', refund],
  ['refund.updated', refund],
  ['refund.failed', refund],
  ['charge.refund.updated', refund],
  ['charge.dispute.created', dispute],
  ['charge.dispute.updated', dispute],
  ['charge.dispute.funds_withdrawn', dispute],
  ['charge.dispute.funds_reinstated', dispute],
  ['charge.dispute.closed', dispute],
  ['customer.subscription.deleted', cancellation],
  ['customer.subscription.updated', (object) => (status(object) === 'canceled' ? cancellation(object) : 'not_cancelled')],
]);

export async function entriesFor(event: unknown, lookup: InvoicePaymentLookup): Promise<EventEntries> {
  const type = isObject(event) && typeof event.type === 'string' ? event.type : undefined;
  const read = type === undefined ? undefined : READERS.get(type);
  if (!read) return { entries: [], skipReason: 'unhandled_type' };
  const data = (event as StripeObject).data;
  const object = isObject(data) ? data.object : undefined;
  if (!isObject(object)) return { entries: [], skipReason: 'no_object' };
  try {
    const reading = await read(object, type!, lookup);
    if (typeof reading === 'string') return { entries: [], skipReason: reading };
    return reading.length ? { entries: reading } : { entries: [], skipReason: 'nothing_to_count' };
  } catch (error) {
    if (error instanceof InvalidField) return { entries: [], skipReason: `invalid_field:${error.field}` };
    throw error;
  }
}

function oneTimeGift(intent: StripeObject): Reading {
  const metadata = readGiftMetadata(intent.metadata);
  if (!metadata || metadata.frequency !== 'once') return 'not_a_gift';
  const id = stripeId(intent, 'id');
  const received = intent.amount_received === undefined ? 0 : amount(intent, 'amount_received');
  const total = received || amount(intent, 'amount');
  if (total <= 0) return 'not_paid';
  return [
    {
      type: 'payment',
      id,
      kind: 'payment',
      campaign: metadata.campaign,
      currency: currency(intent),
      gift: Math.min(metadata.gift, total),
      total,
      paymentIntent: id,
      ...(metadata.donationId ? { donationId: metadata.donationId } : {}),
    },
  ];
}

async function invoiceGift(invoice: StripeObject, _type: string, lookup: InvoicePaymentLookup): Promise<Reading> {
  const parent = child(invoice, 'parent');
  const details = parent && child(parent, 'subscription_details');
  const metadata = details && readGiftMetadata(details.metadata, 'parent.subscription_details.metadata');
  if (!metadata) return 'not_a_gift';
  const id = stripeId(invoice, 'id');
  const paid = amount(invoice, 'amount_paid');
  if (paid <= 0) return 'not_paid';
  const invoiceCurrency = currency(invoice);
  const payments = listItems(invoice, 'payments');
  const included = payments.find((p) => p.status === 'paid') ?? payments[0];
  const payment = included && child(included, 'payment');
  const lookedUp = (payment && optionalStripeId(payment, 'payment_intent')) ?? (await lookup(id));
  const paymentIntent = lookedUp && isStripeId(lookedUp) ? lookedUp : undefined;
  const subscription = optionalStripeId(details, 'subscription');
  return [
    {
      type: 'payment',
      id,
      kind: 'invoice',
      campaign: metadata.campaign,
      currency: invoiceCurrency,
      gift: Math.min(metadata.gift, paid),
      total: paid,
      ...(paymentIntent ? { paymentIntent } : {}),
      ...(metadata.donationId ? { donationId: metadata.donationId } : {}),
      ...(subscription ? { subscription } : {}),
    },
  ];
}

function refundEntry(refund: StripeObject, chargePaymentIntent?: string): ReversalEntry | SkipReason {
  const id = stripeId(refund, 'id');
  const paymentIntent = optionalStripeId(refund, 'payment_intent') ?? chargePaymentIntent;
  if (!paymentIntent) return 'no_payment_intent';
  const refunded = amount(refund, 'amount');
  if (refunded <= 0) return 'nothing_to_count';
  // Stripe documents a refund's status as nullable; one without is on its way.
  return { type: 'reversal', id, kind: 'refund', paymentIntent, amount: refunded, status: status(refund, 'pending') };
}

function refund(object: StripeObject): Reading {
  const entry = refundEntry(object);
  return typeof entry === 'string' ? entry : [entry];
}

/** charge.refunded lists the charge's refunds only where the API version includes them; refund.* events carry each anyway. */
function chargeRefunds(charge: StripeObject): Reading {
  const refunds = listItems(charge, 'refunds');
  if (!refunds.length) return 'refunds_not_listed';
  const chargePaymentIntent = optionalStripeId(charge, 'payment_intent');
  const read = refunds.map((r) => refundEntry(r, chargePaymentIntent));
  const entries = read.filter((r): r is ReversalEntry => typeof r !== 'string');
  return entries.length ? entries : (read[0] as SkipReason);
}

const WON = new Set(['won', 'warning_closed', 'prevented']);

function dispute(object: StripeObject, type: string): Reading {
  const id = stripeId(object, 'id');
  const paymentIntent = optionalStripeId(object, 'payment_intent');
  if (!paymentIntent) return 'no_payment_intent';
  const disputed = amount(object, 'amount');
  const verdict = status(object);
  const facts: DisputeFact[] = [];
  if (verdict === 'lost') facts.push('lost');
  if (WON.has(verdict)) facts.push('won');
  if (type === 'charge.dispute.funds_withdrawn') facts.push('withdrawn');
  if (type === 'charge.dispute.funds_reinstated') facts.push('reinstated');
  // The dispute's balance transactions tell the same, for an endpoint not sent the funds events.
  for (const movement of Array.isArray(object.balance_transactions) ? object.balance_transactions : []) {
    const moved = isObject(movement) ? movement.amount : undefined;
    if (typeof moved === 'number' && moved !== 0) facts.push(moved < 0 ? 'withdrawn' : 'reinstated');
  }
  return [{ type: 'reversal', id, kind: 'dispute', paymentIntent, amount: disputed, facts }];
}

function cancellation(subscription: StripeObject): Reading {
  const id = stripeId(subscription, 'id');
  const campaign = child(subscription, 'metadata')?.campaign;
  if (campaign !== undefined && (typeof campaign !== 'string' || !CAMPAIGN_ID.test(campaign))) throw new InvalidField('metadata.campaign');
  return [{ type: 'cancellation', subscription: id, ...(campaign ? { campaign } : {}) }];
}
