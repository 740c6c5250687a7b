/**
 * The gifts list: every counted payment (one-time, invoice, offline) with its donor, searched,
 * filtered, sorted and read a page at a time by keyset (the last row's sort value and id), so page
 * 400 costs what page 1 does. The indexes are the console migration's: by the day given
 * (GIVEN_AT) and id, per campaign, by amount.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema.js';
import { GIVEN_AT } from './console-migration.js';
import type { GiftSite } from './site-columns.js';
import { giftShareTaken } from './totals.js';

export const GIFT_STATUSES = ['paid', 'part_refunded', 'refunded', 'voided'] as const;
export type GiftStatus = (typeof GIFT_STATUSES)[number];
export const FREQUENCIES = ['once', 'month', 'year'] as const;
/** Offline methods as recorded, and the Stripe payment method types the ledger learns from a charge. */
export const GIFT_METHODS = ['card', 'us_bank_account', 'online', 'cheque', 'cash', 'event', 'other'] as const;
export type GiftMethod = (typeof GIFT_METHODS)[number];
export const SORTS = ['date_desc', 'date_asc', 'amount_desc', 'amount_asc'] as const;
export type GiftSort = (typeof SORTS)[number];

export interface GiftFilters {
  /** A donor's name or email, a receipt number, or a Stripe id (pi_, in_, ch_, re_, sub_, cus_). */
  search?: string;
  campaign?: string;
  frequency?: (typeof FREQUENCIES)[number];
  status?: GiftStatus;
  method?: GiftMethod;
  /** Days given, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  /** A site's origin (when the ledger records origins). */
  site?: string;
  /** Offline gifts only. */
  offline?: boolean;
}

export interface GiftRow {
  id: string;
  kind: 'payment' | 'invoice' | 'offline';
  campaign: string;
  currency: string;
  gift: number;
  total: number;
  /** The gift's share of what was refunded or lost in a dispute. */
  refunded: number;
  status: GiftStatus;
  givenAt: string;
  donorName: string | null;
  donorEmail: string | null;
  anonymous: boolean;
  frequency: string;
  tributeKind: string | null;
  tributeName: string | null;
  receiptNumber: string | null;
  /** cheque, cash, event, other; a Stripe gift's payment method type once a charge told it; else null. */
  method: string | null;
  paymentIntent: string | null;
  subscription: string | null;
  site: GiftSite;
}

export interface GiftPage {
  gifts: GiftRow[];
  /** The cursor of the next page, when there is one. */
  next?: string;
}

type Row = {
  id: string;
  kind: GiftRow['kind'];
  campaign: string;
  currency: string;
  gift: number;
  total: number;
  payment_intent: string | null;
  subscription: string | null;
  receipt_number: string | null;
  method: string | null;
  voided_at: string | null;
  given_at: string;
  reversed: number | null;
  stripe_method: string | null;
  donor_name: string | null;
  donor_email: string | null;
  anonymous: number | null;
  frequency: string | null;
  tribute_kind: string | null;
  tribute_name: string | null;
  origin: string | null;
  source: string | null;
};

const given = sql<string>`coalesce(p.paid_at, p.recorded_at)`;
const reversed = sql<number>`coalesce(pi.reversed, 0)`;

export function statusOf(row: { voided_at: string | null; reversed: number | null; total: number }): GiftStatus {
  const back = Number(row.reversed ?? 0);
  if (row.voided_at) return 'voided';
  if (back <= 0) return 'paid';
  return back >= Number(row.total) ? 'refunded' : 'part_refunded';
}

function toGift(r: Row): GiftRow {
  const gift = Number(r.gift);
  const total = Number(r.total);
  return {
    id: r.id,
    kind: r.kind,
    campaign: r.campaign,
    currency: r.currency,
    gift,
    total,
    refunded: giftShareTaken(Number(r.reversed ?? 0), gift, total),
    status: statusOf(r),
    givenAt: r.given_at,
    donorName: r.donor_name,
    donorEmail: r.donor_email,
    anonymous: Number(r.anonymous ?? 0) === 1,
    frequency: r.frequency ?? (r.kind === 'invoice' ? 'month' : 'once'),
    tributeKind: r.tribute_kind,
    tributeName: r.tribute_name,
    receiptNumber: r.receipt_number,
    method: r.method ?? r.stripe_method,
    paymentIntent: r.payment_intent,
    subscription: r.subscription,
    site: { origin: r.origin, source: r.source },
  };
}

/** The rows of the list and the export: a payment with its donation, what was reversed of it, and how it was paid. */
export async function giftsBase(db: Kysely<Database>) {
  return db
    .selectFrom('payments as p')
    .leftJoin('donations as d', 'd.id', 'p.donation_id')
    .leftJoin('payment_intents as pi', 'pi.id', 'p.payment_intent')
    .select([
      'p.id',
      'p.kind',
      'p.campaign',
      'p.currency',
      'p.gift',
      'p.total',
      'p.payment_intent',
      'p.subscription',
      'p.receipt_number',
      'p.method',
      sql<string | null>`p.voided_at`.as('voided_at'),
      given.as('given_at'),
      sql<number | null>`pi.reversed`.as('reversed'),
      sql<string | null>`(select max(bt.method) from balance_transactions bt where bt.payment_intent = p.payment_intent and bt.type = 'charge')`.as('stripe_method'),
      'd.donor_name',
      'd.donor_email',
      'd.anonymous',
      'd.frequency',
      'd.tribute_kind',
      'd.tribute_name',
      'd.origin',
      'd.source',
    ]);
}

/** The next day, for an inclusive "to" date. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

const STRIPE_ID = /^(pi|in|ch|re|py|sub|cus|du|offline)_[A-Za-z0-9_-]+$/;
const RECEIPT = /^(\d{4})-(\d{1,6})$/;

/** What a search means: the shape of what was typed decides which index answers. */
function searchCondition(q: string): Expression<SqlBool> {
  const text = q.trim();
  if (STRIPE_ID.test(text)) {
    return sql<SqlBool>`(p.id = ${text} or p.payment_intent = ${text} or p.subscription = ${text} or d.stripe_customer = ${text}
      or p.payment_intent in (select bt.payment_intent from balance_transactions bt where bt.source = ${text})
      or p.payment_intent in (select r.payment_intent from reversals r where r.id = ${text}))`;
  }
  const receipt = RECEIPT.exec(text);
  if (receipt) return sql<SqlBool>`p.receipt_number = ${`${receipt[1]}-${receipt[2]!.padStart(6, '0')}`}`;
  // Through donations' own indexes: a condition on the left-joined row would make the database walk every payment.
  if (text.includes('@')) return sql<SqlBool>`p.donation_id in (select dn.id from donations dn where lower(dn.donor_email) = ${text.toLowerCase()})`;
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`p.donation_id in (select dn.id from donations dn where lower(dn.donor_name) like ${like} escape '\\' or lower(dn.donor_email) like ${like} escape '\\')`;
}

function conditions(filters: GiftFilters): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (filters.search?.trim()) where.push(searchCondition(filters.search));
  if (filters.campaign) where.push(sql<SqlBool>`p.campaign = ${filters.campaign}`);
  if (filters.frequency === 'once') where.push(sql<SqlBool>`p.kind <> 'invoice' and coalesce(d.frequency, 'once') = 'once'`);
  else if (filters.frequency) where.push(sql<SqlBool>`d.frequency = ${filters.frequency}`);
  if (filters.from) where.push(sql<SqlBool>`${given} >= ${filters.from}`);
  if (filters.to) where.push(sql<SqlBool>`${given} < ${dayAfter(filters.to)}`);
  if (filters.offline) where.push(sql<SqlBool>`p.kind = 'offline'`);
  if (filters.site) where.push(sql<SqlBool>`d.origin = ${filters.site}`);
  switch (filters.status) {
    case 'voided':
      where.push(sql<SqlBool>`p.voided_at is not null`);
      break;
    case 'paid':
      where.push(sql<SqlBool>`p.voided_at is null and ${reversed} = 0`);
      break;
    case 'refunded':
      where.push(sql<SqlBool>`p.voided_at is null and ${reversed} >= p.total and ${reversed} > 0`);
      break;
    case 'part_refunded':
      where.push(sql<SqlBool>`p.voided_at is null and ${reversed} > 0 and ${reversed} < p.total`);
      break;
  }
  switch (filters.method) {
    case undefined:
      break;
    case 'online':
      where.push(sql<SqlBool>`p.kind <> 'offline'`);
      break;
    case 'card':
    case 'us_bank_account':
      where.push(sql<SqlBool>`p.kind <> 'offline' and exists (select 1 from balance_transactions bt where bt.payment_intent = p.payment_intent and bt.type = 'charge' and bt.method = ${filters.method})`);
      break;
    default:
      where.push(sql<SqlBool>`p.kind = 'offline' and p.method = ${filters.method}`);
  }
  return where;
}

interface Cursor {
  value: string | number;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.value, c.id])).toString('base64url');

function decodeCursor(text: string | undefined, sort: GiftSort): Cursor | undefined {
  if (!text) return undefined;
  try {
    const [value, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    const numeric = sort.startsWith('amount');
    if (typeof id !== 'string' || (numeric ? typeof value !== 'number' : typeof value !== 'string')) return undefined;
    return { value: value as string | number, id };
  } catch {
    return undefined;
  }
}

/**
 * Rows past the cursor in the sort's direction. The plain range on the sort key comes first so
 * both databases seek the index to the cursor rather than filter every row before it.
 */
function after(key: ReturnType<typeof sql>, cursor: Cursor, descending: boolean): Expression<SqlBool> {
  return descending
    ? sql<SqlBool>`${key} <= ${cursor.value} and (${key} < ${cursor.value} or p.id < ${cursor.id})`
    : sql<SqlBool>`${key} >= ${cursor.value} and (${key} > ${cursor.value} or p.id > ${cursor.id})`;
}

/** One page of gifts. `after` is the previous page's `next`; an unreadable cursor starts from the top. */
export async function listGifts(db: Kysely<Database>, filters: GiftFilters, options: { sort?: GiftSort; after?: string; limit?: number } = {}): Promise<GiftPage> {
  const sort = options.sort ?? 'date_desc';
  const limit = Math.min(Math.max(options.limit ?? 25, 1), 200);
  const byAmount = sort.startsWith('amount');
  const descending = sort.endsWith('desc');
  const key = byAmount ? sql`p.gift` : given;
  const direction = descending ? sql`desc` : sql`asc`;
  let query = await giftsBase(db);
  for (const condition of conditions(filters)) query = query.where(condition);
  const cursor = decodeCursor(options.after, sort);
  if (cursor) query = query.where(after(key, cursor, descending));
  const rows = (await query
    .orderBy(sql`${key} ${direction}`)
    .orderBy(sql`p.id ${direction}`)
    .limit(limit + 1)
    .execute()) as Row[];
  const gifts = rows.slice(0, limit).map(toGift);
  const last = gifts.at(-1);
  return { gifts, ...(rows.length > limit && last ? { next: encodeCursor({ value: byAmount ? last.gift : last.givenAt, id: last.id }) } : {}) };
}

/**
 * Every gift given in [from, to] (days, inclusive), oldest first, in batches of `batch` read by
 * keyset: what the CSV export streams, never all in memory at once. Voided gifts are left out.
 */
export async function* giftsGiven(db: Kysely<Database>, range: { from: string; to: string }, batch = 1_000): AsyncGenerator<GiftRow> {
  const base = await giftsBase(db);
  let last: Cursor | undefined;
  for (;;) {
    // One lower bound on the index at a time (the range's start, then the cursor), so SQLite seeks to it
    // rather than scanning from the range's start for every batch.
    const query = base
      .where(sql<SqlBool>`p.voided_at is null`)
      .where(last ? after(given, last, false) : sql<SqlBool>`${given} >= ${range.from}`)
      .where(sql<SqlBool>`${given} < ${dayAfter(range.to)}`);
    const rows = (await query.orderBy(given).orderBy('p.id').limit(batch).execute()) as Row[];
    for (const row of rows) yield toGift(row);
    if (rows.length < batch) return;
    const end = rows.at(-1)!;
    last = { value: end.given_at, id: end.id };
  }
}

/** One gift as the list shows it. */
export async function findGift(db: Kysely<Database>, id: string): Promise<GiftRow | undefined> {
  const row = (await (await giftsBase(db)).where('p.id', '=', id).executeTakeFirst()) as Row | undefined;
  return row && toGift(row);
}

/** Sites seen on gifts, for the list's filter. */
export async function sitesSeen(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ origin: string }>`SELECT DISTINCT origin FROM donations WHERE origin IS NOT NULL ORDER BY origin`.execute(db);
  return rows.rows.map((r) => r.origin);
}

export { GIVEN_AT };
