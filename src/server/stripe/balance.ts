/**
 * What a charge or payout event says of Stripe's balance, read into BalanceFacts (ledger/payouts.ts):
 * - charge.succeeded / charge.updated: the charge's balance transaction (gross, fee, net), fetched
 *   when the event carries only its id (events never expand it); none yet (some methods settle
 *   later, and charge.updated brings it then) is nothing to record.
 * - payout.paid / payout.failed / payout.canceled: the payout and every balance transaction it paid
 *   out, listed by payout with each source expanded so a charge's PaymentIntent is known.
 * Only a failure to reach Stripe is thrown (the webhook then answers 5xx and Stripe delivers again).
 */
import type Stripe from 'stripe';
import type { BalanceFacts, BalanceMovement } from '../ledger/payouts.js';
import { InvalidField, isObject, isStripeId, optionalStripeId, stripeId, type StripeObject } from './fields.js';

export const BALANCE_EVENTS = new Set(['charge.succeeded', 'charge.updated', 'payout.paid', 'payout.failed', 'payout.canceled', 'payout.updated']);

const iso = (seconds: unknown) => (typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null);

function integer(object: StripeObject, field: string): number {
  const value = object[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InvalidField(field);
  return value;
}

function text(object: StripeObject, field: string): string {
  const value = object[field];
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(value)) throw new InvalidField(field);
  return value;
}

/** A balance transaction as the ledger keeps it; `known` fills what the source object tells. */
export function movementOf(bt: StripeObject, known: { paymentIntent?: string | null; method?: string | null; payout?: string | null } = {}): BalanceMovement {
  const source = isObject(bt.source) ? bt.source : undefined;
  const sourceId = source ? stripeId(bt, 'source') : optionalStripeId(bt, 'source') ?? null;
  const intent = known.paymentIntent ?? (source ? optionalStripeId(source, 'payment_intent') : undefined) ?? null;
  const details = source && isObject(source.payment_method_details) ? source.payment_method_details : undefined;
  const method = known.method ?? (details && typeof details.type === 'string' ? details.type : null);
  return {
    id: stripeId(bt, 'id'),
    type: text(bt, 'type'),
    source: sourceId,
    paymentIntent: intent,
    method,
    amount: integer(bt, 'amount'),
    fee: integer(bt, 'fee'),
    net: integer(bt, 'net'),
    currency: text(bt, 'currency').toUpperCase(),
    status: text(bt, 'status'),
    createdAt: iso(bt.created) ?? new Date().toISOString(),
    availableOn: iso(bt.available_on),
    payout: known.payout ?? null,
  };
}

export type BalanceReading = { facts: BalanceFacts; objectId: string } | { skipReason: string; objectId?: string };

export async function balanceFactsFor(event: unknown, stripe: Stripe): Promise<BalanceReading | undefined> {
  const type = isObject(event) && typeof event.type === 'string' ? event.type : undefined;
  if (!type || !BALANCE_EVENTS.has(type)) return undefined;
  const data = (event as StripeObject).data;
  const object = isObject(data) ? data.object : undefined;
  if (!isObject(object)) return { skipReason: 'no_object' };
  try {
    return type.startsWith('charge.') ? await chargeFacts(object, stripe) : await payoutFacts(object, stripe);
  } catch (error) {
    if (error instanceof InvalidField) return { skipReason: `invalid_field:${error.field}` };
    throw error;
  }
}

async function chargeFacts(charge: StripeObject, stripe: Stripe): Promise<BalanceReading> {
  const id = stripeId(charge, 'id');
  if (charge.status !== 'succeeded') return { skipReason: 'not_paid', objectId: id };
  const field = charge.balance_transaction;
  if (field === null || field === undefined) return { skipReason: 'no_balance_transaction', objectId: id };
  const bt = isObject(field) ? field : isStripeId(field) ? ((await stripe.balanceTransactions.retrieve(field)) as unknown as StripeObject) : undefined;
  if (!bt) throw new InvalidField('balance_transaction');
  const details = isObject(charge.payment_method_details) ? charge.payment_method_details : undefined;
  const movement = movementOf(bt, {
    paymentIntent: optionalStripeId(charge, 'payment_intent') ?? null,
    method: details && typeof details.type === 'string' ? details.type : null,
  });
  return { facts: { transactions: [{ ...movement, source: movement.source ?? id }] }, objectId: id };
}

async function payoutFacts(payout: StripeObject, stripe: Stripe): Promise<BalanceReading> {
  const id = stripeId(payout, 'id');
  const facts: BalanceFacts = {
    payout: {
      id,
      amount: integer(payout, 'amount'),
      currency: text(payout, 'currency').toUpperCase(),
      status: text(payout, 'status'),
      arrivalDate: iso(payout.arrival_date) ?? new Date().toISOString(),
      createdAt: iso(payout.created) ?? new Date().toISOString(),
    },
    transactions: [],
  };
  // Only a paid payout's transactions are final; a failed one's money returns to the balance.
  if (facts.payout!.status === 'paid') {
    for await (const bt of stripe.balanceTransactions.list({ payout: id, limit: 100, expand: ['data.source'] })) {
      facts.transactions.push(movementOf(bt as unknown as StripeObject, { payout: id }));
    }
  }
  return { facts, objectId: id };
}
