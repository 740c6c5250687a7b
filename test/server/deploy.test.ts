/**
 * The production artefact as it is deployed: dist/ and node_modules, no src/, no build tool. Its
 * bundle carries no Stripe stand-in; demo mode runs from it (the stand-in built beside it) with
 * every page and the stand-in reached through the endpoint's own origin; the health routes say
 * what a load balancer needs; and the endpoint's pages carry their security headers.
 * Needs `npm run build` (the e2e tests need it too).
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthRoutes } from '../../src/server/health.js';
import { Ledger } from '../../src/server/ledger/ledger.js';
import { PROJECT_ROOT } from '../../src/server/server.js';
import { BACKENDS, gift, openTestLedger, ORGANIZATION_ENV, postDonation, startHarness } from './helpers.js';
import { serve, stopServers } from './serve.js';

const DIST = join(PROJECT_ROOT, 'dist');
const { devDependencies } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

afterAll(() => stopServers('SIGKILL'));

beforeAll(() => {
  for (const file of ['server/cli.js', 'standin/index.js', 'standin/stripe.js', 'demo/index.html', 'mira-donate.js']) {
    if (!existsSync(join(DIST, file))) throw new Error(`dist/${file} is missing: run npm run build first.`);
  }
});

describe('the bundle', () => {
  it('carries no stand-in and no bundler: the demo wiring names the stand-in built beside it', () => {
    const bundle = readFileSync(join(DIST, 'server', 'cli.js'), 'utf8');
    for (const standin of ['function startStripeStandin', 'sk_test_standin', 'Test mode — no real payment', 'function chargeIntent', 'renewSubscription']) {
      expect(bundle).not.toContain(standin);
    }
    expect(bundle).not.toMatch(/from ["']esbuild["']|import\(["']esbuild["']\)/);
    expect(bundle).toContain('import("../standin/index.js")');
  });
});

/**
 * A copy of dist/ and package.json with node_modules holding only what is not a development
 * dependency (so no esbuild, tsx or vite), as `npm ci --omit=dev` leaves it.
 */
function deployedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mira-deploy-'));
  cpSync(DIST, join(dir, 'dist'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'package.json'), join(dir, 'package.json'));
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  const buildTools = new Set([...Object.keys(devDependencies), '@esbuild', 'esbuild']);
  for (const name of readdirSync(join(PROJECT_ROOT, 'node_modules'))) {
    if (name.startsWith('.') || buildTools.has(name)) continue;
    if (name.startsWith('@')) {
      mkdirSync(join(modules, name));
      for (const inner of readdirSync(join(PROJECT_ROOT, 'node_modules', name))) {
        if (!buildTools.has(`${name}/${inner}`)) symlinkSync(join(PROJECT_ROOT, 'node_modules', name, inner), join(modules, name, inner));
      }
    } else symlinkSync(join(PROJECT_ROOT, 'node_modules', name), join(modules, name));
  }
  return dir;
}

/** The start command the Dockerfile and the systemd unit run, in the deployed copy. */
const start = (dir: string, env: Record<string, string>) => serve(env, { dir });

describe('dist/ alone, in demo mode', () => {
  let dir: string;
  let served: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    dir = deployedCopy();
    expect(existsSync(join(dir, 'src'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'esbuild'))).toBe(false);
    served = await start(dir, { DATABASE_URL: `sqlite:${join(dir, 'data', 'ledger.db')}` });
  }, 30_000);
  afterAll(() => {
    served?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts, is healthy and ready', async () => {
    expect(served.output()).toMatch(/mode: demo/);
    expect(await (await fetch(`${served.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${served.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the demo page and the widget, and the stand-in and its Stripe.js through its own origin', async () => {
    const page = await fetch(`${served.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<mira-donate');
    expect((await fetch(`${served.url}/index.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${served.url}/mira-donate.js`)).status).toBe(200);

    const config = await (await fetch(`${served.url}/api/config`)).json();
    expect(config.stripeJsUrl).toBe('standin/js/stripe.js');
    const stripeJs = await fetch(new URL(config.stripeJsUrl, `${served.url}/`));
    expect(stripeJs.status).toBe(200);
    expect(await stripeJs.text()).toContain('Stripe');

    // A gift, and the browser's side of paying it, through /standin/ as Stripe.js would call Stripe.
    const response = await postDonation(served.url, gift());
    expect(response.status).toBe(200);
    const { clientSecret } = await response.json();
    const intent = clientSecret.split('_secret_')[0];
    const read = await fetch(`${served.url}/standin/v1/payment_intents/${intent}?key=${config.publishableKey}&client_secret=${clientSecret}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: intent, object: 'payment_intent', status: 'requires_payment_method' });
  });

  it("sends its pages with a strict policy, and every answer with nosniff, never barring member sites from the widget's script", async () => {
    const page = await fetch(`${served.url}/`);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/frame-ancestors 'self'/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // Plain HTTP here: no HSTS (it is only meaningful, and only sent, behind HTTPS).
    expect(page.headers.get('strict-transport-security')).toBeNull();

    const outbox = await fetch(`${served.url}/outbox`);
    expect(outbox.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(outbox.headers.get('x-frame-options')).toBe('DENY');

    const script = await fetch(`${served.url}/mira-donate.js`);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    // A member site on another origin may load it: no policy, or one that says so.
    expect([null, 'cross-origin']).toContain(script.headers.get('cross-origin-resource-policy'));
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    const api = await fetch(`${served.url}/api/campaigns/mira`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toBeNull();
  });
});

describe('behind HTTPS (PUBLIC_URL https://…)', () => {
  it("sends HSTS, and in test mode the demo page's policy allows Stripe's script, frames and API", async () => {
    const h = await startHarness({ env: { PUBLIC_URL: 'https://donate.example.org' } });
    try {
      const page = await h.app.request('/');
      // A built demo page is needed for a 200; the headers are set either way.
      expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
      const policy = page.headers.get('content-security-policy')!;
      expect(policy).toMatch(/script-src 'self' https:\/\/js\.stripe\.com https:\/\/\*\.js\.stripe\.com/);
      expect(policy).toMatch(/frame-src https:\/\/js\.stripe\.com https:\/\/\*\.js\.stripe\.com https:\/\/hooks\.stripe\.com/);
      expect(policy).toMatch(/connect-src 'self' https:\/\/api\.stripe\.com/);
      expect((await h.app.request('/api/config')).headers.get('strict-transport-security')).toMatch(/^max-age/);
    } finally {
      await h.close();
    }
  });
});

describe.each(BACKENDS)('readiness, on %s', (backend) => {
  it('answers 503 when a migration this code expects is missing, and when the ledger does not answer', async () => {
    const { ledger, drop } = await openTestLedger(backend);
    const routes = healthRoutes(ledger);
    expect((await routes.request('/readyz')).status).toBe(200);
    const [last] = await ledger.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never, 'desc').limit(1).execute();
    await ledger.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', (last as { name: string }).name as never).execute();
    const pending = await routes.request('/readyz');
    expect(pending.status).toBe(503);
    expect(await pending.json()).toEqual({ status: 'migrations_pending' });
    // The process is still up: a restart would not help, so /healthz stays 200.
    expect((await routes.request('/healthz')).status).toBe(200);
    await drop();
    const gone = await routes.request('/readyz');
    expect(gone.status).toBe(503);
    expect(await gone.json()).toEqual({ status: 'ledger_unreachable' });
  });

  it('answers 503 once the process is shutting down', async () => {
    const ledger = await Ledger.open('sqlite::memory:');
    let draining = false;
    const routes = healthRoutes(ledger, () => draining);
    expect((await routes.request('/readyz')).status).toBe(200);
    draining = true;
    expect(await (await routes.request('/readyz')).json()).toEqual({ status: 'shutting_down' });
    await ledger.close();
  });
});

describe('live and test mode from dist/', () => {
  it('starts with real-looking keys and no stand-in, and is ready', async () => {
    const dir = deployedCopy();
    try {
      const served = await start(dir, {
        ...ORGANIZATION_ENV,
        DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}`,
        STRIPE_SECRET_KEY: `sk_test_${randomUUID().replaceAll('-', '')}`,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_deploy',
        STRIPE_WEBHOOK_SECRET: 'whsec_deploy',
        RECEIPTS: 'off',
      });
      try {
        expect(served.output()).toMatch(/mode: test/);
        expect((await fetch(`${served.url}/readyz`)).status).toBe(200);
        expect((await fetch(`${served.url}/standin/js/stripe.js`)).status).toBe(404);
        expect((await (await fetch(`${served.url}/api/config`)).json()).stripeJsUrl).toBeUndefined();
      } finally {
        served.child.kill('SIGTERM');
        expect(await new Promise((resolve) => served.child.once('exit', resolve))).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
