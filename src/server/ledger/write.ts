/**
 * The one translation of ledger entries into rows, inside the caller's transaction. Each counted
 * object has a unique key and is inserted with ON CONFLICT DO NOTHING, so a replay or duplicate
 * counts once; what an entry changes in its campaign's totals is added to `changes`, which the
 * caller applies before it commits.
 *
 * Every write about a PaymentIntent first upserts its payment_intents row. That takes the row's
 * lock until commit, so a refund recorded by one process and its payment by another are applied
 * one after the other, each seeing the other's rows: neither is counted against a stale sum.
 */
import type { Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { CancellationEntry, LedgerEntry, PaymentEntry, ReversalEntry } from './entries.js';
import { NO_MAIL, queueGiftMail, type MailPolicy } from './outbox.js';
import { reversalState } from './reversals.js';
import { giftShareTaken, type TotalsChanges } from './totals.js';

type Trx = Transaction<Database>;

/** `mail`: what a newly counted payment queues in the outbox, in this same transaction (see outbox.ts). */
export async function writeEntry(trx: Trx, entry: LedgerEntry, at: string, changes: TotalsChanges, mail: MailPolicy = NO_MAIL): Promise<void> {
  switch (entry.type) {
    case 'payment':
      return writePayment(trx, entry, at, changes, mail);
    case 'reversal':
      return writeReversal(trx, entry, at, changes);
    case 'cancellation':
      return writeCancellation(trx, entry, at, changes);
  }
}

/** Locks the PaymentIntent's row (creating it if new) and returns what has been reversed against it so far. */
async function lockPaymentIntent(trx: Trx, id: string): Promise<number> {
  const row = await trx
    .insertInto('payment_intents')
    .values({ id, reversed: 0 })
    // A no-op update, so an existing row is locked and returned too.
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ reversed: eb.ref('payment_intents.reversed') })))
    .returning('reversed')
    .executeTakeFirstOrThrow();
  return Number(row.reversed);
}

async function writePayment(trx: Trx, entry: PaymentEntry, at: string, changes: TotalsChanges, mail: MailPolicy): Promise<void> {
  const reversed = entry.paymentIntent ? await lockPaymentIntent(trx, entry.paymentIntent) : 0;
  const inserted = await trx
    .insertInto('payments')
    .values({
      id: entry.id,
      kind: entry.kind,
      campaign: entry.campaign,
      currency: entry.currency,
      gift: entry.gift,
      total: entry.total,
      payment_intent: entry.paymentIntent ?? null,
      donation_id: entry.donationId ?? null,
      subscription: entry.subscription ?? null,
      note: entry.note ?? null,
      recorded_at: at,
      paid_at: entry.paidAt ?? null,
      method: entry.method ?? null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return;
  // Reversals that arrived before the payment take their share of it now.
  changes.add(entry.campaign, { raised: entry.gift - giftShareTaken(reversed, entry.gift, entry.total) }, at);

  const donation = entry.donationId
    ? await trx.selectFrom('donations').select(['id', 'donor_hash', 'locale', 'donor_email', 'tribute_notify_email']).where('id', '=', entry.donationId).executeTakeFirst()
    : undefined;
  const newDonor = await trx
    .insertInto('campaign_donors')
    .values({ campaign: entry.campaign, donor_key: donation?.donor_hash ?? entry.id })
    .onConflict((oc) => oc.columns(['campaign', 'donor_key']).doNothing())
    .returning('campaign')
    .executeTakeFirst();
  if (newDonor) changes.add(entry.campaign, { donors: 1 }, at);
  // Counted now, so its receipt (and a tribute's card) is owed: queued before this commits.
  await queueGiftMail(trx, { id: entry.id, paidAt: entry.paidAt ?? at }, donation, mail, at);
}

async function writeReversal(trx: Trx, entry: ReversalEntry, at: string, changes: TotalsChanges): Promise<void> {
  const before = await lockPaymentIntent(trx, entry.paymentIntent);
  const kept = await trx.selectFrom('reversals').select(['payment_intent', 'amount', 'status', 'counted']).where('id', '=', entry.id).executeTakeFirst();
  let delta: number;
  if (!kept) {
    const state = reversalState(entry);
    const inserted = await trx
      .insertInto('reversals')
      .values({ id: entry.id, kind: entry.kind, payment_intent: entry.paymentIntent, amount: entry.amount, status: state.status, counted: state.counted ? 1 : 0, recorded_at: at })
      // Only the same id recorded against another PaymentIntent can be there (see below).
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    delta = state.counted ? entry.amount : 0;
  } else {
    // The row is read under its PaymentIntent's lock; an entry naming another PaymentIntent than
    // the one first recorded could not be, and Stripe never moves a refund or dispute, so it is left out.
    if (kept.payment_intent !== entry.paymentIntent) return;
    const state = reversalState(entry, kept.status);
    if (state.status === kept.status) return;
    const counted = state.counted ? 1 : 0;
    await trx.updateTable('reversals').set({ status: state.status, counted }).where('id', '=', entry.id).execute();
    delta = (counted - Number(kept.counted)) * Number(kept.amount);
  }
  if (delta === 0) return;

  const after = before + delta;
  await trx.updateTable('payment_intents').set({ reversed: after }).where('id', '=', entry.paymentIntent).execute();
  const paid = await trx.selectFrom('payments').select(['campaign', 'gift', 'total']).where('payment_intent', '=', entry.paymentIntent).execute();
  for (const payment of paid) {
    const gift = Number(payment.gift);
    const total = Number(payment.total);
    // The gift's share is taken cumulatively, so parts that add up to the whole charge take the whole gift.
    const taken = giftShareTaken(after, gift, total) - giftShareTaken(before, gift, total);
    if (taken !== 0) changes.add(payment.campaign, { raised: -taken }, at);
  }
}

async function writeCancellation(trx: Trx, entry: CancellationEntry, at: string, changes: TotalsChanges): Promise<void> {
  const inserted = await trx
    .insertInto('cancelled_subscriptions')
    .values({ id: entry.subscription, campaign: entry.campaign ?? null, cancelled_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted && entry.campaign) changes.add(entry.campaign, { cancelledSubscriptions: 1 }, at);
}
