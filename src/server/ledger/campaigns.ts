/** Campaigns: names, goal, currency, dates and status (their totals are in totals.ts). */
import type { Kysely, Transaction } from 'kysely';
import type { Database, CampaignTable } from './schema.js';
import { recordAudit } from './audit.js';

/** A campaign's id as it may appear in a URL: lower-case letters, digits and dashes, at most 64 (the column's width). */
export const CAMPAIGN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const CAMPAIGN_STATUSES = ['open', 'closed', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Campaign dates are days at MIRA, in Boston: a campaign ending on the 31st takes gifts until midnight there. */
export const CAMPAIGN_TIME_ZONE = 'America/New_York';

export interface Campaign {
  id: string;
  name: { en: string; es: string; pt: string };
  goal: number;
  currency: string;
  /** Whether gifts to it are tax-deductible; null: not said yet. Left as it is when saving without it. */
  deductible?: boolean | null;
  /** First and last day it takes gifts (YYYY-MM-DD, inclusive); null: no limit. Left as they are when saving without them. */
  startsOn?: string | null;
  endsOn?: string | null;
  /** Left as it is when saving without it; a new campaign is open. */
  status?: CampaignStatus;
}

type Db = Kysely<Database> | Transaction<Database>;

const toCampaign = (row: CampaignTable): Campaign => ({
  id: row.id,
  name: { en: row.name_en, es: row.name_es, pt: row.name_pt },
  goal: Number(row.goal),
  currency: row.currency,
  deductible: row.deductible === null || row.deductible === undefined ? null : Number(row.deductible) === 1,
  startsOn: row.starts_on ?? null,
  endsOn: row.ends_on ?? null,
  status: row.status ?? 'open',
});

export async function findCampaign(db: Db, id: string): Promise<Campaign | undefined> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCampaign(row);
}

export async function listCampaigns(db: Db): Promise<Campaign[]> {
  const rows = await db.selectFrom('campaigns').selectAll().orderBy('id').execute();
  return rows.map(toCampaign);
}

/** Who made a change and, where it asks for one, why: written to the audit log with it. */
export interface ChangedBy {
  actor: string;
  reason?: string;
}

/**
 * Creates or updates a campaign; with `by`, the audit log gets its before and after in the same
 * transaction. Returns the campaign as it is now.
 */
export async function saveCampaign(db: Kysely<Database>, campaign: Campaign, by?: ChangedBy): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const before = await findCampaign(trx, campaign.id);
    const at = new Date().toISOString();
    const optional = {
      ...(campaign.deductible !== undefined ? { deductible: campaign.deductible === null ? null : campaign.deductible ? 1 : 0 } : {}),
      ...(campaign.startsOn !== undefined ? { starts_on: campaign.startsOn } : {}),
      ...(campaign.endsOn !== undefined ? { ends_on: campaign.endsOn } : {}),
      ...(campaign.status !== undefined ? { status: campaign.status as CampaignStatus } : {}),
    };
    const values = {
      name_en: campaign.name.en,
      name_es: campaign.name.es,
      name_pt: campaign.name.pt,
      goal: campaign.goal,
      currency: campaign.currency,
      updated_at: at,
      ...optional,
    };
    await trx
      .insertInto('campaigns')
      .values({ id: campaign.id, ...values, status: campaign.status ?? 'open', created_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    const after = (await findCampaign(trx, campaign.id))!;
    if (by) await recordAudit(trx, { actor: by.actor, action: before ? 'campaign.update' : 'campaign.create', subject: `campaign:${campaign.id}`, before, after, ...(by.reason ? { reason: by.reason } : {}) });
    return after;
  });
}

/** Close (no more gifts), archive (closed, and listed apart) or reopen a campaign. Undefined when there is none. */
export async function setCampaignStatus(db: Kysely<Database>, id: string, status: CampaignStatus, by: ChangedBy): Promise<Campaign | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await findCampaign(trx, id);
    if (!before) return undefined;
    if (before.status === status) return before;
    await trx.updateTable('campaigns').set({ status, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    const after = (await findCampaign(trx, id))!;
    const action = status === 'open' ? 'campaign.reopen' : status === 'closed' ? 'campaign.close' : 'campaign.archive';
    await recordAudit(trx, { actor: by.actor, action, subject: `campaign:${id}`, before, after, ...(by.reason ? { reason: by.reason } : {}) });
    return after;
  });
}

/** Today's date where the campaign's days are counted, as YYYY-MM-DD. */
export function campaignToday(now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: CAMPAIGN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Whether a campaign takes gifts now: closed and archived ones never, an open one from its first
 * day to its last. The reason is the stable code a refusal carries.
 */
export function takesGifts(campaign: Pick<Campaign, 'status' | 'startsOn' | 'endsOn'>, today = campaignToday()): { ok: true } | { ok: false; code: 'campaign_closed' | 'campaign_not_started' } {
  if (campaign.status === 'closed' || campaign.status === 'archived') return { ok: false, code: 'campaign_closed' };
  if (campaign.endsOn && today > campaign.endsOn) return { ok: false, code: 'campaign_closed' };
  if (campaign.startsOn && today < campaign.startsOn) return { ok: false, code: 'campaign_not_started' };
  return { ok: true };
}

/** A date as the console and the CLI take it: a real day written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
