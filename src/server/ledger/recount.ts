/**
 * The same figures as the running totals, counted again from the entries alone: recomputeTotals
 * for one campaign (tests check it equals the running row), rebuildTotals to rewrite every derived
 * row (the migration's backfill, and after rows are loaded in bulk). Set-based, so a million rows
 * take seconds, not a pass through the application.
 */
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { fromRow, type CampaignTotals } from './totals.js';

/** A table's column names, as the database has them at this point of the migrations. */
async function columnsOf(db: Kysely<any>, table: string): Promise<Set<string>> {
  const query = db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`
    : sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`;
  return new Set((await query.execute(db)).rows.map((r) => r.name));
}

/** A voided offline gift counts nowhere; the column is the console migration's, so the earlier migrations' backfill runs without it. */
async function liveOnly(db: Kysely<any>): Promise<ReturnType<typeof sql<boolean>>> {
  return (await columnsOf(db, 'payments')).has('voided_at') ? sql<boolean>`p.voided_at is null` : sql<boolean>`1 = 1`;
}

type Figures = Pick<CampaignTotals, 'raised' | 'donors' | 'cancelledSubscriptions'> & { updatedAt: string | null };

async function withCampaign(db: Kysely<Database>, id: string, figures: Figures | undefined): Promise<CampaignTotals | undefined> {
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!campaign) return undefined;
  return fromRow({ ...campaign, raised: figures?.raised ?? 0, donors: figures?.donors ?? 0, cancelled_subscriptions: figures?.cancelledSubscriptions ?? 0, totals_at: figures?.updatedAt ?? null });
}

/** Every campaign's figures summed from the entries themselves (or one campaign's). */
async function sumEntries(db: Kysely<Database>, campaign?: string): Promise<Map<string, Figures>> {
  const live = await liveOnly(db);
  const reversed = db
    .selectFrom('reversals')
    .where('counted', '=', 1)
    .groupBy('payment_intent')
    .select(['payment_intent', sql<number>`cast(sum(amount) as bigint)`.as('reversed'), sql<string>`max(recorded_at)`.as('latest')]);
  let paid = db
    .selectFrom('payments as p')
    .leftJoin(reversed.as('r'), 'r.payment_intent', 'p.payment_intent')
    .where(live)
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
    .where(live)
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
    .expression(trx.selectFrom('payments as p').leftJoin('donations as d', 'd.id', 'p.donation_id').where(await liveOnly(trx)).select(['p.campaign', sql<string>`coalesce(d.donor_hash, p.id)`.as('donor_key')]).distinct())
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
