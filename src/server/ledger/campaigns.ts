/** Campaigns: names, goal and currency (their totals are in totals.ts). */
import type { Kysely } from 'kysely';
import type { Database, CampaignTable } from './schema.js';

/** A campaign's id as it may appear in a URL: lower-case letters, digits and dashes, at most 64 (the column's width). */
export const CAMPAIGN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface Campaign {
  id: string;
  name: { en: string; es: string; pt: string };
  goal: number;
  currency: string;
  /** Whether gifts to it are tax-deductible; null: not said yet. Left as it is when saving without it. */
  deductible?: boolean | null;
}

const toCampaign = (row: CampaignTable): Campaign => ({
  id: row.id,
  name: { en: row.name_en, es: row.name_es, pt: row.name_pt },
  goal: Number(row.goal),
  currency: row.currency,
  deductible: row.deductible === null || row.deductible === undefined ? null : Number(row.deductible) === 1,
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
  const values = {
    name_en: campaign.name.en,
    name_es: campaign.name.es,
    name_pt: campaign.name.pt,
    goal: campaign.goal,
    currency: campaign.currency,
    updated_at: at,
    ...(campaign.deductible !== undefined ? { deductible: campaign.deductible === null ? null : campaign.deductible ? 1 : 0 } : {}),
  };
  await db
    .insertInto('campaigns')
    .values({ id: campaign.id, ...values, created_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
