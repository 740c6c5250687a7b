/**
 * `receipts year-end <year>`: each donor of the year gets one statement listing all their gifts
 * (online and offline, each with its receipt number, net of what was given back), once however
 * often the command is run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEE_RATES, grossUp } from '../../../src/core/fees.js';
import { formatMoney } from '../../../src/core/money.js';
import { BACKENDS, donate, intentId, startHarness, type Harness } from '../helpers.js';
import { startInbox, type Inbox } from './inbox.js';
import { mailEnv, outboxSettled, sayTaxStatus } from './support.js';

const NUMBER = /\b\d{4}-\d{6}\b/g;

for (const backend of BACKENDS) {
  describe(`year-end statements, ledger on ${backend}`, () => {
    let h: Harness;
    let inbox: Inbox;
    beforeAll(async () => {
      inbox = await startInbox();
      h = await startHarness({ backend, env: mailEnv(inbox), prepare: sayTaxStatus });
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

    it('queues one statement per donor of the year, once, listing every gift with its receipt number', async () => {
      const year = new Date().getUTCFullYear();
      const ana = { email: 'ana@example.org', name: 'Ana Souza' };
      const luis = { email: 'luis@example.org', name: 'Luis Pérez' };
      await paid({ gift: 5_000, locale: 'pt', donor: ana });
      await paid({ gift: 2_500, coverFee: true, locale: 'pt', donor: { ...ana, email: 'ANA@example.org' } });
      await h.ledger.recordOfflineGift({ campaign: 'youth', amount: 30_000, donor: ana, method: 'cheque', language: 'pt' });
      const refunded = await paid({ gift: 7_700, locale: 'pt', donor: ana });
      await h.stripe.refunds.create({ payment_intent: intentId(refunded.clientSecret) });
      await paid({ gift: 10_000, locale: 'es', donor: luis });
      await h.standin.settled();
      await outboxSettled(h.ledger);
      const receiptNumbers = inbox.received.filter((m) => m.to.toLowerCase() === ana.email).map((m) => m.text.match(NUMBER)![0]);
      expect(receiptNumbers).toHaveLength(4);

      const before = inbox.received.length;
      expect(await h.ledger.queueYearEnd(year)).toEqual({ queued: 2, already: 0 });
      expect(await h.ledger.queueYearEnd(year)).toEqual({ queued: 0, already: 2 });
      await outboxSettled(h.ledger);

      const statements = inbox.received.slice(before);
      // To the address each donor gave last.
      expect(statements.map((s) => s.to).sort()).toEqual(['ana@example.org', 'luis@example.org']);
      const statement = statements.find((s) => s.to === 'ana@example.org')!;
      expect(statement.language).toBe('pt');
      expect(statement.text).toContain('Ana Souza');
      // Every gift that stands, each under the number its receipt carried; the refunded one is not there.
      const listed = statement.text.match(NUMBER)!;
      expect(listed.slice().sort()).toEqual(receiptNumbers.slice(0, 3).sort());
      // What each gift charged (the 25.00 gift covered its fee).
      for (const amount of [5_000, grossUp(2_500, DEFAULT_FEE_RATES).total, 30_000]) expect(statement.text).toContain(formatMoney(amount, 'USD', 'pt'));
      expect(statement.text).not.toContain(formatMoney(7_700, 'USD', 'pt'));
      expect(statement.text).toContain('Programa jovem');
      expect(statements.find((s) => s.to === 'luis@example.org')!.text).toContain(formatMoney(10_000, 'USD', 'es'));

      // Run again next week: nothing more goes out.
      await h.ledger.queueYearEnd(year);
      await outboxSettled(h.ledger);
      expect(inbox.received.length).toBe(before + 2);
    });
  });
}
