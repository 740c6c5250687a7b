/**
 * Where a gift came from: `donations.origin` (the page's origin) and `donations.source` (the
 * element's `source` attribute), added by the member sites' migration ('2026-12-20-030-sites').
 * Until that migration is in this ledger the console's queries read no site and offer no site
 * filter; once it is, they group and filter by both. This is the one place that asks.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

const known = new WeakMap<Kysely<any>, Promise<boolean>>();

/** Whether donations has the origin and source columns (asked once per database handle). */
export function hasSiteColumns(db: Kysely<Database>): Promise<boolean> {
  let answer = known.get(db);
  if (!answer) {
    answer = columnsOf(db, 'donations').then((columns) => columns.has('origin') && columns.has('source'));
    known.set(db, answer);
  }
  return answer;
}

/** A table's column names, as the database has them now (a migration may not have added one yet). */
export async function columnsOf(db: Kysely<any>, table: string): Promise<Set<string>> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const query = postgres
    ? sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`
    : sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`;
  return new Set((await query.execute(db)).rows.map((r) => r.name));
}

/** A site as the console shows it: the page's origin, and the member's `source` when it gave one. */
export interface GiftSite {
  origin: string | null;
  source: string | null;
}

/** "https://cosecha.org · cosecha", for lists and exports. */
export function siteLabel(site: GiftSite): string {
  return [site.origin, site.source].filter(Boolean).join(' · ');
}
