/**
 * The stand-in's balance, as the real SDK reads it: each charge's and refund's balance transaction
 * in Stripe's shape, and payouts of what is available, with payout.paid and the payout's
 * transactions listed by its id.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRig, types, type Rig } from './helpers.js';

describe('stand-in balance transactions and payouts', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.close());

  async function paid(amount: number) {
    const intent = await rig.stripe.paymentIntents.create({ amount, currency: 'usd', automatic_payment_methods: { enabled: true } });
    await rig.standin.confirm(intent.id);
    return rig.stripe.charges.retrieve((await rig.stripe.paymentIntents.retrieve(intent.id)).latest_charge as string, { expand: ['balance_transaction'] });
  }

  it("gives each charge a balance transaction: gross, Stripe's fee with its breakdown, net, pending until available", async () => {
    const charge = await paid(10_256);
    const bt = charge.balance_transaction as import('stripe').Stripe.BalanceTransaction;
    expect(bt).toMatchObject({ object: 'balance_transaction', type: 'charge', reporting_category: 'charge', amount: 10_256, fee: 256, net: 10_000, currency: 'usd', source: charge.id, status: 'pending' });
    expect(bt.fee_details).toEqual([{ amount: 256, application: null, currency: 'usd', description: 'Stripe processing fees', type: 'stripe_fee' }]);
    expect(bt.available_on).toBeGreaterThan(bt.created);
    expect(await rig.stripe.balanceTransactions.retrieve(bt.id)).toEqual(bt);
    expect('_payout' in bt).toBe(false);
  });

  it('pays out what is in the balance in one payout, and lists its transactions by payout', async () => {
    const first = await paid(5_000);
    await paid(2_000);
    const refund = await rig.stripe.refunds.create({ charge: first.id, amount: 1_000 });
    const [payoutId] = await rig.standin.payOut();
    const payout = await rig.stripe.payouts.retrieve(payoutId!);
    const fees = Math.round(5_000 * 0.022) + 30 + Math.round(2_000 * 0.022) + 30;
    expect(payout).toMatchObject({ object: 'payout', status: 'paid', amount: 5_000 + 2_000 - 1_000 - fees, currency: 'usd', automatic: true, type: 'bank_account', reconciliation_status: 'completed' });
    const listed = [];
    for await (const bt of rig.stripe.balanceTransactions.list({ payout: payoutId!, limit: 2, expand: ['data.source'] })) listed.push(bt);
    expect(listed.map((bt) => bt.type).sort()).toEqual(['charge', 'charge', 'payout', 'refund']);
    const refundLine = listed.find((bt) => bt.type === 'refund')!;
    expect(refundLine).toMatchObject({ amount: -1_000, fee: 0, net: -1_000, status: 'available' });
    expect((refundLine.source as import('stripe').Stripe.Refund).id).toBe(refund.id);
    expect(listed.find((bt) => bt.type === 'payout')).toMatchObject({ amount: -payout.amount, source: { id: payoutId, object: 'payout' } });
    expect((await rig.stripe.payouts.list()).data.map((p) => p.id)).toEqual([payoutId]);
    // Nothing is left to pay out a second time.
    expect(await rig.standin.payOut()).toEqual([]);
    await rig.standin.settled();
    expect(types(rig.receiver.events)).toEqual(expect.arrayContaining(['payout.created', 'payout.paid']));
  });
});
