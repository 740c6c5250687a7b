/**
 * What the ledger knows of a gift for its receipt, its tribute card and its donor's year-end
 * statement, read in domain terms for the mail worker (src/server/mail/), and the year-end
 * statements queued for a year.
 */
import { sql, type Kysely } from 'kysely';
import { findCampaign, type Campaign } from './campaigns.js';
import { nextReceiptNumber, queueMessage } from './outbox.js';
import type { Database } from './schema.js';
import { giftShareTaken } from './totals.js';

export interface GiftDonor {
  language: string;
  frequency: string;
  anonymous: boolean;
  name: string | null;
  email: string | null;
  tribute?: { kind: 'honor' | 'memory'; name: string; message?: string };
}

export interface ReceiptFacts {
  paymentId: string;
  kind: 'payment' | 'invoice' | 'offline';
  receiptNumber: string | null;
  /** When it was given: ISO 8601. */
  date: string;
  gift: number;
  total: number;
  currency: string;
  paymentIntent: string | null;
  /** An offline gift's method. */
  method: 'cheque' | 'cash' | 'other' | null;
  campaign: Campaign;
  donor: GiftDonor;
  /** A recurring gift's invoice: its subscription, which its receipt links to managing. */
  subscription: string | null;
}

export interface TributeFacts {
  campaign: Campaign;
  donor: GiftDonor;
  /** Refunded or disputed since: its card is not sent. */
  reversed: boolean;
}

export interface YearEndGift {
  paymentId: string;
  kind: 'payment' | 'invoice' | 'offline';
  receiptNumber: string;
  date: string;
  /** Net of what was given back (refunds, lost or open disputes). */
  gift: number;
  total: number;
  currency: string;
  paymentIntent: string | null;
  method: 'cheque' | 'cash' | 'other' | null;
  campaign: Campaign;
}

export interface YearEndFacts {
  language: string;
  donor: { name: string | null; email: string | null };
  gifts: YearEndGift[];
}

type DonationRow = Pick<
  Database['donations'],
  'locale' | 'frequency' | 'anonymous' | 'donor_name' | 'donor_email' | 'tribute_kind' | 'tribute_name' | 'tribute_message'
>;

function donorOf(d: DonationRow): GiftDonor {
  return {
    language: d.locale,
    frequency: d.frequency,
    anonymous: Number(d.anonymous) === 1,
    name: d.donor_name,
    email: d.donor_email,
    ...(d.tribute_kind && d.tribute_name
      ? { tribute: { kind: d.tribute_kind as 'honor' | 'memory', name: d.tribute_name, ...(d.tribute_message ? { message: d.tribute_message } : {}) } }
      : {}),
  };
}

const DONATION_COLUMNS = ['locale', 'frequency', 'anonymous', 'donor_name', 'donor_email', 'tribute_kind', 'tribute_name', 'tribute_message'] as const;
const offlineMethod = (m: string | null) => (m === 'cheque' || m === 'cash' || m === 'other' ? m : null);

export async function readReceiptFacts(db: Kysely<Database>, paymentId: string): Promise<ReceiptFacts | undefined> {
  const p = await db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  if (!p?.donation_id) return undefined;
  const d = await db.selectFrom('donations').select(DONATION_COLUMNS).where('id', '=', p.donation_id).executeTakeFirst();
  const campaign = await findCampaign(db, p.campaign);
  if (!d || !campaign) return undefined;
  return {
    paymentId: p.id,
    kind: p.kind,
    receiptNumber: p.receipt_number,
    date: p.paid_at ?? p.recorded_at,
    gift: Number(p.gift),
    total: Number(p.total),
    currency: p.currency,
    paymentIntent: p.payment_intent,
    method: offlineMethod(p.method),
    campaign,
    donor: donorOf(d),
    subscription: p.subscription,
  };
}

export async function readTributeFacts(db: Kysely<Database>, donationId: string): Promise<TributeFacts | undefined> {
  const d = await db.selectFrom('donations').select([...DONATION_COLUMNS, 'campaign', 'stripe_payment_intent']).where('id', '=', donationId).executeTakeFirst();
  const campaign = d && (await findCampaign(db, d.campaign));
  if (!d || !campaign) return undefined;
  const paid = db.selectFrom('payments').select('payment_intent').where('donation_id', '=', donationId).where('payment_intent', 'is not', null);
  // Any refund still counted, or any dispute at all (open, lost or even won): the honoree is not written to.
  const reversal = await db
    .selectFrom('reversals')
    .select('id')
    .where((eb) => eb.or([eb('payment_intent', 'in', paid), ...(d.stripe_payment_intent ? [eb('payment_intent', '=', d.stripe_payment_intent)] : [])]))
    .where((eb) => eb.or([eb('kind', '=', 'dispute'), eb('counted', '=', 1)]))
    .executeTakeFirst();
  return { campaign, donor: donorOf(d), reversed: reversal !== undefined };
}

const yearRange = (year: number) => [`${year}-01-01T00:00:00.000Z`, `${year + 1}-01-01T00:00:00.000Z`] as const;

/** The gifts of one donor (by donor hash) given in a year, oldest first, net of what was given back. */
export async function readYearEndFacts(db: Kysely<Database>, donorHash: string, year: number): Promise<YearEndFacts | undefined> {
  const [from, to] = yearRange(year);
  const rows = await db
    .selectFrom('payments as p')
    .innerJoin('donations as d', 'd.id', 'p.donation_id')
    .leftJoin('payment_intents as pi', 'pi.id', 'p.payment_intent')
    .where('d.donor_hash', '=', donorHash)
    // A voided offline gift was never given (ledger/offline.ts).
    .where(sql<boolean>`p.voided_at is null`)
    .where((eb) => eb(eb.fn.coalesce('p.paid_at', 'p.recorded_at'), '>=', from))
    .where((eb) => eb(eb.fn.coalesce('p.paid_at', 'p.recorded_at'), '<', to))
    .select([
      'p.id', 'p.kind', 'p.receipt_number', 'p.paid_at', 'p.recorded_at', 'p.gift', 'p.total', 'p.currency', 'p.payment_intent', 'p.method', 'p.campaign',
      'd.locale', 'd.donor_name', 'd.donor_email', 'd.created_at', 'pi.reversed',
    ])
    .execute();
  if (!rows.length) return undefined;
  const campaigns = new Map<string, Campaign>();
  const gifts: YearEndGift[] = [];
  for (const r of rows) {
    const total = Number(r.total);
    const reversed = Math.min(Number(r.reversed ?? 0), total);
    const gift = Number(r.gift) - giftShareTaken(reversed, Number(r.gift), total);
    if (total - reversed <= 0) continue;
    let campaign = campaigns.get(r.campaign);
    if (!campaign) {
      campaign = await findCampaign(db, r.campaign);
      if (!campaign) continue;
      campaigns.set(r.campaign, campaign);
    }
    gifts.push({
      paymentId: r.id,
      kind: r.kind,
      receiptNumber: r.receipt_number ?? '',
      date: r.paid_at ?? r.recorded_at,
      gift,
      total: total - reversed,
      currency: r.currency,
      paymentIntent: r.payment_intent,
      method: offlineMethod(r.method),
      campaign,
    });
  }
  gifts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // The donor's name, address and language as they gave them last.
  const latest = [...rows].sort((a, b) => (a.created_at < b.created_at ? 1 : -1))[0]!;
  return { language: latest.locale, donor: { name: latest.donor_name, email: latest.donor_email }, gifts };
}

/**
 * Queues one year-end statement per donor of the year (a donor with an email on file), keyed
 * `year-end:<year>:<donor hash>`, so running it again queues only donors not yet queued. Gifts
 * of the year with no receipt number yet (given while receipts were off) get one now.
 */
export async function queueYearEnd(db: Kysely<Database>, year: number): Promise<{ queued: number; already: number }> {
  const [from, to] = yearRange(year);
  return db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const inYear = trx
      .selectFrom('payments as p')
      .innerJoin('donations as d', 'd.id', 'p.donation_id')
      .where((eb) => eb(eb.fn.coalesce('p.paid_at', 'p.recorded_at'), '>=', from))
      .where((eb) => eb(eb.fn.coalesce('p.paid_at', 'p.recorded_at'), '<', to))
      .where('d.donor_email', 'is not', null)
      .where(sql<boolean>`p.voided_at is null`);
    const unnumbered = await inYear
      .where('p.receipt_number', 'is', null)
      .select(['p.id', 'p.paid_at', 'p.recorded_at'])
      .orderBy((eb) => eb.fn.coalesce('p.paid_at', 'p.recorded_at'))
      .execute();
    for (const p of unnumbered) {
      await trx.updateTable('payments').set({ receipt_number: await nextReceiptNumber(trx, year) }).where('id', '=', p.id).execute();
    }
    const donors = await inYear.select(['d.donor_hash', 'd.donor_email', 'd.locale', 'd.created_at']).orderBy('d.created_at', 'desc').execute();
    const seen = new Set<string>();
    let queued = 0;
    for (const d of donors) {
      if (seen.has(d.donor_hash)) continue;
      seen.add(d.donor_hash);
      const key = `year-end:${year}:${d.donor_hash}`;
      if (await queueMessage(trx, { key, kind: 'year_end', language: d.locale, recipient: d.donor_email!, donorHash: d.donor_hash, year }, at)) queued++;
    }
    return { queued, already: seen.size - queued };
  });
}
