/**
 * Balance transactions: what each charge and refund does to the account's balance, in Stripe's
 * shape (amount, Stripe's fee with its breakdown, net, pending until available_on). The stand-in
 * takes Stripe's US nonprofit card rate, 2.2% + 30¢; a refund returns the amount and no fee.
 */
import type { Context } from './context.js';
import { newId, nowSeconds, type StripeObject } from './store.js';

/** Stripe's discounted nonprofit card rate, which the stand-in charges every card at. */
export const STANDIN_FEE = { percent: 2.2, fixed: 30 };
const TWO_DAYS = 2 * 86_400;

function balanceTransaction(ctx: Context, fields: { amount: number; fee: number; currency: string; source: string; type: string; reportingCategory: string; description: string | null }): StripeObject {
  const created = nowSeconds();
  return ctx.store.put({
    id: newId('txn'),
    object: 'balance_transaction',
    amount: fields.amount,
    available_on: fields.type === 'payout' ? created : created + TWO_DAYS,
    balance_type: 'payments',
    created,
    currency: fields.currency,
    description: fields.description,
    exchange_rate: null,
    fee: fields.fee,
    fee_details: fields.fee ? [{ amount: fields.fee, application: null, currency: fields.currency, description: 'Stripe processing fees', type: 'stripe_fee' }] : [],
    net: fields.amount - fields.fee,
    reporting_category: fields.reportingCategory,
    source: fields.source,
    status: fields.type === 'payout' ? 'available' : 'pending',
    type: fields.type,
    // Extension kept off the wire: the payout that paid it out (Stripe answers that through the list's `payout` filter).
    _payout: null,
  });
}

/** A successful charge's balance transaction; its id goes on charge.balance_transaction. */
export function chargeBalanceTransaction(ctx: Context, charge: { id: string; amount: number; currency: string; description?: string | null }): StripeObject {
  const fee = Math.round((charge.amount * STANDIN_FEE.percent) / 100) + STANDIN_FEE.fixed;
  return balanceTransaction(ctx, { amount: charge.amount, fee, currency: charge.currency, source: charge.id, type: 'charge', reportingCategory: 'charge', description: charge.description ?? null });
}

export function refundBalanceTransaction(ctx: Context, refund: { id: string; amount: number; currency: string }): StripeObject {
  return balanceTransaction(ctx, { amount: -refund.amount, fee: 0, currency: refund.currency, source: refund.id, type: 'refund', reportingCategory: 'refund', description: 'REFUND FOR CHARGE' });
}

export function payoutBalanceTransaction(ctx: Context, payout: { id: string; amount: number; currency: string }): StripeObject {
  return balanceTransaction(ctx, { amount: -payout.amount, fee: 0, currency: payout.currency, source: payout.id, type: 'payout', reportingCategory: 'payout', description: 'STRIPE PAYOUT' });
}
