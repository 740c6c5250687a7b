/**
 * What a copy of the ledger would give away: no PaymentIntent's client secret in any column of any
 * table, for one-time and recurring gifts and their idempotent replays, on SQLite and PostgreSQL,
 * and none left in the rows saved before (the migration strips them).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DonationResponse } from '../../src/core/api.js';
import { createApp } from '../../src/server/app.js';
import { Ledger } from '../../src/server/ledger/ledger.js';
import { silentLog } from '../../src/server/log.js';
import { createStripe } from '../../src/server/stripe/client.js';
import { StripeGateway } from '../../src/server/stripe/gateway.js';
import { stripClientSecrets } from '../../src/server/ledger/donations.js';
import { BACKENDS, gift, openTestLedger, postDonation, startHarness, type Harness } from './helpers.js';

/** Every row of every table, as text. */
async function everything(ledger: Ledger): Promise<string> {
  const tables =
    ledger.database.dialect === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(ledger.db)
      : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(ledger.db);
  expect(tables.rows.map((t) => t.name)).toEqual(expect.arrayContaining(['donations', 'payments', 'stripe_events', 'settings']));
  const dumps = [];
  for (const { name } of tables.rows) dumps.push(JSON.stringify((await sql`SELECT * FROM ${sql.table(name)}`.execute(ledger.db)).rows));
  return dumps.join('\n');
}

for (const backend of BACKENDS) {
  describe(`the ledger on ${backend}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ backend });
    });
    afterAll(() => h.close());

    it.each([
      ['a one-time gift', 'once'],
      ['a monthly gift', 'month'],
      ['an annual gift', 'year'],
    ])('keeps no client secret for %s, and its replay still answers the same one', async (_what, frequency) => {
      const key = randomUUID();
      const body = gift({ frequency, donor: { email: `secret-${frequency}@example.org`, name: 'S' } });
      const first = (await (await postDonation(h.url, body, { key })).json()) as DonationResponse;
      expect(first.clientSecret).toMatch(/_secret_/);
      const replay = await postDonation(h.url, body, { key });
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual(first);

      const stored = await everything(h.ledger);
      expect(stored).toContain(first.donationId);
      expect(stored).not.toContain(first.clientSecret);
      expect(stored).not.toContain(first.clientSecret.split('_secret_')[1]);
    });

    it('answers a replay 502 payment_unavailable when Stripe cannot be asked for the secret, and leaves the donation as it was', async () => {
      const key = randomUUID();
      const body = JSON.stringify(gift({ donor: { email: 'replay-outage@example.org', name: 'R' } }));
      const request = () => ({ method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body });
      const first = await (await h.app.request('/api/donations', request())).json();
      // The same endpoint and ledger, its Stripe client pointed at a port where nothing listens.
      const down = createStripe({ ...h.config.stripe, api: { host: '127.0.0.1', port: 9, protocol: 'http' } });
      const offline = createApp({ config: h.config, ledger: h.ledger, root: process.cwd(), stripe: down, gateway: new StripeGateway(down), log: silentLog });
      const replay = await offline.request('/api/donations', request());
      expect(replay.status).toBe(502);
      expect((await replay.json()).error.code).toBe('payment_unavailable');
      expect(await h.ledger.findDonationByKey(key)).toMatchObject({ failed_at: null });
      expect(await (await h.app.request('/api/donations', request())).json()).toEqual(first);
    });
  });

  describe(`rows saved with a client secret before, on ${backend}`, () => {
    it('lose it to the migration, keeping every other figure', async () => {
      const { ledger, drop } = await openTestLedger(backend);
      try {
        const secret = `pi_old_secret_${randomUUID().replaceAll('-', '')}`;
        const saved = { donationId: 'd-old', clientSecret: secret, mode: 'payment', gift: 2_500, fee: 0, total: 2_500, frequency: 'once', currency: 'USD' };
        await ledger.db.insertInto('donations').values(oldDonation('d-old', JSON.stringify(saved))).execute();
        await ledger.db.insertInto('donations').values(oldDonation('d-unfinished', null)).execute();
        await stripClientSecrets(ledger.db);
        expect(await everything(ledger)).not.toContain(secret);
        const row = await ledger.db.selectFrom('donations').select('response').where('id', '=', 'd-old').executeTakeFirstOrThrow();
        const { clientSecret: _gone, ...kept } = saved;
        expect(JSON.parse(row.response!)).toEqual(kept);
      } finally {
        await drop();
      }
    });
  });
}

function oldDonation(id: string, response: string | null) {
  return {
    id,
    idempotency_key: randomUUID(),
    request_hash: 'x'.repeat(64),
    campaign: 'mira',
    currency: 'USD',
    gift: 2_500,
    fee: 0,
    total: 2_500,
    frequency: 'once',
    locale: 'en',
    anonymous: 0,
    tribute_kind: null,
    donor_hash: 'y'.repeat(64),
    stripe_payment_intent: 'pi_old',
    stripe_customer: null,
    stripe_subscription: null,
    response,
    failed_at: null,
    created_at: new Date().toISOString(),
  };
}
