/**
 * The crash test: an endpoint process (`cli.ts serve`, as an operator starts it) has many receipts
 * queued and a slow SMTP server; it is killed with SIGKILL while a message is on the wire, started
 * again on the same ledger, and every receipt must reach the SMTP server exactly once, except the
 * one that was on the wire when the process died: the server may have taken it while the process
 * never heard the 250, so it is sent again. The test prints its counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/server/ledger/ledger.js';
import { startStripeStandin } from '../../../src/standin/index.js';
import { BACKENDS, PG_URL, gift, intentId, postDonation } from '../helpers.js';
import { serve, sharedSchema, stopServers } from '../serve.js';
import { startInbox } from './inbox.js';
import { mailEnv, sayTaxStatus } from './support.js';

const RECEIPTS = 40;

afterAll(() => stopServers('SIGKILL'));

for (const backend of BACKENDS) {
  describe(`a process killed while sending, ledger on ${backend}`, () => {
    it('delivers every receipt once after a restart, but the one on the wire', { timeout: 90_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mira-crash-'));
      const shared = backend === 'postgres' ? await sharedSchema() : undefined;
      const databaseUrl = shared?.databaseUrl ?? `sqlite:${join(dir, 'ledger.db')}`;
      const openLedger = () => (shared ? Ledger.open(PG_URL!, { schema: shared.schema }) : Ledger.open(databaseUrl));
      const inbox = await startInbox({ delayMs: 120 });
      const standin = await startStripeStandin();
      try {
        const setup = await openLedger();
        await sayTaxStatus(setup);
        await setup.close();
        const env = {
          DATABASE_URL: databaseUrl,
          STRIPE_SECRET_KEY: standin.secretKey,
          STRIPE_PUBLISHABLE_KEY: standin.publishableKey,
          STRIPE_WEBHOOK_SECRET: standin.webhookSecret,
          STRIPE_API_URL: standin.url,
          RATE_LIMIT_PER_ADDRESS: '100000',
          RATE_LIMIT_PER_EMAIL: '100000',
          ...mailEnv(inbox, { MAIL_LEASE_SECONDS: '2' }),
        };
        const first = await serve(env);
        standin.setWebhook(`${first.url}/api/stripe/webhook`);
        for (let i = 0; i < RECEIPTS; i++) {
          const response = await postDonation(first.url, gift({ donor: { email: `crash${i}@example.org`, name: `Donor ${i}` } }));
          expect(response.status).toBe(200);
          await standin.confirm(intentId((await response.json()).clientSecret));
        }
        // Every gift counted (and its receipt queued) before the kill: what follows is about mail alone.
        await standin.settled();
        expect(standin.deliveries.every((d) => d.status === 200)).toBe(true);

        // Killed as the server has a message's last byte and has not yet answered.
        await inbox.waitFor(3);
        const onWire = await new Promise<string>((resolve) => {
          inbox.onWire = (messageId) => {
            inbox.onWire = undefined;
            first.child.kill('SIGKILL');
            resolve(messageId);
          };
        });
        await new Promise((resolve) => first.child.once('exit', resolve));
        const deliveredAtKill = inbox.received.length;

        const restartedAt = Date.now();
        await serve(env);
        const check = await openLedger();
        try {
          for (let i = 0; i < 600 && (await check.outbox.counts()).sent < RECEIPTS; i++) await new Promise((resolve) => setTimeout(resolve, 100));
          const drainedMs = Date.now() - restartedAt;
          // Anything still to come would arrive now.
          await new Promise((resolve) => setTimeout(resolve, 500));
          const counts = await check.outbox.counts();
          const ids = inbox.received.map((m) => m.messageId);
          const distinct = new Set(ids);
          const duplicated = ids.filter((id, i) => ids.indexOf(id) !== i);
          console.log(
            `crash test (${backend}): ${RECEIPTS} receipts queued; killed with ${deliveredAtKill} delivered and one on the wire; ` +
              `after the restart ${distinct.size} distinct delivered, ${ids.length} deliveries, ${duplicated.length} duplicated ` +
              `(${duplicated.length ? 'the message on the wire at the kill, sent again once its lease ran out' : 'none'}); drained ${drainedMs} ms after the restart; outbox: ${JSON.stringify(counts)}`,
          );
          expect(counts).toMatchObject({ sent: RECEIPTS, queued: 0, sending: 0, failed: 0 });
          expect(distinct.size).toBe(RECEIPTS);
          expect(new Set(inbox.received.map((m) => m.to)).size).toBe(RECEIPTS);
          expect(duplicated.every((id) => id === onWire)).toBe(true);
          expect(duplicated.length).toBeLessThanOrEqual(1);
        } finally {
          await check.close();
        }
      } finally {
        stopServers('SIGKILL');
        await inbox.close();
        await standin.close();
        await shared?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
