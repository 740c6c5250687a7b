/**
 * Balance transactions and payouts as the ledger keeps them, on SQLite and PostgreSQL: whatever the
 * order and however often charge.succeeded and payout.paid arrive, each transaction ends with its
 * PaymentIntent, method and payout, and the payout's sums are the same.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { listPayouts, recordBalanceEvent, type BalanceFacts, type BalanceMovement } from '../../../src/server/ledger/payouts.js';
import { BACKENDS, openTestLedger } from '../helpers.js';
import { permutations } from '../ledger/streams.js';

const movement = (m: Partial<BalanceMovement> & Pick<BalanceMovement, 'id' | 'type' | 'amount' | 'fee'>): BalanceMovement => ({
  source: null,
  paymentIntent: null,
  method: null,
  currency: 'USD',
  status: 'pending',
  createdAt: '2026-06-01T10:00:00.000Z',
  availableOn: null,
  payout: null,
  net: m.amount - m.fee,
  ...m,
});

// What each event tells: a charge's own (its PaymentIntent and card, no payout yet), and the payout's list (payout, no method).
const charge = (n: number, amount: number): BalanceFacts => ({
  transactions: [movement({ id: `txn_ch${n}`, type: 'charge', amount, fee: Math.round(amount * 0.022) + 30, source: `ch_${n}`, paymentIntent: `pi_${n}`, method: 'card' })],
});
const payout: BalanceFacts = {
  payout: { id: 'po_1', amount: 10_000 + 5_000 - 1_000 - 250 - 140, currency: 'USD', status: 'paid', arrivalDate: '2026-06-03T00:00:00.000Z', createdAt: '2026-06-02T00:00:00.000Z' },
  transactions: [
    movement({ id: 'txn_ch1', type: 'charge', amount: 10_000, fee: 250, source: 'ch_1', paymentIntent: 'pi_1', payout: 'po_1', status: 'available' }),
    movement({ id: 'txn_ch2', type: 'charge', amount: 5_000, fee: 140, source: 'ch_2', payout: 'po_1', status: 'available' }),
    movement({ id: 'txn_re1', type: 'refund', amount: -1_000, fee: 0, source: 're_1', paymentIntent: 'pi_2', payout: 'po_1', status: 'available' }),
    movement({ id: 'txn_po1', type: 'payout', amount: -13_610, fee: 0, source: 'po_1', payout: 'po_1', status: 'available' }),
  ],
};

describe.each(BACKENDS)('payouts in the ledger on %s', (backend) => {
  let ledger: Ledger;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ ledger, drop } = await openTestLedger(backend));
  });
  afterEach(() => drop());

  it('ends the same whatever order the events come in, each twice', async () => {
    const events = [
      { id: 'evt_c1', type: 'charge.succeeded', facts: charge(1, 10_000) },
      { id: 'evt_c2', type: 'charge.succeeded', facts: charge(2, 5_000) },
      { id: 'evt_po', type: 'payout.paid', facts: payout },
    ];
    const outcomes: unknown[] = [];
    for (const order of permutations(events)) {
      await ledger.db.deleteFrom('balance_transactions').execute();
      await ledger.db.deleteFrom('payouts').execute();
      await ledger.db.deleteFrom('stripe_events').execute();
      for (const e of [...order, ...order]) await recordBalanceEvent(ledger.db, { id: e.id, type: e.type, objectId: e.id }, e.facts);
      const rows = await ledger.db.selectFrom('balance_transactions').select(['id', 'payment_intent', 'method', 'payout', 'status']).orderBy('id').execute();
      outcomes.push({ rows, payouts: await listPayouts(ledger.db) });
    }
    for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0]);
    const [first] = outcomes as Array<{ rows: Array<Record<string, unknown>>; payouts: Awaited<ReturnType<typeof listPayouts>> }>;
    expect(first!.rows.find((r) => r.id === 'txn_ch2')).toMatchObject({ payment_intent: 'pi_2', method: 'card', payout: 'po_1', status: 'available' });
    expect(first!.payouts).toEqual([
      { id: 'po_1', arrivalDate: '2026-06-03T00:00:00.000Z', status: 'paid', currency: 'USD', amount: 13_610, gross: 14_000, fees: 390, net: 13_610, gifts: 2, complete: true },
    ]);
  });
});
