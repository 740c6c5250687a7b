/**
 * Recurring gifts as the ledger knows them: each subscription's donation, the invoices it has paid
 * and whether it was cancelled. From those: active (paid, next payment not overdue), failing (its
 * next payment is over FAILING_AFTER_DAYS overdue: Stripe is retrying a declined card), cancelled,
 * and paused (the donor paused it from their manage link; its next payment is the day it resumes).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { GiftSite } from './site-columns.js';

export const RECURRING_STATUSES = ['active', 'paused', 'failing', 'cancelled'] as const;
export type RecurringStatus = (typeof RECURRING_STATUSES)[number];

/** Stripe's Smart Retries try a declined renewal for up to a few weeks; after three days overdue it is worth a look. */
export const FAILING_AFTER_DAYS = 3;

export interface RecurringGift {
  subscription: string;
  donationId: string;
  campaign: string;
  currency: string;
  /** What the campaign receives each period (the gift part of the last paid invoice, else of the donation). */
  gift: number;
  frequency: 'month' | 'year';
  /** The gift's worth per month: a year's gift is a twelfth. */
  monthly: number;
  donorName: string | null;
  donorEmail: string | null;
  startedAt: string;
  lastPaidAt: string | null;
  payments: number;
  cancelledAt: string | null;
  status: RecurringStatus;
  /** The next payment's day (YYYY-MM-DD), for an active, paused or failing gift. */
  nextPaymentAt: string | null;
  site: GiftSite;
}

/**
 * Subscriptions paused at the donor's request, with the day each resumes: the last pause or resume
 * each made from its manage link (the manage page's `subscription_changes`, migration
 * '2026-12-20-010-manage'), a pause counting until its day has come. None until that table is here.
 */
export async function pausedSubscriptions(db: Kysely<Database>, now = new Date()): Promise<Map<string, string>> {
  const paused = new Map<string, string>();
  const rows = await sql<{ subscription: string; action: string; after: string | null }>`
    SELECT subscription, action, after FROM subscription_changes
    WHERE status = 'done' AND action IN ('pause', 'resume', 'cancel') ORDER BY created_at, id`.execute(db);
  const today = now.toISOString().slice(0, 10);
  for (const row of rows.rows) {
    const until = row.action === 'pause' ? (JSON.parse(row.after ?? '{}') as { pausedUntil?: unknown }).pausedUntil : undefined;
    if (typeof until === 'string' && until.slice(0, 10) > today) paused.set(row.subscription, until.slice(0, 10));
    else paused.delete(row.subscription);
  }
  return paused;
}

function addPeriod(iso: string, frequency: 'month' | 'year'): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  const next = new Date(Date.UTC(d.getUTCFullYear() + (frequency === 'year' ? 1 : 0), d.getUTCMonth() + (frequency === 'month' ? 1 : 0), 1));
  // The 31st of a month pays on the last day of a shorter one, as Stripe bills it.
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, last));
  return next.toISOString().slice(0, 10);
}

/** Every recurring gift that has paid at least once, newest first; `status` keeps only those in it. */
export async function recurringGifts(db: Kysely<Database>, options: { status?: RecurringStatus; campaign?: string; now?: Date } = {}): Promise<RecurringGift[]> {
  const invoices = db
    .selectFrom('payments')
    .where('kind', '=', 'invoice')
    .where('subscription', 'is not', null)
    .groupBy('subscription')
    .select([
      'subscription',
      sql<string>`max(coalesce(paid_at, recorded_at))`.as('last_paid_at'),
      sql<number>`count(*)`.as('payments'),
    ]);
  let query = db
    .selectFrom('donations as d')
    .innerJoin(invoices.as('i'), 'i.subscription', 'd.stripe_subscription')
    .leftJoin('cancelled_subscriptions as c', 'c.id', 'd.stripe_subscription')
    .where('d.stripe_subscription', 'is not', null)
    .select([
      'd.id',
      'd.stripe_subscription',
      'd.campaign',
      'd.currency',
      'd.gift',
      'd.frequency',
      'd.donor_name',
      'd.donor_email',
      'd.created_at',
      'i.last_paid_at',
      'i.payments',
      'c.cancelled_at',
      sql<number | null>`(select p.gift from payments p where p.subscription = d.stripe_subscription and p.kind = 'invoice' order by coalesce(p.paid_at, p.recorded_at) desc, p.id desc limit 1)`.as('last_gift'),
      sql<string | null>`d.origin`.as('origin'),
      sql<string | null>`d.source`.as('source'),
    ])
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc');
  if (options.campaign) query = query.where('d.campaign', '=', options.campaign);
  const rows = await query.execute();
  const paused = await pausedSubscriptions(db, options.now);
  const overdue = new Date((options.now ?? new Date()).getTime() - FAILING_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
  const gifts: RecurringGift[] = [];
  for (const r of rows) {
    const frequency = r.frequency === 'year' ? 'year' : 'month';
    const gift = Number(r.last_gift ?? r.gift);
    const pausedUntil = paused.get(r.stripe_subscription!);
    const next = r.cancelled_at ? null : (pausedUntil ?? addPeriod(r.last_paid_at, frequency));
    const status: RecurringStatus = r.cancelled_at ? 'cancelled' : pausedUntil ? 'paused' : next! < overdue ? 'failing' : 'active';
    if (options.status && status !== options.status) continue;
    gifts.push({
      subscription: r.stripe_subscription!,
      donationId: r.id,
      campaign: r.campaign,
      currency: r.currency,
      gift,
      frequency,
      monthly: frequency === 'year' ? Math.round(gift / 12) : gift,
      donorName: r.donor_name,
      donorEmail: r.donor_email,
      startedAt: r.created_at,
      lastPaidAt: r.last_paid_at,
      payments: Number(r.payments),
      cancelledAt: r.cancelled_at,
      status,
      nextPaymentAt: next,
      site: { origin: r.origin, source: r.source },
    });
  }
  return gifts;
}
