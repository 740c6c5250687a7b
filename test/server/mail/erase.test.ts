/**
 * `donor erase`: after it, no table holds the person's email, name or messages (every text column
 * of every table is read), their messages in the outbox are emptied and the unsent ones cancelled,
 * and every total stays as it was, running and recounted alike.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { recomputeTotals } from '../../../src/server/ledger/recount.js';
import { BACKENDS, donate, intentId, startHarness, type Harness } from '../helpers.js';
import { startInbox, type Inbox } from './inbox.js';
import { mailEnv, outboxSettled, sayTaxStatus } from './support.js';

/** Every text value in the ledger, as [table.column, value]. */
async function everyText(ledger: Ledger): Promise<Array<[string, string]>> {
  const { db, dialect, schema } = ledger.database;
  const columns: Array<{ table: string; column: string }> = [];
  if (dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    for (const { name } of tables.rows) {
      const info = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})`.execute(db);
      for (const c of info.rows) if (/char|text|clob/i.test(c.type)) columns.push({ table: name, column: c.name });
    }
  } else {
    const info = await sql<{ table: string; column: string }>`
      select table_name as "table", column_name as "column" from information_schema.columns
      where table_schema = ${schema} and data_type in ('text', 'character varying')`.execute(db);
    columns.push(...info.rows);
  }
  const values: Array<[string, string]> = [];
  for (const { table, column } of columns) {
    const rows = await sql<{ value: string | null }>`select ${sql.ref(column)} as value from ${sql.table(table)}`.execute(db);
    for (const { value } of rows.rows) if (value) values.push([`${table}.${column}`, value]);
  }
  return values;
}

for (const backend of BACKENDS) {
  describe(`donor erase, ledger on ${backend}`, () => {
    let h: Harness;
    let inbox: Inbox;
    beforeAll(async () => {
      inbox = await startInbox();
      // A refused message waits half a minute before its next try, long enough to be erased while it waits.
      h = await startHarness({ backend, env: mailEnv(inbox, { MAIL_RETRY_SECONDS: '30' }), prepare: sayTaxStatus });
    });
    afterAll(async () => {
      await h?.close();
      await inbox?.close();
    });

    async function paid(overrides: Record<string, unknown>) {
      const body = await donate(h, overrides);
      await h.standin.confirm(intentId(body.clientSecret));
      await h.standin.settled();
      return body;
    }

    it("removes the person's name, email and messages from every table and keeps every amount", async () => {
      const email = 'ana.souza@example.org';
      const person = { email, name: 'Ana Beatriz Souza' };
      const words = 'Para a vovó Zuleica, com amor';
      const honoree = 'Zuleica Souza';
      // What the person gave: a gift with a tribute, a monthly gift renewed, an offline cheque.
      await paid({ donor: person, tribute: { kind: 'memory', name: honoree, notifyEmail: 'tio.carlos@example.org', message: words } });
      const monthly = await paid({ frequency: 'month', donor: person });
      const [subscription] = (await h.stripe.subscriptions.list({ limit: 100 })).data.filter((s) => s.metadata.donationId === monthly.donationId);
      await h.standin.renewSubscription(subscription.id);
      await h.standin.settled();
      await h.ledger.recordOfflineGift({ campaign: 'youth', amount: 10_000, donor: person, method: 'cash' });
      // Someone else's gift that names the person as the one to tell, with a message for them.
      await paid({ donor: { email: 'other.donor@example.org', name: 'Bruno Costa' }, tribute: { kind: 'honor', name: 'Ana Beatriz Souza', notifyEmail: email, message: 'Obrigado, Ana Beatriz' } });
      await outboxSettled(h.ledger);
      await h.ledger.queueYearEnd(new Date().getUTCFullYear());
      await outboxSettled(h.ledger);
      // One message still waiting when the erase comes: the server is refusing mail to the person.
      inbox.refuse((to) => (to === email ? 451 : undefined));
      await paid({ donor: person });
      await outboxSettled(h.ledger, 15_000, { waiting: 1 });
      expect(inbox.received.length).toBeGreaterThanOrEqual(6);

      const totals = await Promise.all(['mira', 'youth'].map((c) => h.ledger.totals(c)));
      const hash = h.ledger.donorHash(email);
      const traces = ['ana.souza', 'Ana Beatriz', words, honoree, 'Obrigado, Ana Beatriz', hash];
      const found = async () => (await everyText(h.ledger)).filter(([, value]) => traces.some((t) => value.toLowerCase().includes(t.toLowerCase())));
      expect((await found()).length).toBeGreaterThan(0);

      const deliveredBefore = inbox.to(email).length;
      const erased = await h.ledger.eraseDonor('  Ana.Souza@Example.org ');
      inbox.refuse(undefined);
      expect(erased).toMatchObject({ donations: 4, tributes: 1 });
      expect(erased.messages).toBeGreaterThanOrEqual(6);

      expect(await found()).toEqual([]);
      for (const [i, campaign] of ['mira', 'youth'].entries()) {
        expect(await h.ledger.totals(campaign)).toEqual(totals[i]);
        expect(await recomputeTotals(h.ledger.db, campaign)).toMatchObject({ raised: totals[i]!.raised, donors: totals[i]!.donors });
      }
      // What was still to go is not sent: it has no one to go to.
      await outboxSettled(h.ledger);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(inbox.to(email)).toHaveLength(deliveredBefore);
      expect((await h.ledger.outbox.list(['cancelled'])).filter((m) => m.lastError === 'erased').length).toBeGreaterThanOrEqual(1);
      expect((await h.ledger.outbox.list(['queued', 'sending', 'failed', 'kept'])).filter((m) => m.recipient === null)).toEqual([]);
      // The other donor's own details stay.
      const other = await h.ledger.db.selectFrom('donations').select(['donor_name', 'tribute_notify_email', 'tribute_message']).where('donor_email', '=', 'other.donor@example.org').executeTakeFirstOrThrow();
      expect(other).toEqual({ donor_name: 'Bruno Costa', tribute_notify_email: null, tribute_message: null });
    });
  });
}
