/** Donation attempts, one per Idempotency-Key, recorded before Stripe is called. */
import type { Kysely } from 'kysely';
import type { Database, DonationTable } from './schema.js';

export type DonationRecord = DonationTable;

type Personal = 'donor_name' | 'donor_email' | 'tribute_name' | 'tribute_notify_email' | 'tribute_message';
/** A donation to record; what receipts and cards need of the donor may be left out (a caller that has none). */
export type NewDonation = Omit<DonationTable, Personal> & Partial<Pick<DonationTable, Personal>>;

export type StartResult = { started: true } | { started: false; existing: DonationRecord };

/** Records the attempt unless its key is already known; the unique key decides between racing requests. */
export async function startDonation(db: Kysely<Database>, record: NewDonation): Promise<StartResult> {
  const inserted = await db
    .insertInto('donations')
    .values(record)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { started: true };
  const existing = await findDonationByKey(db, record.idempotency_key);
  if (!existing) throw new Error('Donation vanished between insert and read');
  return { started: false, existing };
}

export function findDonationByKey(db: Kysely<Database>, idempotencyKey: string): Promise<DonationRecord | undefined> {
  return db.selectFrom('donations').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

export interface StripeIds {
  paymentIntent?: string;
  customer?: string;
  subscription?: string;
}

export async function finishDonation(db: Kysely<Database>, id: string, ids: StripeIds, response: unknown): Promise<void> {
  await db
    .updateTable('donations')
    .set({
      stripe_payment_intent: ids.paymentIntent ?? null,
      stripe_customer: ids.customer ?? null,
      stripe_subscription: ids.subscription ?? null,
      response: JSON.stringify(response),
      failed_at: null,
    })
    .where('id', '=', id)
    .execute();
}

export async function markDonationFailed(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('donations').set({ failed_at: new Date().toISOString() }).where('id', '=', id).execute();
}
