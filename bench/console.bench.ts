/**
 * The console with 100,000 gifts in the ledger (issue 11), on a SQLite file and on PostgreSQL:
 * median time of the gifts list's first page, of a search by donor name and by email, and of a
 * 12-month CSV export read to its end, each through the console's own routes (query, rendering,
 * streaming). The ledger is bench/totals/mix.ts's, seeded in bulk (bench/totals/seed.ts), with a
 * name and email given to each donation; its gifts fall within the 12 months exported, so the
 * export writes all 100,000 rows. The PostgreSQL part uses TEST_DATABASE_URL (else
 * postgres://postgres@127.0.0.1:5432/test) and is skipped, saying so, when no server answers.
 * BENCH_CONSOLE_SIZE=10000 runs a smaller ledger.
 */
import { sql } from 'kysely';
import { Hono } from 'hono';
import { Ledger } from '../src/server/ledger/ledger.js';
import type { ConsoleEnv } from '../src/server/console/access.js';
import { giftsPages } from '../src/server/console/gifts.js';
import { exportPages } from '../src/server/console/exports.js';
import { loadConfig } from '../src/server/config.js';
import { createStripe } from '../src/server/stripe/client.js';
import { StripeGateway } from '../src/server/stripe/gateway.js';
import { silentLog } from '../src/server/log.js';
import { freshPlace, postgresProblem, type Backend } from './totals/places.js';
import { seedLedger } from './totals/seed.js';

const SIZE = Number(process.env.BENCH_CONSOLE_SIZE ?? 100_000);
const RUNS = 21;
const EXPORT_RUNS = 5;
const BUDGET_MS = { firstPage: 100, search: 250, export: 15_000 };

interface Figure {
  name: string;
  value: number;
  budget: number;
}
const figures: Figure[] = [];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function consoleFor(ledger: Ledger) {
  const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_bench', STRIPE_PUBLISHABLE_KEY: 'pk_test_bench', STRIPE_WEBHOOK_SECRET: 'whsec_bench', STRIPE_API_URL: 'http://127.0.0.1:9', RECEIPTS: 'off', MANAGE_LINK_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`, ORG_LEGAL_NAME: 'Bench', ORG_EIN: '12-3456789', ORG_ADDRESS: '1 Bench St' });
  const stripe = createStripe(config.stripe);
  const services = { config, ledger, stripe, gateway: new StripeGateway(stripe), log: silentLog, root: process.cwd() };
  return new Hono<ConsoleEnv>()
    .use(async (c, next) => {
      c.set('staff', { id: 'bench', email: 'bench@example.org', name: 'Bench', role: 'treasurer' });
      c.set('csrfToken', 'bench');
      await next();
    })
    // The pages themselves, signed in as requireSession would say (its one session read is not what is measured).
    .route('/console/gifts', giftsPages(services))
    .route('/console/exports', exportPages(services));
}

async function timed(runs: number, work: () => Promise<void>): Promise<number> {
  await work(); // warm-up: statements prepared, pages in cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function bench(backend: Backend) {
  const place = await freshPlace(backend);
  const ledger = await Ledger.open(place.url, place.schema ? { schema: place.schema } : {});
  try {
    const seeded = await seedLedger(ledger, SIZE, place.file);
    // Names and emails for the search, as the form records them.
    await sql`UPDATE donations SET donor_name = 'Donor ' || id, donor_email = id || '@example.org'`.execute(ledger.db);
    if (backend === 'postgres') await sql`ANALYZE donations`.execute(ledger.db);
    const gifts = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM payments`.execute(ledger.db)).rows[0]!.n);
    console.log(`${backend}: ${gifts.toLocaleString('en-US')} gifts seeded in ${seeded.seconds.toFixed(1)} s`);
    const app = consoleFor(ledger);
    const get = (path: string, check: (body: string) => boolean) => async () => {
      const response = await app.request(path);
      const body = await response.text();
      if (response.status !== 200 || !check(body)) throw new Error(`${path} answered ${response.status} without what it should show`);
    };
    const target = `don_seed_${Math.floor((SIZE * 0.37) / 4) * 4 + 2}`;
    const record = (name: string, value: number, budget: number) => {
      figures.push({ name: `${backend}: ${name}`, value, budget });
      console.log(`${value <= budget ? 'ok  ' : 'OVER'}  ${backend}: ${name}: ${value.toFixed(1)} ms  (budget ${budget} ms)`);
    };
    record('gifts list, first page (25)', await timed(RUNS, get('/console/gifts', (b) => b.includes('Next page'))), BUDGET_MS.firstPage);
    record(`search by name ("${target}")`, await timed(RUNS, get(`/console/gifts?q=${target}`, (b) => b.includes(`Donor ${target}`))), BUDGET_MS.search);
    record('search by email', await timed(RUNS, get(`/console/gifts?q=${target}@example.org`, (b) => b.includes(`Donor ${target}`))), BUDGET_MS.search);
    let rows = 0;
    const exportAll = async () => {
      const response = await app.request('/console/exports/gifts.csv?from=2025-01-01&to=2025-12-31');
      const text = await response.text();
      rows = text.split('\n').length - 2;
    };
    record(`12-month CSV export (${SIZE.toLocaleString('en-US')} gifts)`, await timed(EXPORT_RUNS, exportAll), BUDGET_MS.export);
    if (rows !== gifts) throw new Error(`the export wrote ${rows} rows for ${gifts} gifts`);
  } finally {
    await ledger.close();
    await place.drop();
  }
}

await bench('sqlite');
const problem = await postgresProblem();
if (problem) console.log(`PostgreSQL skipped: ${problem}`);
else await bench('postgres');
const over = figures.filter((f) => f.value > f.budget);
console.log(`\nconsole: ${figures.length - over.length} of ${figures.length} within budget`);
process.exit(over.length ? 1 : 0);
