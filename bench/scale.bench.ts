/**
 * Scale-out behind a real nginx (issue 12): two endpoint processes (the production artefact,
 * `node dist/server/cli.js serve`, test mode against a Stripe stand-in) on one PostgreSQL schema,
 * nginx in front, beside one of the same processes reached directly, in the same run:
 * - GET /api/campaigns/mira requests per second (200 connections, 8 s, autocannon in its own process);
 * - POST /api/donations creates per second (20 connections, 8 s; each a new attempt and donor), with
 *   the stand-in answering the PaymentIntent creates.
 * Rounds alternate direct and through nginx so machine noise falls on both; each side's best round
 * counts. Budgets: nothing failed or went unanswered, and through nginx to two processes at least
 * 0.7 × one process direct for creates and 0.4 × for cached reads (a cached answer costs the endpoint
 * less than nginx's hop does). Here the load generator, the stand-in, nginx, PostgreSQL and both
 * processes share the machine's cores (two on the CI machine), so a second process cannot buy back
 * the hop: the figures say what the proxy costs and that nothing is lost or refused through it. On a
 * machine with more cores than that, the same run shows what the second process adds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startStripeStandin } from '../src/standin/index.js';
import { PROJECT_ROOT } from '../src/server/server.js';
import { NGINX, freePort, startNginx } from '../test/e2e/support/nginx.js';
import type { LoadFigures } from './load-figures.js';
import { POSTGRES_URL, postgresProblem } from './totals/places.js';

const ROUNDS = 3;
const SECONDS = 8;

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function load(script: string, url: string, connections: number): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), url, String(connections), String(SECONDS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadFigures) : reject(new Error(`${script} exited with ${code}`))));
  });
}

function serveProduction(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/server/cli.js'), 'serve'], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const read = (c: Buffer) => {
      out += c;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ url: match[1]!, child });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
}

const problem = await postgresProblem();
if (problem || !NGINX) {
  console.log(`SKIPPED: ${problem ?? 'nginx is not installed (apt-get install -y nginx)'}`);
  process.exit(0);
}

const schema = `bench_${randomBytes(6).toString('hex')}`;
const admin = new pg.Client({ connectionString: POSTGRES_URL });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const databaseUrl = new URL(POSTGRES_URL);
databaseUrl.searchParams.set('options', `-c search_path=${schema}`);

const standin = await startStripeStandin({});
const port = await freePort();
const env = {
  HOST: '127.0.0.1',
  PORT: '0',
  DATABASE_URL: databaseUrl.toString(),
  STRIPE_SECRET_KEY: standin.secretKey,
  STRIPE_PUBLISHABLE_KEY: standin.publishableKey,
  STRIPE_WEBHOOK_SECRET: standin.webhookSecret,
  STRIPE_API_URL: standin.url,
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  TRUST_PROXY: 'loopback',
  ALLOWED_ORIGINS: 'https://member.example',
  RATE_LIMIT_PER_ADDRESS: '1000000',
  RATE_LIMIT_PER_EMAIL: '1000000',
  ORG_LEGAL_NAME: 'Bench Coalition Inc.',
  ORG_EIN: '12-3456789',
  ORG_ADDRESS: '1 Bench Street, Boston, MA 02111',
  RECEIPTS: 'off', MANAGE_LINK_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
};
const processes = [await serveProduction(env), await serveProduction(env)];
const nginx = await startNginx(port, processes.map((p) => new URL(p.url).host), { accessLog: false });

let failed = false;
try {
  console.log(`${cpus().length} CPU cores; ${ROUNDS} rounds of ${SECONDS} s each side, alternating`);
  for (const [name, script, path, connections, budget] of [
    ['GET /api/campaigns/mira', 'totals/load.ts', '/api/campaigns/mira', 200, 0.4],
    ['POST /api/donations', 'scale/creates.ts', '', 20, 0.7],
  ] as const) {
    const direct: LoadFigures[] = [];
    const balanced: LoadFigures[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      direct.push(await load(script, `${processes[0]!.url}${path}`, connections));
      balanced.push(await load(script, `${nginx.url}${path}`, connections));
    }
    const best = (runs: LoadFigures[]) => runs.reduce((a, b) => (b.rate > a.rate ? b : a));
    const [one, two] = [best(direct), best(balanced)];
    const unanswered = [...direct, ...balanced].reduce((sum, f) => sum + f.non2xx + f.errors + f.timeouts, 0);
    const ratio = two.rate / one.rate;
    const ok = unanswered === 0 && ratio >= budget;
    failed ||= !ok;
    console.log(
      `${ok ? 'ok  ' : 'OVER'}  ${name}: one process direct ${n(one.rate)}/s (p99 ${n(one.p99)} ms), two behind nginx ${n(two.rate)}/s (p99 ${n(two.p99)} ms), ratio ${n(ratio, 2)} (budget ≥ ${n(budget, 2)}); failed or unanswered: ${unanswered}`,
    );
  }
} finally {
  for (const p of processes) p.child.kill('SIGKILL');
  await nginx.close();
  await standin.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
process.exit(failed ? 1 : 0);
