/**
 * Payouts: the balance paid out to the bank. A test (or the demo) calls `payOut()`, which does at
 * once what Stripe's automatic schedule does days later: every balance transaction not yet paid out
 * becomes available and is paid out, per currency, in one payout (status paid, its own balance
 * transaction), with payout.created and payout.paid events.
 */
import { emit, type Context } from './context.js';
import { payoutBalanceTransaction } from './balance-transactions.js';
import { newId, nowSeconds, type StripeObject } from './store.js';

export function payOut(ctx: Context): StripeObject[] {
  const waiting = ctx.store.all('balance_transaction').filter((t) => t._payout === null && t.type !== 'payout');
  const byCurrency = new Map<string, StripeObject[]>();
  for (const t of waiting) byCurrency.set(t.currency, [...(byCurrency.get(t.currency) ?? []), t]);
  const payouts: StripeObject[] = [];
  for (const [currency, transactions] of byCurrency) {
    const amount = transactions.reduce((sum, t) => sum + t.net, 0);
    if (amount <= 0) continue;
    const created = nowSeconds();
    const id = newId('po');
    const own = payoutBalanceTransaction(ctx, { id, amount, currency });
    const payout = ctx.store.put({
      id,
      object: 'payout',
      amount,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: created + 86_400,
      automatic: true,
      balance_transaction: own.id,
      created,
      currency,
      description: 'STRIPE PAYOUT',
      destination: 'ba_standin_bank',
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: {},
      method: 'standard',
      original_payout: null,
      payout_method: null,
      reconciliation_status: 'completed',
      reversed_by: null,
      source_type: 'card',
      statement_descriptor: null,
      status: 'pending',
      trace_id: null,
      type: 'bank_account',
    });
    for (const t of [...transactions, own]) Object.assign(t, { status: 'available', _payout: id });
    emit(ctx, 'payout.created', payout);
    payout.status = 'paid';
    emit(ctx, 'payout.paid', payout, { status: 'pending' });
    payouts.push(payout);
  }
  return payouts;
}
