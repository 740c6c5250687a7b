/**
 * `cli.js donor erase EMAIL`: a person's name, email and messages go from every table that holds
 * them, and the amounts stay, so raised, donors and every account keep their figures.
 *
 * - The donations given with that email lose the donor's name and email and their tribute's name,
 *   notify address and message. Their donor hash (a keyed hash of the email, which anyone holding
 *   the ledger could test an address against) is replaced by a random key of their own, the same
 *   for all of them, so they still count as one donor and a recount finds the same figures.
 * - Tributes that named the email as the address to notify lose that address, the honoree's name
 *   and the message written to them; the copies of their messages (which name the honoree) go too.
 * - Messages to or about the person (their receipts, cards and statements, a card sent to them)
 *   lose their recipient and rendered copy; those not yet sent are cancelled.
 * Stripe keeps its own copy of the payment's details: that is erased in Stripe's Dashboard.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface Erased {
  /** Donations whose donor's details were erased. */
  donations: number;
  /** Tributes whose notify address was this one. */
  tributes: number;
  /** Outbox messages emptied (cancelled, if not yet sent). */
  messages: number;
}

export async function eraseDonor(db: Kysely<Database>, email: string, donorHash: string, dialect: 'sqlite' | 'postgres'): Promise<Erased> {
  const address = email.trim().toLowerCase();
  const newKey = `erased_${randomBytes(16).toString('hex')}`;
  return db.transaction().execute(async (trx) => {
    const given = await trx
      .selectFrom('donations')
      .select('id')
      .where((eb) => eb.or([eb('donor_hash', '=', donorHash), eb(eb.fn('lower', ['donor_email']), '=', address)]))
      .execute();
    const ids = given.map((d) => d.id);
    const paymentIds = ids.length ? (await trx.selectFrom('payments').select('id').where('donation_id', 'in', ids).execute()).map((p) => p.id) : [];

    const messages = await trx
      .updateTable('outbox')
      .set({
        recipient: null,
        subject: null,
        html: null,
        text: null,
        claim: null,
        lease_until: null,
        status: sql`case when status = 'sent' or status = 'cancelled' then status else 'cancelled' end`,
        last_error: sql`case when status = 'sent' then last_error else 'erased' end`,
      })
      .where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['recipient']), '=', address),
          eb('donor_hash', '=', donorHash),
          ...(ids.length ? [eb('donation_id', 'in', ids)] : []),
          ...(paymentIds.length ? [eb('payment_id', 'in', paymentIds)] : []),
        ]),
      )
      .executeTakeFirst();
    // Others' gifts that named the person as the one to tell: their rendered copies name the person
    // too (a receipt names the honoree); unsent ones are rendered afresh from what is left.
    const named = (await trx.selectFrom('donations').select('id').where((eb) => eb(eb.fn('lower', ['tribute_notify_email']), '=', address)).execute()).map((d) => d.id);
    if (named.length) await trx.updateTable('outbox').set({ subject: null, html: null, text: null }).where('donation_id', 'in', named).execute();
    // A year-end statement's key names the donor hash: it takes the new key too.
    await trx
      .updateTable('outbox')
      .set({ donor_hash: newKey, key: sql`'year-end:' || cast(year as text) || ':' || ${newKey}` })
      .where('donor_hash', '=', donorHash)
      .execute();

    if (ids.length) {
      await trx
        .updateTable('donations')
        .set({ donor_name: null, donor_email: null, tribute_name: null, tribute_notify_email: null, tribute_message: null, donor_hash: newKey, request_hash: 'erased' })
        .where('id', 'in', ids)
        .execute();
    }
    const tributes = await trx
      .updateTable('donations')
      .set({ tribute_notify_email: null, tribute_name: null, tribute_message: null })
      .where((eb) => eb(eb.fn('lower', ['tribute_notify_email']), '=', address))
      .executeTakeFirst();
    await trx.updateTable('campaign_donors').set({ donor_key: newKey }).where('donor_key', '=', donorHash).execute();

    // PostgreSQL keeps the per-email rate limits in the ledger's schema, keyed by the hash.
    if (dialect === 'postgres') {
      const { rows } = await sql<{ present: boolean }>`select to_regclass('rate_limits') is not null as present`.execute(trx);
      if (rows[0]?.present) await sql`delete from rate_limits where key like ${'%' + donorHash}`.execute(trx);
    }
    return { donations: ids.length, tributes: Number(tributes.numUpdatedRows), messages: Number(messages.numUpdatedRows) };
  });
}
