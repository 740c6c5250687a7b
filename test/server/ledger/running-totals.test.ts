/**
 * Each campaign's running totals: kept in one row beside the entries, changed in the same
 * transaction, so they must always equal what the entries sum to, after any stream, on both
 * databases, with several processes writing at once, and after the migration that introduced them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { Ledger } from '../../../src/server/ledger/ledger.js';
import { migrations } from '../../../src/server/ledger/migrations.js';
import { recomputeTotals } from '../../../src/server/ledger/recount.js';
import { BACKENDS, PG_URL, dropSchema, freshSchemaName, openTestLedger } from '../helpers.js';
import { oneTimeSucceeded, refundEvent, shuffled } from '../fixtures.js';
import { busyMonth, startDonations } from './busy-month.js';
import { record } from './streams.js';

const CAMPAIGNS = ['mira', 'youth', 'legal-aid'];

async function addCampaigns(ledger: Ledger) {
  for (const id of CAMPAIGNS.slice(1)) await ledger.saveCampaign({ id, name: { en: id, es: id, pt: id }, goal: 1_000_000, currency: 'USD' });
}

const figures = (t: { raised: number; donors: number; cancelledSubscriptions: number } | undefined) => t && { raised: t.raised, donors: t.donors, cancelledSubscriptions: t.cancelledSubscriptions };

async function runningAndSummed(ledger: Ledger) {
  return Promise.all(
    CAMPAIGNS.map(async (id) => ({ id, running: figures(await ledger.totals(id)), summed: figures(await recomputeTotals(ledger.db, id)) })),
  );
}

describe.each(BACKENDS)('running totals on %s', (backend) => {
  let ledger: Ledger;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ ledger, drop } = await openTestLedger(backend));
    await addCampaigns(ledger);
  });
  afterEach(() => drop());

  it('equal what the entries sum to after a busy month delivered shuffled, a third of it twice', async () => {
    const month = busyMonth(7, CAMPAIGNS);
    await startDonations(ledger, month);
    const stream = shuffled([...month.events, ...shuffled(month.events, 8).slice(0, Math.floor(month.events.length / 3))], 9);
    // Eight deliveries at a time, as Stripe sends them.
    for (let i = 0; i < stream.length; i += 8) await Promise.all(stream.slice(i, i + 8).map((e) => record(ledger, e)));
    await ledger.recordOfflineGift({ campaign: 'youth', amount: 12_345 });

    const totals = await runningAndSummed(ledger);
    for (const { running, summed } of totals) expect(running).toEqual(summed);
    // The month moved real money in every campaign, so equal figures are not equal zeros.
    expect(totals.every((t) => t.running!.raised > 0 && t.running!.donors > 0)).toBe(true);

    await ledger.rebuildTotals();
    expect((await runningAndSummed(ledger)).map((t) => t.running)).toEqual(totals.map((t) => t.running));
  });

  it('are what GET /api/campaigns/:id reads: rows loaded behind the ledger show only once rebuilt', async () => {
    await record(ledger, oneTimeSucceeded({ intent: 'pi_counted', gift: 5_000, total: 5_000 }));
    // A bulk load, straight into the table, as a migration from another system would do.
    await ledger.db
      .insertInto('payments')
      .values({ id: 'pi_loaded', kind: 'payment', campaign: 'mira', currency: 'USD', gift: 7_000, total: 7_000, payment_intent: 'pi_loaded', donation_id: null, subscription: null, note: null, recorded_at: new Date().toISOString() })
      .execute();
    expect((await ledger.totals('mira'))!.raised).toBe(5_000);
    expect((await recomputeTotals(ledger.db, 'mira'))!.raised).toBe(12_000);
    await ledger.rebuildTotals();
    expect(await ledger.totals('mira')).toMatchObject({ raised: 12_000, donors: 2 });
    // And counting goes on from the rebuilt figures: a refund of the loaded payment arrives.
    await record(ledger, refundEvent('refund.created', { id: 're_loaded', intent: 'pi_loaded', amount: 7_000, status: 'succeeded' }));
    expect((await ledger.totals('mira'))!.raised).toBe(5_000);
  });
});

describe.skipIf(!PG_URL)('three endpoint processes writing to one PostgreSQL at once', () => {
  it("count each payment and its refunds exactly, though each arrives at another process", async () => {
    const schema = freshSchemaName();
    const ledgers = await Promise.all([0, 1, 2].map(() => Ledger.open(PG_URL!, { schema })));
    try {
      await addCampaigns(ledgers[0]);
      // 60 $25 gifts covering the fee ($25.87), each refunded whole in two parts: the payment goes
      // to one process and each part to another, all at the same moment.
      const stories = Array.from({ length: 60 }, (_, i) => {
        const intent = `pi_race_${i}`;
        const campaign = CAMPAIGNS[i % CAMPAIGNS.length];
        return [
          oneTimeSucceeded({ intent, gift: 2_500, total: 2_587, campaign }),
          refundEvent('refund.created', { id: `re_race_${i}_1`, intent, amount: 1_000, status: 'succeeded' }),
          refundEvent('refund.created', { id: `re_race_${i}_2`, intent, amount: 1_587, status: 'pending' }),
        ];
      });
      // Half the gifts also have their second part fail, told to a process of its own.
      const failures = stories.map((_, i) => i).filter((i) => i % 2 === 0).map((i) => refundEvent('refund.failed', { id: `re_race_${i}_2`, intent: `pi_race_${i}`, amount: 1_587, status: 'failed' }));
      const kept = stories.length / 2; // the gifts whose second part failed keep 2,500 − floor(1,000 × 2,500 / 2,587)
      const expected = kept * (2_500 - Math.floor((1_000 * 2_500) / 2_587));

      await Promise.all([
        ...stories.flatMap((events, i) => events.map((event, k) => record(ledgers[(i + k) % 3], event))),
        ...failures.map((event, i) => record(ledgers[i % 3], event)),
        // And every event again, at once, to whichever process.
        ...shuffled([...stories.flat(), ...failures], 3).map((event, i) => record(ledgers[i % 3], event)),
      ]);

      const raised = (await Promise.all(CAMPAIGNS.map(async (id) => (await ledgers[1].totals(id))!.raised))).reduce((a, b) => a + b, 0);
      expect(raised).toBe(expected);
      for (const { running, summed } of await runningAndSummed(ledgers[2])) expect(running).toEqual(summed);
      expect((await ledgers[0].totals('mira'))!.donors).toBe(20);
    } finally {
      await Promise.all(ledgers.map((l) => l.close()));
      await dropSchema(schema);
    }
  });

  it('count a donor giving through two processes at once as one donor', async () => {
    const schema = freshSchemaName();
    const [a, b] = await Promise.all([Ledger.open(PG_URL!, { schema }), Ledger.open(PG_URL!, { schema })]);
    try {
      const month = { events: [], donations: Array.from({ length: 20 }, (_, i) => ({ id: `don_twice_${i}`, campaign: 'mira', donor: 'ana@example.org' })) };
      await startDonations(a, month);
      await Promise.all(month.donations.map((d, i) => record(i % 2 ? a : b, oneTimeSucceeded({ intent: `pi_twice_${i}`, gift: 1_000, total: 1_000, donationId: d.id }))));
      expect(await b.totals('mira')).toMatchObject({ raised: 20_000, donors: 1 });
    } finally {
      await Promise.all([a.close(), b.close()]);
      await dropSchema(schema);
    }
  });
});

describe.each(BACKENDS)('a ledger from before running totals, on %s', (backend) => {
  it('is backfilled when it is opened: the same totals, and counting goes on from them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mira-ledger-'));
    const schema = freshSchemaName();
    const url = backend === 'sqlite' ? `sqlite:${join(dir, 'ledger.db')}` : PG_URL!;
    const old =
      backend === 'sqlite'
        ? new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(join(dir, 'ledger.db')) }) })
        : new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` }) }) });
    try {
      if (backend === 'postgres') await old.schema.createSchema(schema).execute();
      const migrator = new Migrator({ db: old, provider: { getMigrations: async () => migrations }, ...(backend === 'postgres' ? { migrationTableSchema: schema } : {}) });
      const first = await migrator.migrateTo('2026-11-21-001-ledger');
      expect(first.error).toBeUndefined();

      // What the first schema held: a covered gift half refunded, an offline gift, an invoice lost
      // to a dispute, and one donor's two gifts; one cancelled subscription.
      const at = '2026-11-30T12:00:00.000Z';
      const payment = (id: string, gift: number, total: number, extra: Record<string, unknown> = {}) => ({
        id, kind: 'payment', campaign: 'mira', currency: 'USD', gift, total, payment_intent: id.startsWith('pi_') ? id : null, donation_id: null, subscription: null, note: null, recorded_at: at, ...extra,
      });
      const donation = (id: string) => ({
        id, idempotency_key: `key-${id}`, request_hash: 'h', campaign: 'mira', currency: 'USD', gift: 1, fee: 0, total: 1, frequency: 'once', locale: 'en',
        anonymous: 0, tribute_kind: null, donor_hash: 'same-donor', stripe_payment_intent: null, stripe_customer: null, stripe_subscription: null, response: null, failed_at: null, created_at: at,
      });
      await old.insertInto('donations').values([donation('d1'), donation('d2')]).execute();
      await old
        .insertInto('payments')
        .values([
          payment('pi_old_covered', 10_000, 10_256),
          payment('offline_old', 2_500, 2_500, { kind: 'offline' }),
          payment('in_old', 2_500, 2_500, { kind: 'invoice', payment_intent: 'pi_old_invoice', subscription: 'sub_old' }),
          payment('pi_old_d1', 6_000, 6_000, { donation_id: 'd1' }),
          payment('pi_old_d2', 3_000, 3_000, { donation_id: 'd2' }),
        ])
        .execute();
      await old
        .insertInto('reversals')
        .values([
          { id: 're_old', kind: 'refund', payment_intent: 'pi_old_covered', amount: 5_128, recorded_at: at },
          { id: 'du_old', kind: 'dispute', payment_intent: 'pi_old_invoice', amount: 2_500, recorded_at: at },
        ])
        .execute();
      await old.insertInto('cancelled_subscriptions').values({ id: 'sub_old', campaign: 'mira', cancelled_at: at }).execute();
    } finally {
      await old.destroy();
    }

    const ledger = await Ledger.open(url, backend === 'postgres' ? { schema } : {});
    try {
      expect(await ledger.totals('mira')).toMatchObject({ raised: 5_000 + 2_500 + 0 + 6_000 + 3_000, donors: 4, cancelledSubscriptions: 1 });
      // The refund kept from before fails after all: its $50 comes back.
      await record(ledger, refundEvent('refund.failed', { id: 're_old', intent: 'pi_old_covered', amount: 5_128, status: 'failed' }));
      expect((await ledger.totals('mira'))!.raised).toBe(21_500);
      expect(figures(await ledger.totals('mira'))).toEqual(figures(await recomputeTotals(ledger.db, 'mira')));
    } finally {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
      if (backend === 'postgres') await dropSchema(schema);
    }
  });
});
