/**
 * Writes a Stripe event and what it counts in one transaction. The event row and each counted
 * object's row have unique keys and are inserted with ON CONFLICT DO NOTHING, so a replay, a
 * duplicate, or the same event racing through two processes counts once: the loser of the race
 * waits on the winner's row lock and then finds the row there.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { LedgerEntry } from './entries.js';

export interface EventRecord {
  id: string;
  type: string;
}

/** Returns false when the event was already recorded (nothing changed). */
export async function recordEvent(db: Kysely<Database>, event: EventRecord, entries: LedgerEntry[]): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const inserted = await trx
      .insertInto('stripe_events')
      .values({ id: event.id, type: event.type, received_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    for (const entry of entries) await writeEntry(trx, entry, at);
    return true;
  });
}

/** An entry that comes from the operator rather than Stripe (an offline gift). */
export async function recordEntry(db: Kysely<Database>, entry: LedgerEntry): Promise<void> {
  await db.transaction().execute((trx) => writeEntry(trx, entry, new Date().toISOString()));
}

async function writeEntry(trx: Transaction<Database>, entry: LedgerEntry, at: string): Promise<void> {
  switch (entry.type) {
    case 'payment':
      await trx
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
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return;
    case 'reversal':
      await trx
        .insertInto('reversals')
        .values({ id: entry.id, kind: entry.kind, payment_intent: entry.paymentIntent, amount: entry.amount, recorded_at: at })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return;
    case 'cancellation':
      await trx
        .insertInto('cancelled_subscriptions')
        .values({ id: entry.subscription, campaign: entry.campaign ?? null, cancelled_at: at })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return;
  }
}
