/** A cardholder disputing a charge, and the bank's verdict (lost: the gift comes back out; won: it stays). */
import { emit, type Context } from './context.js';
import { newId, nowSeconds, type StripeObject } from './store.js';

export function openDispute(ctx: Context, charge: StripeObject): StripeObject {
  const dispute = ctx.store.put({
    id: newId('du'),
    object: 'dispute',
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: {},
    evidence_details: { due_by: nowSeconds() + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: { card: { brand: charge.payment_method_details.card.brand, case_type: 'chargeback', network_reason_code: '10.4' }, type: 'card' },
    reason: 'fraudulent',
    status: 'needs_response',
  });
  charge.disputed = true;
  emit(ctx, 'charge.dispute.created', dispute);
  emit(ctx, 'charge.dispute.funds_withdrawn', dispute);
  return dispute;
}

export function closeDispute(ctx: Context, dispute: StripeObject, outcome: 'lost' | 'won'): void {
  const previous = { status: dispute.status };
  dispute.status = outcome;
  emit(ctx, 'charge.dispute.closed', dispute, previous);
  if (outcome === 'won') emit(ctx, 'charge.dispute.funds_reinstated', dispute);
}
