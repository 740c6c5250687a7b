/**
 * Real endpoint processes, started the way an operator starts them (`cli.ts serve`):
 * demo mode on a fresh machine, and two processes sharing one PostgreSQL behind a "load balancer".
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { Ledger } from '../../src/server/ledger/ledger.js';
import { PG_URL, gift } from './helpers.js';
import { monthOfEvents, shuffled } from './fixtures.js';
import { runCli as run, serve, sharedSchema, stopServers } from './serve.js';

afterAll(() => stopServers());

describe('serve in demo mode on a fresh machine', () => {
  it('creates its SQLite ledger, says no real payment is taken, and takes a gift through the stand-in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mira-demo-'));
    try {
      const { url, output } = await serve({ DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}` });
      expect(output()).toMatch(/mode: demo/);
      expect(output()).toMatch(/no real payment is taken/);
      const config = await (await fetch(`${url}/api/config`)).json();
      expect(config.mode).toBe('demo');
      // Through the endpoint's own origin, so a browser on another machine reaches it too.
      expect(config.stripeJsUrl).toBe('standin/js/stripe.js');
      expect((await fetch(new URL(config.stripeJsUrl, `${url}/`))).headers.get('content-type')).toMatch(/^text\/javascript/);
      const response = await fetch(`${url}/api/donations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(gift()),
      });
      expect(response.status).toBe(200);
      expect((await response.json()).clientSecret).toMatch(/^pi_\w+_secret_/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start in demo mode under NODE_ENV=production', async () => {
    await expect(serve({ NODE_ENV: 'production' })).rejects.toThrow(/exited with 2[\s\S]*STRIPE_SECRET_KEY is missing/);
  });
});

describe.skipIf(!PG_URL)('two endpoint processes on one PostgreSQL', () => {
  it('count a shuffled, duplicated stream of webhook events exactly once', async () => {
    const { schema, databaseUrl, drop } = await sharedSchema();
    const secret = 'whsec_two_processes';
    const env = {
      DATABASE_URL: databaseUrl,
      STRIPE_SECRET_KEY: 'sk_test_two_processes',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_two_processes',
      STRIPE_WEBHOOK_SECRET: secret,
      STRIPE_API_URL: 'http://127.0.0.1:9',
      RECEIPTS: 'off',
    };
    try {
      const endpoints = await Promise.all([serve(env), serve(env)]);
      const signer = new Stripe('sk_test_signing_only');
      const { events, raised, cancelled } = monthOfEvents();
      const stream = shuffled([...events, ...events, ...events], 5);
      const answers = await Promise.all(
        stream.map(async (event, i) => {
          const payload = JSON.stringify(event);
          const response = await fetch(`${endpoints[i % 2].url}/api/stripe/webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret }) },
            body: payload,
          });
          return response.status;
        }),
      );
      expect(answers.every((s) => s === 200)).toBe(true);

      const ledger = await Ledger.open(PG_URL!, { schema });
      try {
        expect(await ledger.totals('mira')).toMatchObject({ raised, cancelledSubscriptions: cancelled });
        const rows = await ledger.db.selectFrom('stripe_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(rows.n)).toBe(events.length);
      } finally {
        await ledger.close();
      }
      // Each process's short cache has expired: both show the same truth.
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      for (const endpoint of endpoints) {
        expect((await (await fetch(`${endpoint.url}/api/campaigns/mira`)).json()).raised).toBe(raised);
      }
    } finally {
      stopServers();
      await drop();
    }
  });
});
if (!PG_URL) console.warn('TEST_DATABASE_URL is not set: the two-process PostgreSQL test is SKIPPED.');

describe('operator commands', () => {
  it('add a campaign, record an offline gift against it, and list the totals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mira-cli-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}` };
    try {
      const added = await run(['campaign', 'set', 'youth', '--goal', '5000', '--name-en', 'Youth program', '--name-es', 'Programa juvenil', '--name-pt', 'Programa jovem'], env);
      expect(added).toMatchObject({ code: 0, out: expect.stringMatching(/Added campaign youth: goal \$5,000\.00/) });
      const gift = await run(['offline-gift', '--campaign', 'youth', '--amount', '250.00', '--note', 'Gala cheque'], env);
      expect(gift.code).toBe(0);
      expect(gift.out).toMatch(/Recorded \$250\.00 for youth/);
      const totals = await run(['totals'], env);
      expect(totals.code).toBe(0);
      expect(totals.out).toMatch(/youth\s+\$250\.00\s+\$5,000\.00\s+1\b/);
      expect(totals.out).toMatch(/mira\s+\$0\.00\s+\$100,000\.00\s+0\b/);
      const wrong = await run(['offline-gift', '--campaign', 'youth', '--amount', 'lots'], env);
      expect(wrong.code).toBe(2);
      expect(wrong.out).toMatch(/--amount must be a positive amount/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
