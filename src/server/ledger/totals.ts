/**
 * Each campaign's running totals, in one row of campaign_totals changed in the same transaction as
 * every entry that changes it, so GET /api/campaigns/:id reads one row however large the ledger.
 *
 * raised = the gifts of counted payments (one-time, invoices, offline) − the gift's share of what
 * was reversed against each payment. The share is taken cumulatively per PaymentIntent:
 * floor(min(reversed so far, charged) × gift / charged), so a $51.28 refund of a $102.56 charge that
 * covered the fee on a $100 gift takes $50, and refunds that add up to the whole charge take the
 * whole gift. A reversal that arrives before its payment is kept and taken when the payment comes.
 * donors = distinct donor keys (a donation's donor_hash, else the payment id: each offline gift one donor).
 *
 * recomputeTotals sums the same figures from the entries alone (a test checks the two agree);
 * rebuildTotals rewrites every derived row from the entries.
 */
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { CampaignResponse } from '../../core/api.js';
import type { Database } from './schema.js';

export interface CampaignTotals extends CampaignResponse {
  /** Subscriptions of this campaign that were cancelled. */
  cancelledSubscriptions: number;
}

/** The gift's share of what was reversed against a payment that charged `total` for `gift`. */
export function giftShareTaken(reversed: number, gift: number, total: number): number {
  if (reversed <= 0 || total <= 0) return 0;
  if (reversed >= total) return gift;
  // Exact in integers: the product can pass 2^53.
  return Number((BigInt(reversed) * BigInt(gift)) / BigInt(total));
}

interface Delta {
  raised: number;
  donors: number;
  cancelledSubscriptions: number;
  at: string;
}

/** What one transaction changes in each campaign's totals, applied once just before it commits. */
export class TotalsChanges {
  private readonly byCampaign = new Map<string, Delta>();

  add(campaign: string, change: Partial<Omit<Delta, 'at'>>, at: string): void {
    const delta = this.byCampaign.get(campaign) ?? { raised: 0, donors: 0, cancelledSubscriptions: 0, at };
    delta.raised += change.raised ?? 0;
    delta.donors += change.donors ?? 0;
    delta.cancelledSubscriptions += change.cancelledSubscriptions ?? 0;
    if (at > delta.at) delta.at = at;
    this.byCampaign.set(campaign, delta);
  }

  /** Increments, never values read earlier: concurrent transactions each add their own. Campaigns in one order, so two never wait on each other. */
  async apply(trx: Transaction<Database>): Promise<void> {
    const campaigns = [...this.byCampaign.keys()].sort();
    for (const campaign of campaigns) {
      const d = this.byCampaign.get(campaign)!;
      if (!d.raised && !d.donors && !d.cancelledSubscriptions) continue;
      await trx
        .insertInto('campaign_totals')
        .values({ campaign, raised: d.raised, donors: d.donors, cancelled_subscriptions: d.cancelledSubscriptions, updated_at: d.at })
        .onConflict((oc) =>
          oc.column('campaign').doUpdateSet({
            raised: sql`campaign_totals.raised + excluded.raised`,
            donors: sql`campaign_totals.donors + excluded.donors`,
            cancelled_subscriptions: sql`campaign_totals.cancelled_subscriptions + excluded.cancelled_subscriptions`,
            updated_at: sql`case when excluded.updated_at > campaign_totals.updated_at then excluded.updated_at else campaign_totals.updated_at end`,
          }),
        )
        .execute();
    }
    this.byCampaign.clear();
  }
}

type Figures = Pick<CampaignTotals, 'raised' | 'donors' | 'cancelledSubscriptions'> & { updatedAt: string | null };

async function withCampaign(db: Kysely<Database>, id: string, figures: Figures | undefined): Promise<CampaignTotals | undefined> {
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!campaign) return undefined;
  return fromRow({ ...campaign, raised: figures?.raised ?? 0, donors: figures?.donors ?? 0, cancelled_subscriptions: figures?.cancelledSubscriptions ?? 0, totals_at: figures?.updatedAt ?? null });
}

function fromRow(row: {
  id: string;
  name_en: string;
  name_es: string;
  name_pt: string;
  goal: number;
  currency: string;
  updated_at: string;
  raised: number | null;
  donors: number | null;
  cancelled_subscriptions: number | null;
  totals_at: string | null;
}): CampaignTotals {
  return {
    id: row.id,
    name: { en: row.name_en, es: row.name_es, pt: row.name_pt },
    currency: row.currency,
    goal: Number(row.goal),
    raised: Number(row.raised ?? 0),
    donors: Number(row.donors ?? 0),
    updatedAt: row.totals_at && row.totals_at > row.updated_at ? row.totals_at : row.updated_at,
    cancelledSubscriptions: Number(row.cancelled_subscriptions ?? 0),
  };
}

/** A campaign and its running totals: one indexed read. */
export async function readTotals(db: Kysely<Database>, id: string): Promise<CampaignTotals | undefined> {
  const row = await db
    .selectFrom('campaigns as c')
    .leftJoin('campaign_totals as t', 't.campaign', 'c.id')
    .where('c.id', '=', id)
    .select(['c.id', 'c.name_en', 'c.name_es', 'c.name_pt', 'c.goal', 'c.currency', 'c.updated_at', 't.raised', 't.donors', 't.cancelled_subscriptions', 't.updated_at as totals_at'])
    .executeTakeFirst();
  return row && fromRow(row);
}

/** Every campaign's figures summed from the entries themselves (or one campaign's). */
async function sumEntries(db: Kysely<Database>, campaign?: string): Promise<Map<string, Figures>> {
  const reversed = db
    .selectFrom('reversals')
    .where('counted', '=', 1)
    .groupBy('payment_intent')
    .select(['payment_intent', sql<number>`cast(sum(amount) as bigint)`.as('reversed'), sql<string>`max(recorded_at)`.as('latest')]);
  let paid = db
    .selectFrom('payments as p')
    .leftJoin(reversed.as('r'), 'r.payment_intent', 'p.payment_intent')
    .groupBy('p.campaign')
    .select([
      'p.campaign',
      sql<number>`coalesce(sum(p.gift), 0)`.as('gifts'),
      // The same share as giftShareTaken, in integer arithmetic on both databases.
      sql<number>`coalesce(sum(case when r.reversed is null or p.total <= 0 then 0 when r.reversed >= p.total then p.gift else r.reversed * p.gift / p.total end), 0)`.as('taken'),
      sql<string | null>`max(p.recorded_at)`.as('paid_at'),
      sql<string | null>`max(r.latest)`.as('reversed_at'),
    ]);
  let donors = db
    .selectFrom('payments as p')
    .leftJoin('donations as d', 'd.id', 'p.donation_id')
    .groupBy('p.campaign')
    .select(['p.campaign', sql<number>`count(distinct coalesce(d.donor_hash, p.id))`.as('donors')]);
  let cancelled = db
    .selectFrom('cancelled_subscriptions')
    .where('campaign', 'is not', null)
    .groupBy('campaign')
    .select(['campaign', sql<number>`count(*)`.as('count'), sql<string>`max(cancelled_at)`.as('latest')]);
  if (campaign) {
    paid = paid.where('p.campaign', '=', campaign);
    donors = donors.where('p.campaign', '=', campaign);
    cancelled = cancelled.where('campaign', '=', campaign);
  }
  const figures = new Map<string, Figures>();
  const of = (id: string) => figures.get(id) ?? figures.set(id, { raised: 0, donors: 0, cancelledSubscriptions: 0, updatedAt: null }).get(id)!;
  const latest = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));
  for (const row of await paid.execute()) {
    const f = of(row.campaign);
    f.raised = Number(row.gifts) - Number(row.taken);
    f.updatedAt = latest(row.paid_at, row.reversed_at);
  }
  for (const row of await donors.execute()) of(row.campaign).donors = Number(row.donors);
  for (const row of await cancelled.execute()) {
    const f = of(row.campaign!);
    f.cancelledSubscriptions = Number(row.count);
    f.updatedAt = latest(f.updatedAt, row.latest);
  }
  return figures;
}

/** A campaign's totals summed from the entries, as the running row must have them. */
export async function recomputeTotals(db: Kysely<Database>, id: string): Promise<CampaignTotals | undefined> {
  return withCampaign(db, id, (await sumEntries(db, id)).get(id));
}

/**
 * Rewrites every derived row (payment_intents, campaign_donors, campaign_totals) from the entries:
 * the migration's backfill, and after rows are loaded in bulk. On PostgreSQL the tables are locked
 * for the while (stripe_events first, which every webhook's transaction takes first), so writes
 * wait for it rather than interleave with it.
 */
export async function rebuildTotals(db: Kysely<Database>): Promise<void> {
  if (db.isTransaction) return rebuild(db as Transaction<Database>);
  await db.transaction().execute(rebuild);
}

async function rebuild(trx: Transaction<Database>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`LOCK TABLE stripe_events, payments, reversals, cancelled_subscriptions, payment_intents, campaign_donors, campaign_totals IN EXCLUSIVE MODE`.execute(trx);
  }
  await trx.deleteFrom('payment_intents').execute();
  await trx
    .insertInto('payment_intents')
    .columns(['id', 'reversed'])
    .expression(trx.selectFrom('reversals').groupBy('payment_intent').select(['payment_intent', sql<number>`cast(sum(case when counted = 1 then amount else 0 end) as bigint)`.as('reversed')]))
    .execute();
  await trx.deleteFrom('campaign_donors').execute();
  await trx
    .insertInto('campaign_donors')
    .columns(['campaign', 'donor_key'])
    .expression(trx.selectFrom('payments as p').leftJoin('donations as d', 'd.id', 'p.donation_id').select(['p.campaign', sql<string>`coalesce(d.donor_hash, p.id)`.as('donor_key')]).distinct())
    .execute();
  const figures = await sumEntries(trx);
  await trx.deleteFrom('campaign_totals').execute();
  const at = new Date().toISOString();
  for (const [campaign, f] of figures) {
    await trx
      .insertInto('campaign_totals')
      .values({ campaign, raised: f.raised, donors: f.donors, cancelled_subscriptions: f.cancelledSubscriptions, updated_at: f.updatedAt ?? at })
      .execute();
  }
}
