/**
 * The console's overview: per campaign its running totals (one row each), what was given this
 * month net of what was refunded of it, and its active recurring gifts with what they bring per
 * month; the same per member site (origin and source).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { listCampaigns } from './campaigns.js';
import { readTotals } from './totals.js';
import { recurringGifts, type RecurringGift } from './recurring.js';
import type { GiftSite } from './site-columns.js';

export interface Figures {
  currency: string;
  raised: number;
  donors: number;
  thisMonth: number;
  recurring: number;
  recurringMonthly: number;
}

export interface CampaignFigures extends Figures {
  id: string;
  name: string;
  goal: number;
}

export interface SiteFigures extends Figures {
  site: GiftSite;
}

export interface Overview {
  campaigns: CampaignFigures[];
  sites: SiteFigures[];
  /** The first day of this month (UTC), YYYY-MM-DD. */
  monthStart: string;
}

/** The gift's share of what was reversed, as totals.ts takes it, in SQL. */
const kept = sql<number>`case when pi.reversed is null or pi.reversed <= 0 or p.total <= 0 then p.gift when pi.reversed >= p.total then 0 else p.gift - pi.reversed * p.gift / p.total end`;
const net = sql<number>`coalesce(sum(${kept}), 0)`;
const given = sql<string>`coalesce(p.paid_at, p.recorded_at)`;

function recurringBy<K>(gifts: RecurringGift[], key: (g: RecurringGift) => K): Map<K, { count: number; monthly: number }> {
  const by = new Map<K, { count: number; monthly: number }>();
  for (const g of gifts) {
    const k = key(g);
    const f = by.get(k) ?? { count: 0, monthly: 0 };
    f.count++;
    f.monthly += g.monthly;
    by.set(k, f);
  }
  return by;
}

export async function readOverview(db: Kysely<Database>, now = new Date()): Promise<Overview> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
  const active = await recurringGifts(db, { status: 'active', now });
  const month = await db
    .selectFrom('payments as p')
    .leftJoin('payment_intents as pi', 'pi.id', 'p.payment_intent')
    .where(sql<boolean>`p.voided_at is null`)
    .where(sql<boolean>`${given} >= ${monthStart}`)
    .groupBy('p.campaign')
    .select(['p.campaign', net.as('net')])
    .execute();
  const thisMonth = new Map(month.map((m) => [m.campaign, Number(m.net)]));
  const recurringOf = recurringBy(active, (g) => g.campaign);
  const campaigns: CampaignFigures[] = [];
  for (const campaign of await listCampaigns(db)) {
    const totals = (await readTotals(db, campaign.id))!;
    const r = recurringOf.get(campaign.id);
    campaigns.push({
      id: campaign.id,
      name: campaign.name.en,
      goal: campaign.goal,
      currency: campaign.currency,
      raised: totals.raised,
      donors: totals.donors,
      thisMonth: thisMonth.get(campaign.id) ?? 0,
      recurring: r?.count ?? 0,
      recurringMonthly: r?.monthly ?? 0,
    });
  }
  return { campaigns, sites: await siteFigures(db, active, monthStart), monthStart };
}

/** Per site (origin, source) and currency: summed from the gifts, as no running row is kept per site. */
export async function siteFigures(db: Kysely<Database>, active: RecurringGift[], monthStart: string): Promise<SiteFigures[]> {
  const rows = await db
    .selectFrom('payments as p')
    .innerJoin('donations as d', 'd.id', 'p.donation_id')
    .leftJoin('payment_intents as pi', 'pi.id', 'p.payment_intent')
    .where(sql<boolean>`p.voided_at is null`)
    .groupBy([sql`d.origin`, sql`d.source`, 'p.currency'])
    .select([
      sql<string | null>`d.origin`.as('origin'),
      sql<string | null>`d.source`.as('source'),
      'p.currency',
      net.as('raised'),
      sql<number>`count(distinct d.donor_hash)`.as('donors'),
      sql<number>`coalesce(sum(case when ${given} >= ${monthStart} then ${kept} else 0 end), 0)`.as('this_month'),
    ])
    .execute();
  const key = (site: GiftSite, currency: string) => JSON.stringify([site.origin, site.source, currency]);
  const recurringOf = recurringBy(active, (g) => key(g.site, g.currency));
  return rows
    .map((r) => {
      const site = { origin: r.origin, source: r.source };
      const rec = recurringOf.get(key(site, r.currency));
      return { site, currency: r.currency, raised: Number(r.raised), donors: Number(r.donors), thisMonth: Number(r.this_month), recurring: rec?.count ?? 0, recurringMonthly: rec?.monthly ?? 0 };
    })
    .sort((a, b) => b.raised - a.raised);
}
