/**
 * Writes mix.ts's ledger straight into the tables of a freshly opened (migrated) ledger, in bulk:
 * SQLite with prepared statements in one transaction on a second connection to the same file,
 * PostgreSQL with INSERT … SELECT FROM generate_series. A ledger that keeps running totals of its
 * own is then asked to rebuild them from the entries (`rebuildTotals()`, when it has one).
 */
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Ledger } from '../../src/server/ledger/ledger.js';
import { amountsOf, at, BASE_TIME, CAMPAIGN, isCancelled, kindOf, oneTimeDonorCount, oneTimeDonorOf, reversalOf, STEP_MS, subscriptionCount, subscriptionOf } from './mix.js';

export interface Seeded {
  /** Rows written: payments, reversals, donations and cancellations. */
  rows: number;
  seconds: number;
  /** Whether the ledger rebuilt running totals of its own afterwards. */
  rebuilt: boolean;
}

const donorHash = (key: string) => createHash('sha256').update(key).digest('hex');

export async function seedLedger(ledger: Ledger, size: number, sqliteFile?: string): Promise<Seeded> {
  const started = performance.now();
  const rows = ledger.database.dialect === 'sqlite' ? seedSqlite(sqliteFile!, size) : await seedPostgres(ledger, size);
  // A ledger that keeps each reversal's status is told the seeded disputes were lost, as its own
  // migration says of disputes recorded before it (refunds take the column's default, succeeded).
  if (await hasColumn(ledger, 'reversals', 'status')) await sql`UPDATE reversals SET status = 'lost' WHERE kind = 'dispute'`.execute(ledger.db);
  const rebuild = (ledger as Partial<{ rebuildTotals(): Promise<unknown> }>).rebuildTotals;
  if (typeof rebuild === 'function') await rebuild.call(ledger);
  if (ledger.database.dialect === 'postgres') await analyze(ledger);
  return { rows, seconds: (performance.now() - started) / 1000, rebuilt: typeof rebuild === 'function' };
}

function seedSqlite(file: string, size: number): number {
  const db = new SQLite(file);
  try {
    const payment = db.prepare(
      `INSERT INTO payments (id, kind, campaign, currency, gift, total, payment_intent, donation_id, subscription, note, recorded_at) VALUES (?, ?, '${CAMPAIGN}', 'USD', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const donation = db.prepare(
      `INSERT INTO donations (id, idempotency_key, request_hash, campaign, currency, gift, fee, total, frequency, locale, anonymous, donor_hash, stripe_payment_intent, stripe_subscription, created_at) VALUES (?, ?, 'seed', '${CAMPAIGN}', 'USD', ?, ?, ?, ?, 'en', 0, ?, ?, ?, ?)`,
    );
    const reversal = db.prepare('INSERT INTO reversals (id, kind, payment_intent, amount, recorded_at) VALUES (?, ?, ?, ?, ?)');
    const cancellation = db.prepare(`INSERT INTO cancelled_subscriptions (id, campaign, cancelled_at) VALUES (?, '${CAMPAIGN}', ?)`);
    let rows = 0;
    db.transaction(() => {
      const start = new Date(BASE_TIME).toISOString();
      for (let s = 0; s < subscriptionCount(size); s++) {
        donation.run(`don_sub_seed_${s}`, `seed-sub-${s}`, 2_500, 0, 2_500, 'month', donorHash(`subscriber-${s}`), null, `sub_seed_${s}`, start);
        rows++;
        if (isCancelled(s)) cancellation.run(`sub_seed_${s}`, start), rows++;
      }
      for (let i = 0; i < size; i++) {
        const kind = kindOf(i);
        const { gift, total } = amountsOf(i);
        const when = at(i);
        if (kind === 'offline') {
          payment.run(`offline_seed_${i}`, kind, gift, total, null, null, null, 'cheque', when);
          rows++;
          continue;
        }
        const intent = kind === 'invoice' ? `pi_in_seed_${i}` : `pi_seed_${i}`;
        if (kind === 'invoice') {
          const s = subscriptionOf(i, size);
          payment.run(`in_seed_${i}`, kind, gift, total, intent, `don_sub_seed_${s}`, `sub_seed_${s}`, null, when);
        } else {
          donation.run(`don_seed_${i}`, `seed-${i}`, gift, total - gift, total, 'once', donorHash(`donor-${oneTimeDonorOf(i, size)}`), intent, null, when);
          payment.run(intent, kind, gift, total, intent, `don_seed_${i}`, null, null, when);
          rows++;
        }
        rows++;
        const back = reversalOf(i);
        if (back) reversal.run(`${back.kind === 'refund' ? 're' : 'dp'}_seed_${i}`, back.kind, intent, back.amount, when), rows++;
      }
    })();
    return rows;
  } finally {
    db.close();
  }
}

/** The same rules as mix.ts, row by row in SQL. */
function mixSql(size: number): string {
  const iso = `'YYYY-MM-DD"T"HH24:MI:SS".000Z"'`;
  return `
    WITH k AS (
      SELECT i, CASE WHEN i % 20 = 1 THEN 'offline' WHEN i % 4 = 3 THEN 'invoice' ELSE 'payment' END AS kind
      FROM generate_series(0, ${size - 1}) AS g(i)
    ), a AS (
      SELECT i, kind, CASE WHEN kind = 'offline' THEN 10000 + (i % 5) * 5000 ELSE 500 * (1 + (i * 7) % 20) END AS gift FROM k
    ), m AS (
      SELECT i, kind, gift,
        CASE WHEN kind <> 'offline' AND i % 3 = 0 THEN gift + gift * 29 / 1000 + 30 ELSE gift END AS total,
        CASE kind WHEN 'invoice' THEN 'pi_in_seed_' || i WHEN 'payment' THEN 'pi_seed_' || i END AS intent,
        (i / 4) % ${subscriptionCount(size)} AS sub,
        to_char(timestamp '${new Date(BASE_TIME).toISOString().slice(0, 19)}' + i * interval '${STEP_MS / 1000} seconds', ${iso}) AS at
      FROM a
    )`;
}

async function seedPostgres(ledger: Ledger, size: number): Promise<number> {
  const db = ledger.db;
  const run = async (text: string) => Number((await sql.raw(text).execute(db)).numAffectedRows ?? 0);
  const start = `'${new Date(BASE_TIME).toISOString()}'`;
  const subscriptions = subscriptionCount(size);
  let rows = 0;
  rows += await run(`
    INSERT INTO donations (id, idempotency_key, request_hash, campaign, currency, gift, fee, total, frequency, locale, anonymous, donor_hash, stripe_subscription, created_at)
    SELECT 'don_sub_seed_' || s, 'seed-sub-' || s, 'seed', '${CAMPAIGN}', 'USD', 2500, 0, 2500, 'month', 'en', 0,
      encode(sha256(convert_to('subscriber-' || s, 'UTF8')), 'hex'), 'sub_seed_' || s, ${start}
    FROM generate_series(0, ${subscriptions - 1}) AS g(s)`);
  rows += await run(`
    INSERT INTO cancelled_subscriptions (id, campaign, cancelled_at)
    SELECT 'sub_seed_' || s, '${CAMPAIGN}', ${start} FROM generate_series(0, ${subscriptions - 1}) AS g(s) WHERE s % 5 = 0`);
  rows += await run(`${mixSql(size)}
    INSERT INTO donations (id, idempotency_key, request_hash, campaign, currency, gift, fee, total, frequency, locale, anonymous, donor_hash, stripe_payment_intent, created_at)
    SELECT 'don_seed_' || i, 'seed-' || i, 'seed', '${CAMPAIGN}', 'USD', gift, total - gift, total, 'once', 'en', 0,
      encode(sha256(convert_to('donor-' || (i % ${oneTimeDonorCount(size)}), 'UTF8')), 'hex'), intent, at
    FROM m WHERE kind = 'payment'`);
  rows += await run(`${mixSql(size)}
    INSERT INTO payments (id, kind, campaign, currency, gift, total, payment_intent, donation_id, subscription, note, recorded_at)
    SELECT CASE kind WHEN 'offline' THEN 'offline_seed_' || i WHEN 'invoice' THEN 'in_seed_' || i ELSE intent END,
      kind, '${CAMPAIGN}', 'USD', gift, total, intent,
      CASE kind WHEN 'invoice' THEN 'don_sub_seed_' || sub WHEN 'payment' THEN 'don_seed_' || i END,
      CASE WHEN kind = 'invoice' THEN 'sub_seed_' || sub END,
      CASE WHEN kind = 'offline' THEN 'cheque' END,
      at
    FROM m`);
  rows += await run(`${mixSql(size)}
    INSERT INTO reversals (id, kind, payment_intent, amount, recorded_at)
    SELECT CASE WHEN i % 200 = 6 THEN 'dp_seed_' || i ELSE 're_seed_' || i END,
      CASE WHEN i % 200 = 6 THEN 'dispute' ELSE 'refund' END,
      intent,
      CASE WHEN i % 200 = 6 OR total > gift THEN total ELSE gift / 2 END,
      at
    FROM m WHERE kind <> 'offline' AND (i % 200 = 6 OR i % 25 = 2)`);
  return rows;
}

/** What autovacuum would soon do after a million new rows, done now so the planner sees them; this schema's tables only. */
async function analyze(ledger: Ledger): Promise<void> {
  const { rows } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(ledger.db);
  if (rows.length) await sql.raw(`ANALYZE ${rows.map((r) => `"${r.name}"`).join(', ')}`).execute(ledger.db);
}

async function hasColumn(ledger: Ledger, table: string, column: string): Promise<boolean> {
  const query =
    ledger.database.dialect === 'sqlite'
      ? sql`SELECT 1 FROM pragma_table_info(${table}) WHERE name = ${column}`
      : sql`SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} AND column_name = ${column}`;
  return (await query.execute(ledger.db)).rows.length > 0;
}
