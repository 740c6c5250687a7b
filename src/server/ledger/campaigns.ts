/** Campaigns and their totals: what "raised" means lives in the one query below. */
import { sql, type Kysely } from 'kysely';
import type { CampaignResponse } from '../../core/api.js';
import type { Database, CampaignTable } from './schema.js';

/** A campaign's id as it may appear in a URL: lower-case letters, digits and dashes, at most 64 (the column's width). */
export const CAMPAIGN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface Campaign {
  id: string;
  name: { en: string; es: string; pt: string };
  goal: number;
  currency: string;
}

export interface CampaignTotals extends CampaignResponse {
  /** Subscriptions of this campaign that were cancelled. */
  cancelledSubscriptions: number;
}

const toCampaign = (row: CampaignTable): Campaign => ({
  id: row.id,
  name: { en: row.name_en, es: row.name_es, pt: row.name_pt },
  goal: Number(row.goal),
  currency: row.currency,
});

export async function findCampaign(db: Kysely<Database>, id: string): Promise<Campaign | undefined> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCampaign(row);
}

export async function listCampaigns(db: Kysely<Database>): Promise<Campaign[]> {
  const rows = await db.selectFrom('campaigns').selectAll().orderBy('id').execute();
  return rows.map(toCampaign);
}

export async function saveCampaign(db: Kysely<Database>, campaign: Campaign): Promise<void> {
  const at = new Date().toISOString();
  const values = { name_en: campaign.name.en, name_es: campaign.name.es, name_pt: campaign.name.pt, goal: campaign.goal, currency: campaign.currency, updated_at: at };
  await db
    .insertInto('campaigns')
    .values({ id: campaign.id, ...values, created_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/**
 * raised = gifts of counted payments (one-time, invoices, offline) − the gift share of each refund
 * or lost dispute. A reversal takes the gift's proportion of what it gives back (a $51.28 refund
 * of a $102.56 charge that covered the fee on a $100 gift takes $50 off raised), capped at the
 * charge. A reversal that arrives before its payment waits in its table and counts once the payment
 * does, so delivery order never changes the result. Donors: distinct hashed emails, each offline
 * gift one donor.
 */
export async function campaignTotals(db: Kysely<Database>, id: string): Promise<CampaignTotals | undefined> {
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!campaign) return undefined;

  const paid = await db
    .selectFrom('payments as p')
    .leftJoin('donations as d', 'd.id', 'p.donation_id')
    .where('p.campaign', '=', id)
    .select([
      sql<number>`coalesce(sum(p.gift), 0)`.as('gifts'),
      sql<number>`count(distinct coalesce(d.donor_hash, p.id))`.as('donors'),
      sql<string | null>`max(p.recorded_at)`.as('latest'),
    ])
    .executeTakeFirstOrThrow();

  const reversed = await db
    .selectFrom('reversals as r')
    .innerJoin('payments as p', 'p.payment_intent', 'r.payment_intent')
    .where('p.campaign', '=', id)
    .select([
      sql<number>`coalesce(sum((case when r.amount > p.total then p.total else r.amount end) * p.gift / p.total), 0)`.as('gifts'),
      sql<string | null>`max(r.recorded_at)`.as('latest'),
    ])
    .executeTakeFirstOrThrow();

  const cancelled = await db
    .selectFrom('cancelled_subscriptions')
    .where('campaign', '=', id)
    .select(sql<number>`count(*)`.as('count'))
    .executeTakeFirstOrThrow();

  const updatedAt = [campaign.updated_at, paid.latest, reversed.latest].filter((t): t is string => !!t).sort().pop()!;
  const { name, goal, currency } = toCampaign(campaign);
  return {
    id,
    name,
    currency,
    goal,
    raised: Number(paid.gifts) - Number(reversed.gifts),
    donors: Number(paid.donors),
    updatedAt,
    cancelledSubscriptions: Number(cancelled.count),
  };
}
