/**
 * Correcting and voiding an offline gift from the console. Each is one transaction: the gift's rows
 * change, its campaign's running totals move by exactly the difference (raised by the gift, donors
 * by whether the donor still has a live gift to that campaign), and the audit log gets who, when,
 * why, before and after. recount.ts leaves voided gifts out the same way, so a recount agrees.
 *
 * A donor's campaign_donors row is deleted first and put back if another live gift still holds it:
 * the delete locks the row, so a webhook counting that donor's new gift at the same moment waits
 * for this commit and then counts them again, rather than finding the row and counting nothing.
 */
import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { OfflineMethod } from './entries.js';
import { recordAudit } from './audit.js';
import { giftSubject } from './gift-record.js';
import type { GiftSite } from './site-columns.js';
import { TotalsChanges } from './totals.js';

type Trx = Transaction<Database>;

export class OfflineGiftError extends Error {
  constructor(readonly code: 'gift_not_found' | 'gift_not_offline' | 'gift_voided' | 'campaign_unknown') {
    super(code);
  }
}

/** An offline gift as the console's form reads it (console/offline.tsx): what the treasurer fills in. */
export interface OfflineGiftDetails {
  campaign: string;
  amount: number;
  /** YYYY-MM-DD */
  date: string;
  method: OfflineMethod;
  note?: string;
  /** Absent: the gift has no named donor (and no receipt). */
  donor?: { name: string; email: string };
  site?: GiftSite;
}

/** Those details for a gift already recorded, by whom and why. */
export interface OfflineCorrection extends OfflineGiftDetails {
  id: string;
  actor: string;
  reason: string;
}

interface Held {
  id: string;
  campaign: string;
  gift: number;
  paid_at: string | null;
  method: string | null;
  note: string | null;
  donation_id: string | null;
  donor_hash: string | null;
  donor_name: string | null;
  donor_email: string | null;
}

/** The offline gift, its row locked until commit (PostgreSQL; SQLite has one writer). */
async function hold(trx: Trx, id: string): Promise<Held> {
  let query = trx
    .selectFrom('payments as p')
    .leftJoin('donations as d', 'd.id', 'p.donation_id')
    .select(['p.id', 'p.kind', 'p.campaign', 'p.gift', 'p.paid_at', 'p.method', 'p.note', 'p.donation_id', sql<string | null>`p.voided_at`.as('voided_at'), 'd.donor_hash', 'd.donor_name', 'd.donor_email'])
    .where('p.id', '=', id);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate('p');
  const row = await query.executeTakeFirst();
  if (!row) throw new OfflineGiftError('gift_not_found');
  if (row.kind !== 'offline') throw new OfflineGiftError('gift_not_offline');
  if (row.voided_at) throw new OfflineGiftError('gift_voided');
  return { ...row, gift: Number(row.gift) };
}

const donorKey = (g: Pick<Held, 'id' | 'donor_hash'>) => g.donor_hash ?? g.id;

const snapshot = (g: Held) => ({
  campaign: g.campaign,
  amount: g.gift,
  date: (g.paid_at ?? '').slice(0, 10),
  method: g.method,
  note: g.note,
  // Never the donor's name or email: the audit log cannot be edited, and `donor erase` must be able to remove them.
  donor: g.donor_email ? 'named' : null,
});

/** The donor no longer counts for the campaign unless another live gift of theirs does. */
async function releaseDonor(trx: Trx, campaign: string, key: string, changes: TotalsChanges, at: string): Promise<void> {
  const removed = await trx.deleteFrom('campaign_donors').where('campaign', '=', campaign).where('donor_key', '=', key).returning('campaign').executeTakeFirst();
  if (!removed) return;
  const byDonation = await trx
    .selectFrom('donations as d')
    .innerJoin('payments as p', 'p.donation_id', 'd.id')
    .select('p.id')
    .where('d.donor_hash', '=', key)
    .where('p.campaign', '=', campaign)
    .where(sql<boolean>`p.voided_at is null`)
    .limit(1)
    .executeTakeFirst();
  const byPayment = byDonation
    ? undefined
    : await trx.selectFrom('payments as p').leftJoin('donations as d', 'd.id', 'p.donation_id').select('p.id').where('p.id', '=', key).where('p.campaign', '=', campaign).where(sql<boolean>`p.voided_at is null`).where('d.id', 'is', null).executeTakeFirst();
  if (byDonation || byPayment) await trx.insertInto('campaign_donors').values({ campaign, donor_key: key }).execute();
  else changes.add(campaign, { donors: -1 }, at);
}

async function claimDonor(trx: Trx, campaign: string, key: string, changes: TotalsChanges, at: string): Promise<void> {
  const added = await trx
    .insertInto('campaign_donors')
    .values({ campaign, donor_key: key })
    .onConflict((oc) => oc.columns(['campaign', 'donor_key']).doNothing())
    .returning('campaign')
    .executeTakeFirst();
  if (added) changes.add(campaign, { donors: 1 }, at);
}

export async function correctOfflineGift(db: Kysely<Database>, c: OfflineCorrection, donorHash: (email: string) => string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const old = await hold(trx, c.id);
    const campaign = await trx.selectFrom('campaigns').select(['id', 'currency']).where('id', '=', c.campaign).executeTakeFirst();
    if (!campaign) throw new OfflineGiftError('campaign_unknown');

    // The donor's details live on the gift's donation row; a gift recorded without one gets one now.
    const donor = c.donor ? { donor_name: c.donor.name, donor_email: c.donor.email.trim(), donor_hash: donorHash(c.donor.email) } : { donor_name: null, donor_email: null, donor_hash: c.id };
    const site = c.site ? ({ origin: c.site.origin, source: c.site.source } as object) : {};
    let donationId = old.donation_id;
    if (donationId) {
      await trx.updateTable('donations').set({ ...donor, ...site, campaign: campaign.id, currency: campaign.currency, gift: c.amount, total: c.amount }).where('id', '=', donationId).execute();
    } else if (c.donor || c.site) {
      donationId = randomUUID();
      await trx
        .insertInto('donations')
        .values({
          id: donationId,
          idempotency_key: `offline:${c.id}`,
          request_hash: 'offline',
          campaign: campaign.id,
          currency: campaign.currency,
          gift: c.amount,
          fee: 0,
          total: c.amount,
          frequency: 'once',
          locale: 'en',
          anonymous: 0,
          created_at: at,
          ...donor,
          ...site,
        })
        .execute();
    }
    await trx
      .updateTable('payments')
      .set({ campaign: campaign.id, currency: campaign.currency, gift: c.amount, total: c.amount, paid_at: `${c.date}T12:00:00.000Z`, method: c.method, note: c.note ?? null, donation_id: donationId })
      .where('id', '=', c.id)
      .execute();

    const changes = new TotalsChanges();
    changes.add(old.campaign, { raised: -old.gift }, at);
    changes.add(campaign.id, { raised: c.amount }, at);
    await releaseDonor(trx, old.campaign, donorKey(old), changes, at);
    await claimDonor(trx, campaign.id, donationId ? donor.donor_hash : c.id, changes, at);
    await changes.apply(trx);

    const sameDonor = (c.donor?.email.trim().toLowerCase() ?? null) === (old.donor_email?.toLowerCase() ?? null) && (c.donor?.name ?? null) === old.donor_name;
    const after = { campaign: campaign.id, amount: c.amount, date: c.date, method: c.method, note: c.note ?? null, donor: c.donor ? (sameDonor ? 'named' : 'named, changed') : null };
    await recordAudit(trx, { actor: c.actor, action: 'offline_gift.correct', subject: giftSubject(c.id), before: snapshot(old), after, reason: c.reason });
  });
}

export async function voidOfflineGift(db: Kysely<Database>, id: string, actor: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const old = await hold(trx, id);
    await trx.updateTable('payments').set({ voided_at: at }).where('id', '=', id).execute();
    const changes = new TotalsChanges();
    changes.add(old.campaign, { raised: -old.gift }, at);
    await releaseDonor(trx, old.campaign, donorKey(old), changes, at);
    await changes.apply(trx);
    // Its receipt, if not yet on its way, is not sent for a gift that was never given.
    await trx.updateTable('outbox').set({ status: 'cancelled', last_error: 'gift_voided' }).where('payment_id', '=', id).where('status', '=', 'queued').execute();
    await recordAudit(trx, { actor, action: 'offline_gift.void', subject: giftSubject(id), before: snapshot(old), after: { voided: true }, reason });
  });
}
