/**
 * What Stripe moved in the balance, for the payout reconciliation: each charge's balance
 * transaction (gross, Stripe's fee, net), each refund's, and each payout with the transactions it
 * paid out. Recorded from webhooks (charge.succeeded / charge.updated, payout.paid) with the event
 * in one transaction; every row is an upsert that only ever adds what was not known (a payout, a
 * PaymentIntent), so events in any order and any number of times leave the same rows.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { EventRecord } from './events.js';

export interface BalanceMovement {
  id: string;
  type: string;
  source: string | null;
  paymentIntent: string | null;
  method: string | null;
  amount: number;
  fee: number;
  net: number;
  currency: string;
  status: string;
  createdAt: string;
  availableOn: string | null;
  payout: string | null;
}

export interface PayoutFacts {
  id: string;
  amount: number;
  currency: string;
  status: string;
  arrivalDate: string;
  createdAt: string;
}

export interface BalanceFacts {
  transactions: BalanceMovement[];
  payout?: PayoutFacts;
}

/** Records the event and the balance facts it brought; false when the event was already recorded. */
export async function recordBalanceEvent(db: Kysely<Database>, event: EventRecord, facts: BalanceFacts): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const inserted = await trx
      .insertInto('stripe_events')
      .values({ id: event.id, type: event.type, received_at: at, outcome: 'applied', skip_reason: null, object_id: event.objectId ?? null })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    if (facts.payout) {
      const p = facts.payout;
      await trx
        .insertInto('payouts')
        .values({ id: p.id, amount: p.amount, currency: p.currency, status: p.status, arrival_date: p.arrivalDate, created_at: p.createdAt, recorded_at: at })
        .onConflict((oc) => oc.column('id').doUpdateSet({ status: sql`excluded.status`, amount: sql`excluded.amount`, arrival_date: sql`excluded.arrival_date` }))
        .execute();
    }
    for (const t of facts.transactions) {
      await trx
        .insertInto('balance_transactions')
        .values({
          id: t.id,
          type: t.type,
          source: t.source,
          payment_intent: t.paymentIntent,
          method: t.method,
          amount: t.amount,
          fee: t.fee,
          net: t.net,
          currency: t.currency,
          status: t.status,
          created_at: t.createdAt,
          available_on: t.availableOn,
          payout: t.payout,
          recorded_at: at,
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            payout: sql`coalesce(excluded.payout, balance_transactions.payout)`,
            payment_intent: sql`coalesce(excluded.payment_intent, balance_transactions.payment_intent)`,
            method: sql`coalesce(excluded.method, balance_transactions.method)`,
            source: sql`coalesce(excluded.source, balance_transactions.source)`,
            // pending → available, never back: a charge's event read before its payout can come after it.
            status: sql`case when balance_transactions.status = 'available' then balance_transactions.status else excluded.status end`,
          }),
        )
        .execute();
    }
    return true;
  });
}

export interface PayoutSummary {
  id: string;
  arrivalDate: string;
  status: string;
  currency: string;
  /** What the bank receives: Stripe's figure. */
  amount: number;
  /** Summed from the transactions the ledger holds for it (the payout's own left out). */
  gross: number;
  fees: number;
  net: number;
  gifts: number;
  /** Whether the transactions held add up to the payout: if not, some were not (yet) recorded. */
  complete: boolean;
}

const sums = (db: Kysely<Database>) =>
  db
    .selectFrom('balance_transactions')
    .where('payout', 'is not', null)
    .where('type', '<>', 'payout')
    .groupBy('payout')
    .select([
      'payout',
      sql<number>`sum(amount)`.as('gross'),
      sql<number>`sum(fee)`.as('fees'),
      sql<number>`sum(net)`.as('net'),
      sql<number>`sum(case when type in ('charge', 'payment') then 1 else 0 end)`.as('gifts'),
    ]);

/** Payouts newest first (arriving in [from, to] when given), with their sums. */
export async function listPayouts(db: Kysely<Database>, options: { limit?: number; from?: string; to?: string; id?: string } = {}): Promise<PayoutSummary[]> {
  let query = db
    .selectFrom('payouts as p')
    .leftJoin(sums(db).as('s'), 's.payout', 'p.id')
    .select(['p.id', 'p.arrival_date', 'p.status', 'p.currency', 'p.amount', 's.gross', 's.fees', 's.net', 's.gifts'])
    .orderBy('p.arrival_date', 'desc')
    .orderBy('p.id', 'desc')
    .limit(options.limit ?? 100);
  if (options.id) query = query.where('p.id', '=', options.id);
  if (options.from) query = query.where('p.arrival_date', '>=', options.from);
  if (options.to) query = query.where('p.arrival_date', '<=', `${options.to}T23:59:59.999Z`);
  return (await query.execute()).map((r) => ({
    id: r.id,
    arrivalDate: r.arrival_date,
    status: r.status,
    currency: r.currency,
    amount: Number(r.amount),
    gross: Number(r.gross ?? 0),
    fees: Number(r.fees ?? 0),
    net: Number(r.net ?? 0),
    gifts: Number(r.gifts ?? 0),
    complete: Number(r.net ?? 0) === Number(r.amount),
  }));
}

export interface PayoutLine {
  transaction: string;
  type: string;
  source: string | null;
  amount: number;
  fee: number;
  net: number;
  /** The gift the money belongs to, when the ledger counted one for its PaymentIntent. */
  gift?: { id: string; campaign: string; donorName: string | null; givenAt: string; receiptNumber: string | null };
}

export async function readPayout(db: Kysely<Database>, id: string): Promise<{ payout: PayoutSummary; lines: PayoutLine[] } | undefined> {
  const [payout] = await listPayouts(db, { id });
  if (!payout) return undefined;
  const rows = await db
    .selectFrom('balance_transactions as bt')
    .leftJoin('payments as p', 'p.payment_intent', 'bt.payment_intent')
    .leftJoin('donations as d', 'd.id', 'p.donation_id')
    .where('bt.payout', '=', id)
    .where('bt.type', '<>', 'payout')
    .select(['bt.id', 'bt.type', 'bt.source', 'bt.amount', 'bt.fee', 'bt.net', 'bt.created_at', 'p.id as payment', 'p.campaign', 'p.receipt_number', sql<string>`coalesce(p.paid_at, p.recorded_at)`.as('given_at'), 'd.donor_name'])
    .orderBy('bt.created_at')
    .orderBy('bt.id')
    .execute();
  return {
    payout,
    lines: rows.map((r) => ({
      transaction: r.id,
      type: r.type,
      source: r.source,
      amount: Number(r.amount),
      fee: Number(r.fee),
      net: Number(r.net),
      ...(r.payment ? { gift: { id: r.payment, campaign: r.campaign!, donorName: r.donor_name, givenAt: r.given_at, receiptNumber: r.receipt_number } } : {}),
    })),
  };
}
