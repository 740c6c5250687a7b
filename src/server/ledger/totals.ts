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
 * recount.ts counts the same figures again from the entries alone.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CampaignResponse } from '../../core/api.js';
import type { Database } from './schema.js';
import { takesGifts } from './campaigns.js';

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

/** A campaign row with its totals (none yet: zeros) as the API gives them. */
export function fromRow(row: {
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
    .select(['c.id', 'c.name_en', 'c.name_es', 'c.name_pt', 'c.goal', 'c.currency', 'c.updated_at', 'c.status', 'c.starts_on', 'c.ends_on', 't.raised', 't.donors', 't.cancelled_subscriptions', 't.updated_at as totals_at'])
    .executeTakeFirst();
  return row && { ...fromRow(row), open: takesGifts({ status: row.status, startsOn: row.starts_on, endsOn: row.ends_on }).ok };
}
