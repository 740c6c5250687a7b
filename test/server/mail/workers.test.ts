/**
 * Two endpoints on one PostgreSQL, each with its own pool and its own mail worker, draining one
 * outbox: every receipt reaches the SMTP server exactly once, and both workers took part.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/server/ledger/ledger.js';
import { startEndpoint, type Endpoint } from '../../../src/server/server.js';
import { startStripeStandin, type StripeStandin } from '../../../src/standin/index.js';
import { PG_URL, dropSchema, freshSchemaName, intentId, postDonation, gift, testConfig } from '../helpers.js';
import { startInbox, type Inbox } from './inbox.js';
import { mailEnv, outboxSettled, sayTaxStatus } from './support.js';

const GIFTS = 60;

describe.skipIf(!PG_URL)('two mail workers on one PostgreSQL', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const o of open.reverse()) await o.close();
  });

  it('never send one message twice', async () => {
    const schema = freshSchemaName();
    open.push({ close: () => dropSchema(schema) });
    const inbox: Inbox = await startInbox({ delayMs: 15 });
    open.push(inbox);
    const standin: StripeStandin = await startStripeStandin({ delivery: { concurrency: 4 } });
    open.push(standin);
    const ledgers = [await Ledger.open(PG_URL!, { schema }), await Ledger.open(PG_URL!, { schema })];
    for (const ledger of ledgers) open.push(ledger);
    await sayTaxStatus(ledgers[0]!);

    const sentBy = [0, 0];
    const logged: string[] = [];
    const config = testConfig(standin, mailEnv(inbox));
    const endpoints: Endpoint[] = [];
    for (const [i, ledger] of ledgers.entries()) {
      const endpoint = await startEndpoint(config, { ledger, log: (event, fields) => void (logged.push(JSON.stringify({ event, ...fields })), event === 'mail_sent' && sentBy[i]!++) });
      endpoints.push(endpoint);
      open.push(endpoint);
    }
    standin.setWebhook(`${endpoints[0]!.url}/api/stripe/webhook`);

    for (let i = 0; i < GIFTS; i++) {
      const response = await postDonation(endpoints[i % 2]!.url, gift({ donor: { email: `donor${i}@example.org`, name: `Donor ${i}` } }));
      expect(response.status).toBe(200);
      await standin.confirm(intentId((await response.json()).clientSecret));
    }
    await standin.settled();
    await inbox.waitFor(GIFTS, undefined, 30_000);
    await outboxSettled(ledgers[0]!, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const ids = inbox.received.map((m) => m.messageId);
    console.log(`two workers: ${GIFTS} receipts queued, ${ids.length} delivered, ${ids.length - new Set(ids).size} duplicated; sent by each: ${sentBy.join(' and ')}`);
    expect(ids).toHaveLength(GIFTS);
    expect(new Set(ids).size).toBe(GIFTS);
    expect(new Set(inbox.received.map((m) => m.to)).size).toBe(GIFTS);
    expect(sentBy[0]! + sentBy[1]!).toBe(GIFTS);
    expect(Math.min(...sentBy)).toBeGreaterThan(0);
    expect((await ledgers[1]!.outbox.counts()).sent).toBe(GIFTS);
    // The log says what happened to which message, never to whom.
    expect(logged.filter((line) => line.includes('mail_sent'))).toHaveLength(GIFTS);
    expect(logged.filter((line) => /@|Donor \d/.test(line))).toEqual([]);
  });
});
if (!PG_URL) console.warn('TEST_DATABASE_URL is not set: the two-worker PostgreSQL test is SKIPPED.');
