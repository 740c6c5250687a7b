/**
 * Donation attempts, one per Idempotency-Key, recorded before Stripe is called. The answer given is
 * kept for a retried request without its client secret, which a copy of the database would give
 * away: the endpoint asks Stripe for it again, by the ids kept beside it.
 */
import type { Kysely } from 'kysely';
import type { DonationResponse } from '../../core/api.js';
import type { Database, DonationTable } from './schema.js';

/** The answer as the ledger keeps it. */
export type SavedAnswer = Omit<DonationResponse, 'clientSecret'>;

export type DonationRecord = DonationTable;

type Personal = 'donor_name' | 'donor_email' | 'tribute_name' | 'tribute_notify_email' | 'tribute_message' | 'origin' | 'source';
/** A donation to record; what receipts and cards need of the donor, and where it came from, may be left out (a caller that has none). */
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

export async function finishDonation(db: Kysely<Database>, id: string, ids: StripeIds, response: DonationResponse): Promise<void> {
  const { clientSecret: _secret, ...saved } = response;
  await db
    .updateTable('donations')
    .set({
      stripe_payment_intent: ids.paymentIntent ?? null,
      stripe_customer: ids.customer ?? null,
      stripe_subscription: ids.subscription ?? null,
      response: JSON.stringify(saved satisfies SavedAnswer),
      failed_at: null,
    })
    .where('id', '=', id)
    .execute();
}

export async function markDonationFailed(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('donations').set({ failed_at: new Date().toISOString() }).where('id', '=', id).execute();
}

/** The ids to fetch a donation's client secret again with. */
export function stripeIdsOf(record: DonationRecord): StripeIds {
  return {
    ...(record.stripe_payment_intent ? { paymentIntent: record.stripe_payment_intent } : {}),
    ...(record.stripe_customer ? { customer: record.stripe_customer } : {}),
    ...(record.stripe_subscription ? { subscription: record.stripe_subscription } : {}),
  };
}

/**
 * Removes the client secret from answers saved before it stopped being kept (a migration runs this).
 * The old bytes can linger in the database's free space until it is vacuumed (see the README).
 */
export async function stripClientSecrets(db: Kysely<any>): Promise<void> {
  for (let after = ''; ; ) {
    const rows: Array<{ id: string; response: string }> = await db
      .selectFrom('donations')
      .select(['id', 'response'])
      .where('response', 'like', '%"clientSecret"%')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (!rows.length) return;
    for (const row of rows) {
      const { clientSecret: _secret, ...saved } = JSON.parse(row.response) as DonationResponse;
      await db.updateTable('donations').set({ response: JSON.stringify(saved) }).where('id', '=', row.id).execute();
    }
    after = rows.at(-1)!.id;
  }
}
