/**
 * GET /api/campaigns/:id as the ledger grows (issue 7): on a SQLite file and on PostgreSQL, with
 * 10, 10,000 and 1,000,000 counted payments in a realistic mix (bench/totals/mix.ts), seeded in bulk:
 * - miss latency, median and p95: before each timed GET a signed webhook records a new gift, which
 *   clears the route's cache, so every timed answer is a miss (and must show that gift);
 * - requests/s at 200 connections for 10 s (autocannon, in its own process), while a gift is
 *   delivered every 100 ms so the cache keeps being cleared, as it is when gifts come in; with the
 *   requests and deliveries that failed or got no answer.
 * The endpoint runs in a process of its own, apart from the load and from this orchestrator.
 * Budgets, against the 10-row ledger measured in turn with each larger one (two rounds, the best
 * of each side compared): miss median ≤ 2 × its median + 1 ms, requests/s ≥ 0.8 × its rate, and in
 * every round nothing failed or went unanswered. The PostgreSQL part
 * uses TEST_DATABASE_URL (or a postgres:// DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
 * and is skipped, saying so, when no server answers. BENCH_TOTALS_SIZES=10,10000 runs fewer sizes.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Ledger } from '../src/server/ledger/ledger.js';
import { deliverGift, GIFT } from './totals/gifts.js';
import type { LoadFigures } from './totals/load.js';
import { CAMPAIGN, expectedTotals } from './totals/mix.js';
import { freshPlace, POSTGRES_URL, postgresProblem, startEndpointProcess, type Backend } from './totals/places.js';
import { seedLedger } from './totals/seed.js';

const SIZES = (process.env.BENCH_TOTALS_SIZES ?? '10,10000,1000000').split(',').map(Number);
const MISSES = 50;
const MISS_WARMUP = 1;
/** Misses stop early after this long, once a few are timed (a ledger that sums per request can take seconds each). */
const MISS_TIME_LIMIT_MS = 10_000;
const MISSES_AT_LEAST = 3;
/** Each larger ledger and the 10-row one are measured in turn this many times; each figure's best round counts. */
const ROUNDS = 2;
const CONNECTIONS = 200;
const LOAD_SECONDS = 10;
const GIFT_EVERY_MS = 100;
const SECRET = `whsec_${randomBytes(12).toString('hex')}`;

/** A seeded ledger with an endpoint process over it. */
interface Seeded {
  size: number;
  rows: number;
  seedSeconds: number;
  rebuilt: boolean;
  seededRight: boolean;
  url: string;
  close(): Promise<void>;
}

interface Cell extends Omit<Seeded, 'url' | 'close'> {
  round: number;
  misses: number[];
  /** Timed misses whose answer did not show the gift recorded just before. */
  stale: number;
  load: LoadFigures;
  gifts: { delivered: number; failed: number };
}

interface Figure {
  name: string;
  value: string;
  budget: string;
  ok: boolean;
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
const n = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const figures: Figure[] = [];
const record = (f: Figure) => {
  figures.push(f);
  console.log(`${f.ok ? 'ok  ' : 'OVER'}  ${f.name}: ${f.value}  (budget ${f.budget})`);
};

async function seeded(backend: Backend, size: number): Promise<Seeded> {
  const place = await freshPlace(backend);
  try {
    const ledger = await Ledger.open(place.url, place.schema ? { schema: place.schema } : {});
    let seed;
    let seededRight;
    try {
      seed = await seedLedger(ledger, size, place.file);
      const totals = await ledger.totals(CAMPAIGN);
      const expected = expectedTotals(size);
      seededRight = totals?.raised === expected.raised && totals.donors === expected.donors;
      if (!seededRight) console.log(`      ${n(size)} rows: the ledger says raised ${totals?.raised}, donors ${totals?.donors}; the mix says ${expected.raised}, ${expected.donors}`);
    } finally {
      await ledger.close();
    }
    const endpoint = await startEndpointProcess(place, SECRET);
    const close = async () => {
      await endpoint.stop();
      await place.drop();
    };
    return { size, rows: seed.rows, seedSeconds: seed.seconds, rebuilt: seed.rebuilt, seededRight, url: endpoint.url, close };
  } catch (error) {
    await place.drop();
    throw error;
  }
}

async function raisedNow(url: string): Promise<number> {
  const response = await fetch(`${url}/api/campaigns/${CAMPAIGN}`);
  return ((await response.json()) as { raised: number }).raised;
}

async function measureMisses(url: string): Promise<{ misses: number[]; stale: number }> {
  const misses: number[] = [];
  let stale = 0;
  let raised = await raisedNow(url);
  const started = performance.now();
  for (let k = 0; k < MISS_WARMUP + MISSES; k++) {
    if (misses.length >= MISSES_AT_LEAST && performance.now() - started > MISS_TIME_LIMIT_MS) break;
    if (!(await deliverGift(url, SECRET, 30_000))) throw new Error('a gift delivered before a timed miss was not answered 2xx');
    const t0 = performance.now();
    const response = await fetch(`${url}/api/campaigns/${CAMPAIGN}`);
    const body = (await response.json()) as { raised: number };
    const ms = performance.now() - t0;
    if (k >= MISS_WARMUP) {
      misses.push(ms);
      if (body.raised !== raised + GIFT) stale++;
    }
    raised = body.raised;
  }
  return { misses, stale };
}

/** autocannon in its own process, and a gift delivered every 100 ms meanwhile. */
async function measureLoad(url: string): Promise<{ load: LoadFigures; gifts: Cell['gifts'] }> {
  const gifts = { delivered: 0, failed: 0 };
  const pending: Promise<void>[] = [];
  const writer = setInterval(() => {
    pending.push(deliverGift(url, SECRET, LOAD_SECONDS * 1000).then((ok) => void (ok ? gifts.delivered++ : gifts.failed++)));
  }, GIFT_EVERY_MS);
  try {
    const load = await new Promise<LoadFigures>((resolve, reject) => {
      const args = [join(import.meta.dirname, 'totals', 'load.ts'), `${url}/api/campaigns/${CAMPAIGN}`, String(CONNECTIONS), String(LOAD_SECONDS)];
      const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited ${code}`))));
    });
    clearInterval(writer);
    await Promise.all(pending);
    return { load, gifts };
  } finally {
    clearInterval(writer);
  }
}

async function measure(ledger: Seeded, round: number): Promise<Cell> {
  const { misses, stale } = await measureMisses(ledger.url);
  const { load, gifts } = await measureLoad(ledger.url);
  const { size, rows, seedSeconds, rebuilt, seededRight } = ledger;
  return { size, round, rows, seedSeconds, rebuilt, seededRight, misses, stale, load, gifts };
}

const HEADER = '      rows  round    seeded    miss p50    miss p95     req/s    p99 lat   2xx/sent at 200  fail/t.o.   gifts';

function printCell(c: Cell) {
  const cells = [
    n(c.size).padStart(10),
    String(c.round).padStart(6),
    `${n(c.seedSeconds, 1)} s`.padStart(9),
    `${n(quantile(c.misses, 0.5), 1)} ms`.padStart(11),
    `${n(quantile(c.misses, 0.95), 1)} ms`.padStart(11),
    n(c.load.rate).padStart(9),
    (c.load.answered ? `${n(c.load.p99)} ms` : '–').padStart(10),
    `${n(c.load.answered)}/${n(c.load.sent)}`.padStart(17),
    `${c.load.non2xx + c.load.errors}/${c.load.timeouts}`.padStart(10),
    `${c.gifts.delivered}/${c.gifts.delivered + c.gifts.failed}`.padStart(8),
  ];
  const cut = c.misses.length < MISSES ? `   (${c.misses.length} misses: stopped after ${MISS_TIME_LIMIT_MS / 1000} s)` : '';
  console.log(cells.join(' ') + cut);
}

/** Other work on the machine only ever slows a round down: each side's best round is compared. */
function compare(label: string, bases: Cell[], largers: Cell[]) {
  const missOf = (cells: Cell[]) => Math.min(...cells.map((c) => quantile(c.misses, 0.5)));
  const rateOf = (cells: Cell[]) => Math.max(...cells.map((c) => c.load.rate));
  const [base, larger] = [bases[0]!, largers[0]!];
  const baseMiss = missOf(bases);
  const miss = missOf(largers);
  record({
    name: `${label}, miss median at ${n(larger.size)} rows vs ${n(base.size)}`,
    value: `${n(miss, 1)} ms vs ${n(baseMiss, 1)} ms (${n(miss / baseMiss, 2)} ×)`,
    budget: `≤ 2 × + 1 ms = ${n(2 * baseMiss + 1, 1)} ms`,
    ok: miss <= 2 * baseMiss + 1,
  });
  const [baseRate, rate] = [rateOf(bases), rateOf(largers)];
  record({
    name: `${label}, req/s at ${CONNECTIONS} connections, ${n(larger.size)} rows vs ${n(base.size)}`,
    value: `${n(rate / baseRate, 2)} × (${n(rate)} vs ${n(baseRate)})`,
    budget: '≥ 0.8 ×',
    ok: rate / baseRate >= 0.8,
  });
}

/** Every round of one size: nothing failed or went unanswered, and the seeded totals were right. */
function checkSize(label: string, cells: Cell[]) {
  const sum = (of: (c: Cell) => number) => cells.reduce((total, c) => total + of(c), 0);
  const failed = sum((c) => c.load.non2xx + c.load.errors);
  const [notAcknowledged, stale] = [sum((c) => c.gifts.failed), sum((c) => c.stale)];
  const silent = cells.filter((c) => c.load.answered === 0).length;
  record({
    name: `${label}, ${n(cells[0]!.size)} rows, ${cells.length} rounds: requests failed or unanswered, gifts not acknowledged, stale misses`,
    value: `${failed} (${sum((c) => c.load.timeouts)} timeouts), ${notAcknowledged}, ${stale}${silent ? `; ${silent} round(s) with no request answered at all` : ''}`,
    budget: '0',
    ok: failed + notAcknowledged + stale + silent === 0,
  });
  if (!cells[0]!.seededRight) record({ name: `${label}, ${n(cells[0]!.size)} rows: totals after seeding`, value: 'differ from the mix', budget: 'equal', ok: false });
}

/**
 * The smallest ledger stays up and is measured in turn with each larger one, round after round, so
 * the machine's other work weighs on both alike.
 */
async function benchBackend(backend: Backend, label: string) {
  console.log(`\n${label}\n${HEADER}`);
  const cells: Cell[] = [];
  const take = async (ledger: Seeded, round: number) => {
    const cell = await measure(ledger, round);
    printCell(cell);
    cells.push(cell);
    return cell;
  };
  const comparisons: Array<[Cell[], Cell[]]> = [];
  const base = await seeded(backend, SIZES[0]!);
  try {
    if (SIZES.length === 1) await take(base, 1);
    for (const size of SIZES.slice(1)) {
      const larger = await seeded(backend, size);
      const [bases, largers]: [Cell[], Cell[]] = [[], []];
      try {
        for (let round = 1; round <= ROUNDS; round++) {
          bases.push(await take(base, round));
          largers.push(await take(larger, round));
        }
      } finally {
        await larger.close();
      }
      comparisons.push([bases, largers]);
    }
  } finally {
    await base.close();
  }
  const last = cells.at(-1)!;
  const how = cells.every((c) => c.rebuilt) ? 'running totals rebuilt with ledger.rebuildTotals() after each seeding' : 'no ledger.rebuildTotals(): totals are summed from the entries';
  console.log(`      ${how}; ${n(last.rows)} rows written for ${n(last.size)} payments`);
  for (const [bases, largers] of comparisons) compare(label, bases, largers);
  for (const size of SIZES) checkSize(label, cells.filter((c) => c.size === size));
}

const started = performance.now();
await benchBackend('sqlite', 'SQLite file');
const problem = await postgresProblem();
if (problem) console.log(`\nPostgreSQL: SKIPPED, no server answers at ${new URL(POSTGRES_URL).host} (${problem}); set TEST_DATABASE_URL to run it`);
else await benchBackend('postgres', 'PostgreSQL');

console.log(`\n      ${n((performance.now() - started) / 1000)} s in all`);
const missed = figures.filter((f) => !f.ok);
console.log(missed.length ? `${missed.length} budget(s) missed` : 'all budgets met');
process.exit(missed.length ? 1 : 0);
