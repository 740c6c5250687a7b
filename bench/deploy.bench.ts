/**
 * The production artefact's figures (issue 12), each beside its budget:
 * - start to ready: `node dist/server/cli.js serve` spawned until /readyz first answers 200 (the
 *   ledger opened, migrations checked), on a second start (the ledger exists), median of 5;
 * - SIGTERM to exit with requests in flight: 20 donations under way, Stripe (the stand-in) answering
 *   each after 500 ms, SIGTERM as the last reaches Stripe: how long until the process has exited,
 *   and whether every donor got their answer.
 * Run after `npm run build` (`npm run bench` does both). Only 127.0.0.1 is used.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/server/server.js';
import { startStripeStandin } from '../src/standin/index.js';
import { figureLog } from './figures.js';

const { record, missed: missedFigures } = figureLog(1);

const CLI = join(PROJECT_ROOT, 'dist', 'server', 'cli.js');
const ORGANIZATION = { ORG_LEGAL_NAME: 'Bench Coalition Inc.', ORG_EIN: '12-3456789', ORG_ADDRESS: '1 Bench Street, Boston, MA' };
const DONATIONS = 20;
const STRIPE_DELAY_MS = 500;

function spawnServe(env: Record<string, string>): { child: ChildProcess; url: Promise<string>; exited: Promise<number> } {
  const child = spawn(process.execPath, [CLI, 'serve'], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...ORGANIZATION, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(performance.now())));
  return { child, url, exited };
}

async function ready(url: string): Promise<void> {
  for (;;) {
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'mira-deploy-bench-'));
const standin = await startStripeStandin();
try {
  const env = {
    DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}`,
    STRIPE_SECRET_KEY: standin.secretKey,
    STRIPE_PUBLISHABLE_KEY: standin.publishableKey,
    STRIPE_WEBHOOK_SECRET: standin.webhookSecret,
    STRIPE_API_URL: standin.url,
    RECEIPTS: 'off', MANAGE_LINK_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
    RATE_LIMIT_PER_ADDRESS: '1000',
    RATE_LIMIT_PER_EMAIL: '1000',
  };

  // 1. Start to ready. The first start creates and migrates the ledger; the next five are timed.
  const starts: number[] = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const serve = spawnServe(env);
    await ready(await serve.url);
    if (i > 0) starts.push(performance.now() - started);
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  record({ name: 'start to ready, dist/server/cli.js (spawn to /readyz 200), median of 5', value: median(starts), unit: 'ms', budget: '< 1,000', ok: median(starts) < 1_000 });

  // 2. SIGTERM with requests in flight, Stripe slowed behind a relay.
  let arrived = 0;
  let allArrived: () => void = () => {};
  const everyoneAtStripe = new Promise<void>((resolve) => (allArrived = resolve));
  const relay = createServer((req, res) => {
    if (req.url?.startsWith('/v1/payment_intents') && req.method === 'POST' && ++arrived === DONATIONS) allArrived();
    setTimeout(() => {
      const upstream = forward({ host: standin.host, port: standin.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    }, STRIPE_DELAY_MS);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const serve = spawnServe({ ...env, STRIPE_API_URL: `http://127.0.0.1:${(relay.address() as AddressInfo).port}` });
  const url = await serve.url;
  await ready(url);
  const answers = Array.from({ length: DONATIONS }, (_, i) =>
    fetch(`${url}/api/donations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ campaign: 'mira', currency: 'USD', gift: 2_500, frequency: 'once', coverFee: false, donor: { email: `donor${i}@example.org`, name: 'Bench Donor' }, anonymous: false, locale: 'en' }),
    }).then((r) => r.status, () => 0),
  );
  await everyoneAtStripe;
  const signalled = performance.now();
  serve.child.kill('SIGTERM');
  const exitedAt = await serve.exited;
  const statuses = await Promise.all(answers);
  const answered = statuses.filter((s) => s === 200).length;
  console.log(`      ${answered} of ${DONATIONS} donations in flight answered 200; exit code ${serve.child.exitCode}`);
  const drainMs = exitedAt - signalled;
  record({
    name: `SIGTERM to exit with ${DONATIONS} donations in flight (Stripe answering after ${STRIPE_DELAY_MS} ms)`,
    value: drainMs,
    unit: 'ms',
    budget: `< ${STRIPE_DELAY_MS + 1_000}, every donor answered, exit 0`,
    ok: drainMs < STRIPE_DELAY_MS + 1_000 && answered === DONATIONS && serve.child.exitCode === 0,
  });
  await new Promise((resolve) => relay.close(resolve));
} finally {
  await standin.close();
  rmSync(dir, { recursive: true, force: true });
}

const missed = missedFigures();
console.log(missed.length ? `${missed.length} budget(s) missed` : 'all budgets met');
process.exit(missed.length ? 1 : 0);
