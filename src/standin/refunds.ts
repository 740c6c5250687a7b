/** Refunds, full or partial, of a PaymentIntent's successful charge. */
import { refundBalanceTransaction } from './balance-transactions.js';
import { emit, type Context } from './context.js';
import { invalidRequest, noSuchObject } from './errors.js';
import type { Metadata } from './params.js';
import { newId, nowSeconds, type StripeObject } from './store.js';

export interface RefundRequest {
  paymentIntent?: string;
  charge?: string;
  amount?: number;
  reason?: string;
  metadata: Metadata;
}

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

function chargeToRefund(ctx: Context, request: RefundRequest): StripeObject {
  if (request.charge) {
    const charge = ctx.store.get(request.charge, 'charge');
    if (!charge) throw noSuchObject('charge', request.charge, 'charge');
    return charge;
  }
  if (!request.paymentIntent) throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.');
  const intent = ctx.store.get(request.paymentIntent, 'payment_intent');
  if (!intent) throw noSuchObject('payment_intent', request.paymentIntent, 'payment_intent');
  const charge = intent.status === 'succeeded' ? ctx.store.get(intent.latest_charge, 'charge') : undefined;
  if (!charge) throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, 'payment_intent');
  return charge;
}

export function createRefund(ctx: Context, request: RefundRequest): StripeObject {
  const charge = chargeToRefund(ctx, request);
  if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, 'charge');
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
  const amount = request.amount ?? remaining;
  if (amount < 1) throw invalidRequest('Invalid positive integer', 'amount');
  if (amount > remaining) {
    const money = (minor: number) => `$${(minor / 100).toFixed(2)}`;
    throw invalidRequest(`Refund amount (${money(amount)}) is greater than unrefunded amount on charge (${money(remaining)})`, 'amount');
  }
  if (request.reason !== undefined && !REASONS.includes(request.reason)) throw invalidRequest(`Invalid reason: must be one of ${REASONS.join(', ')}`, 'reason');
  const refund = ctx.store.put({
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    metadata: request.metadata,
    payment_intent: charge.payment_intent,
    reason: request.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  });
  refund.balance_transaction = refundBalanceTransaction(ctx, refund as StripeObject & { amount: number; currency: string }).id;
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  charge.refunds.data.unshift(ctx.store.render(refund));
  emit(ctx, 'refund.created', refund);
  emit(ctx, 'charge.refunded', charge, previous);
  return refund;
}
