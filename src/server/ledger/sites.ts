/**
 * Member organizations and their sites: the origins whose pages may take gifts (beside
 * ALLOWED_ORIGINS), the origins that tried and were refused (so adding a member's new site is one
 * action), and what each site raised.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { recordAudit } from './audit.js';
import type { ChangedBy } from './campaigns.js';

/** A member's id: lower-case letters, digits and dashes, like a campaign's (`cosecha`). */
export const MEMBER_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** At most this many refused origins are kept: the ones seen last. Anyone can send any Origin. */
export const MAX_REFUSED_ORIGINS = 500;

const MAX_ORIGIN = 255;

type Db = Kysely<Database> | Transaction<Database>;

export interface Member {
  id: string;
  name: string;
  contact: { name: string | null; email: string | null };
  /** Its sites' origins, in order. */
  sites: string[];
}

export interface RefusedOrigin {
  origin: string;
  attempts: number;
  firstSeen: string;
  lastSeen: string;
}

/**
 * `scheme://host[:port]` of an http(s) page, as browsers send it in Origin (a trailing slash and
 * upper case forgiven, as an operator may type them), or undefined: a path, `null`, junk.
 */
export function siteOrigin(value: string | undefined | null): string | undefined {
  const text = value?.trim().replace(/\/$/, '');
  if (!text || text.length > MAX_ORIGIN) return undefined;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin === text.toLowerCase() ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export async function listMembers(db: Db): Promise<Member[]> {
  const members = await db.selectFrom('members').selectAll().orderBy('name').execute();
  const sites = await db.selectFrom('member_sites').select(['origin', 'member_id']).orderBy('origin').execute();
  return members.map((m) => ({
    id: m.id,
    name: m.name,
    contact: { name: m.contact_name, email: m.contact_email },
    sites: sites.filter((s) => s.member_id === m.id).map((s) => s.origin),
  }));
}

export async function findMember(db: Db, id: string): Promise<Member | undefined> {
  return (await listMembers(db)).find((m) => m.id === id);
}

export interface MemberDetails {
  id: string;
  name: string;
  contact?: { name?: string | null; email?: string | null };
}

/** Adds a member organization or changes its name and contact, with the audit log's before and after. */
export async function saveMember(db: Kysely<Database>, member: MemberDetails, by: ChangedBy): Promise<Member> {
  return db.transaction().execute(async (trx) => {
    const before = await findMember(trx, member.id);
    const at = new Date().toISOString();
    const values = { name: member.name, contact_name: member.contact?.name || null, contact_email: member.contact?.email || null, updated_at: at };
    await trx
      .insertInto('members')
      .values({ id: member.id, ...values, created_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    const after = (await findMember(trx, member.id))!;
    await recordAudit(trx, { actor: by.actor, action: before ? 'member.update' : 'member.create', subject: `member:${member.id}`, before, after });
    return after;
  });
}

export type AddSiteResult = { added: true } | { added: false; reason: 'no_member' | 'taken'; member?: string };

/** Gives a member a site: its origin may take gifts from now on, and leaves the refused list. */
export async function addSite(db: Kysely<Database>, origin: string, memberId: string, by: ChangedBy): Promise<AddSiteResult> {
  return db.transaction().execute(async (trx) => {
    const member = await trx.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst();
    if (!member) return { added: false, reason: 'no_member' } as const;
    const inserted = await trx
      .insertInto('member_sites')
      .values({ origin, member_id: memberId, added_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('origin').doNothing())
      .returning('origin')
      .executeTakeFirst();
    if (!inserted) {
      const owner = await trx.selectFrom('member_sites').select('member_id').where('origin', '=', origin).executeTakeFirst();
      return { added: false, reason: 'taken', ...(owner ? { member: owner.member_id } : {}) } as const;
    }
    const refused = await trx.selectFrom('refused_origins').selectAll().where('origin', '=', origin).executeTakeFirst();
    await trx.deleteFrom('refused_origins').where('origin', '=', origin).execute();
    await recordAudit(trx, {
      actor: by.actor,
      action: 'site.add',
      subject: `site:${origin}`,
      after: { origin, member: memberId },
      ...(refused ? { before: { refused: { attempts: Number(refused.attempts), firstSeen: refused.first_seen, lastSeen: refused.last_seen } } } : {}),
    });
    return { added: true } as const;
  });
}

/** Takes a site away: its pages take no more gifts (once each process's short cache has passed). */
export async function removeSite(db: Kysely<Database>, origin: string, by: ChangedBy): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const site = await trx.selectFrom('member_sites').selectAll().where('origin', '=', origin).executeTakeFirst();
    if (!site) return false;
    await trx.deleteFrom('member_sites').where('origin', '=', origin).execute();
    await recordAudit(trx, { actor: by.actor, action: 'site.remove', subject: `site:${origin}`, before: { origin, member: site.member_id }, ...(by.reason ? { reason: by.reason } : {}) });
    return true;
  });
}

/** Every member site's origin. */
export async function siteOrigins(db: Db): Promise<string[]> {
  return (await db.selectFrom('member_sites').select('origin').execute()).map((row) => row.origin);
}

/** Counts one refused attempt from `origin` (a valid origin: callers check); the list stays bounded. */
export async function recordRefusedOrigin(db: Kysely<Database>, origin: string): Promise<void> {
  const at = new Date().toISOString();
  const row = await db
    .insertInto('refused_origins')
    .values({ origin, attempts: 1, first_seen: at, last_seen: at })
    .onConflict((oc) => oc.column('origin').doUpdateSet({ attempts: sql`refused_origins.attempts + 1`, last_seen: at }))
    .returning('attempts')
    .executeTakeFirst();
  // A new row may take the list past its bound: the ones seen longest ago go.
  if (row && Number(row.attempts) === 1) {
    const kept = db.selectFrom('refused_origins').select('origin').orderBy('last_seen', 'desc').orderBy('origin').limit(MAX_REFUSED_ORIGINS);
    await db.deleteFrom('refused_origins').where('origin', 'not in', kept).execute();
  }
}

export async function listRefusedOrigins(db: Db): Promise<RefusedOrigin[]> {
  const rows = await db.selectFrom('refused_origins').selectAll().orderBy('last_seen', 'desc').limit(MAX_REFUSED_ORIGINS).execute();
  return rows.map((r) => ({ origin: r.origin, attempts: Number(r.attempts), firstSeen: r.first_seen, lastSeen: r.last_seen }));
}

/** What the gifts made on one site (or with one source) raised for one campaign. */
export interface SiteTotals {
  /** The page's origin; null for gifts made on no page (offline gifts, gifts from before this was kept). */
  origin: string | null;
  /** The element's `source` attribute; null when it had none. */
  source: string | null;
  /** The member whose site the origin is, if it is one now. */
  member: { id: string; name: string } | null;
  campaign: string;
  currency: string;
  /** As a campaign's raised counts: gifts of counted payments less the gift's share of what was given back. */
  raised: number;
  /** Counted payments (one-time gifts, each paid invoice, offline gifts). */
  payments: number;
  donors: number;
}

export interface SiteTotalsQuery {
  campaign?: string;
  /** Only payments made from this moment (ISO 8601): "this month". */
  since?: string;
}

/**
 * Raised, payments and donors per origin, source and campaign, counted from the entries the same
 * way the campaign's running totals are (recount.ts), for the overview and the exports.
 */
export async function totalsBySite(db: Db, query: SiteTotalsQuery = {}): Promise<SiteTotals[]> {
  const reversed = db
    .selectFrom('reversals')
    .where('counted', '=', 1)
    .groupBy('payment_intent')
    .select(['payment_intent', sql<number>`cast(sum(amount) as bigint)`.as('reversed')]);
  let rows = db
    .selectFrom('payments as p')
    .leftJoin('donations as d', 'd.id', 'p.donation_id')
    .leftJoin(reversed.as('r'), 'r.payment_intent', 'p.payment_intent')
    // A voided offline gift was never given: it counts nowhere, as in the campaign's totals.
    .where('p.voided_at', 'is', null)
    .groupBy(['d.origin', 'd.source', 'p.campaign', 'p.currency'])
    .select([
      'd.origin',
      'd.source',
      'p.campaign',
      'p.currency',
      sql<number>`coalesce(sum(p.gift), 0)`.as('gifts'),
      sql<number>`coalesce(sum(case when r.reversed is null or p.total <= 0 then 0 when r.reversed >= p.total then p.gift else r.reversed * p.gift / p.total end), 0)`.as('taken'),
      sql<number>`count(*)`.as('payments'),
      sql<number>`count(distinct coalesce(d.donor_hash, p.id))`.as('donors'),
    ]);
  if (query.campaign) rows = rows.where('p.campaign', '=', query.campaign);
  if (query.since) rows = rows.where(sql<string>`coalesce(p.paid_at, p.recorded_at)`, '>=', query.since);
  const owners = await db.selectFrom('member_sites as s').innerJoin('members as m', 'm.id', 's.member_id').select(['s.origin', 'm.id', 'm.name']).execute();
  const byOrigin = new Map(owners.map((o) => [o.origin, { id: o.id, name: o.name }]));
  return (await rows.execute())
    .map((row) => ({
      origin: row.origin ?? null,
      source: row.source ?? null,
      member: (row.origin && byOrigin.get(row.origin)) || null,
      campaign: row.campaign,
      currency: row.currency,
      raised: Number(row.gifts) - Number(row.taken),
      payments: Number(row.payments),
      donors: Number(row.donors),
    }))
    .sort((a, b) => b.raised - a.raised || String(a.origin).localeCompare(String(b.origin)));
}

/**
 * How long a process trusts its copy of the member sites' origins. A site added or removed in this
 * process takes effect at once (the copy is dropped); in another process, within this long.
 */
export const SITE_ORIGINS_FRESH_MS = 10_000;

/** This process's copy of the member sites' origins: read at most once per SITE_ORIGINS_FRESH_MS, misses sharing one read. */
export class SiteOriginCache {
  private origins?: { set: ReadonlySet<string>; expires: number };
  private reading?: Promise<ReadonlySet<string>>;
  /** Counts drops, so a read begun before one is not kept after it. */
  private drops = 0;

  constructor(
    private readonly read: () => Promise<string[]>,
    private readonly freshMs = SITE_ORIGINS_FRESH_MS,
  ) {}

  async has(origin: string): Promise<boolean> {
    return (await this.all()).has(origin);
  }

  all(): Promise<ReadonlySet<string>> {
    if (this.origins && this.origins.expires > Date.now()) return Promise.resolve(this.origins.set);
    if (this.reading) return this.reading;
    const drops = this.drops;
    const reading = this.read()
      .then((list) => {
        const set = new Set(list);
        if (drops === this.drops) this.origins = { set, expires: Date.now() + this.freshMs };
        return set;
      })
      .finally(() => {
        if (this.reading === reading) this.reading = undefined;
      });
    this.reading = reading;
    return reading;
  }

  drop(): void {
    this.drops++;
    this.origins = undefined;
    this.reading = undefined;
  }
}
