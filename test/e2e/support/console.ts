/**
 * A staff member's way into the console in an e2e test: `cli.js` run as an operator runs it, a
 * browser of their own with a virtual passkey authenticator (CDP WebAuthn), enrolment from an
 * invitation link, and the checks every console page passes (axe, 320 px reflow).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../../src/server/config.js';
import { silentLog } from '../../../src/server/log.js';
import { PROJECT_ROOT, startEndpoint, type Endpoint } from '../../../src/server/server.js';
import { launchBrowser } from './chromium.js';

export const CLI = join(PROJECT_ROOT, 'dist', 'server', 'cli.js');

export interface ConsoleDemo {
  endpoint: Endpoint;
  browser: Browser;
  /** The console's origin: passkeys need a domain name, never an IP address, so the demo's console is at localhost. */
  origin: string;
  /** What `cli.js` needs to reach this endpoint's ledger. */
  env: Record<string, string>;
  /** The campaign's total as a fresh widget page reads it. */
  raised(campaign?: string): Promise<number>;
  close(): Promise<void>;
}

/** The endpoint as `serve` starts it in demo mode, with a ledger file of its own, and Chromium. */
export async function startConsoleDemo(): Promise<ConsoleDemo> {
  if (!existsSync(CLI) || !existsSync(join(PROJECT_ROOT, 'dist', 'console', 'sign-in.js'))) throw new Error('dist/server and dist/console are missing: run npm run build first.');
  const dir = mkdtempSync(join(tmpdir(), 'mira-console-'));
  const databaseUrl = `sqlite:${join(dir, 'ledger.db')}`;
  const [endpoint, browser] = await Promise.all([startEndpoint(loadConfig({ DATABASE_URL: databaseUrl, PORT: '0' }), { log: silentLog }), launchBrowser()]);
  const origin = endpoint.url.replace('127.0.0.1', 'localhost');
  return {
    endpoint,
    browser,
    origin,
    env: { DATABASE_URL: databaseUrl, PUBLIC_URL: origin },
    raised: async (campaign = 'mira') => ((await (await fetch(`${endpoint.url}/api/campaigns/${campaign}`, { cache: 'no-store' })).json()) as { raised: number }).raised,
    async close() {
      await browser.close();
      await endpoint.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/**
 * A browser of one staff member's own, with a platform authenticator that verifies its user. The
 * virtual authenticator answers a passkey-autofill request at once (a person would pick the passkey
 * from the field's suggestions): `autofill: false` is a browser without it, where the button is the way in.
 */
export async function staffBrowser(browser: Browser, options: { viewport?: { width: number; height: number }; autofill?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, locale: 'en-US' });
  if (options.autofill === false) await context.addInitScript(() => Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: async () => false }));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { context, page };
}

export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), page.url()).toEqual([]);
}

/** 320 px wide: the page reflows, nothing scrolls sideways (WCAG 1.4.10). */
export async function expectNoOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(320);
}

export async function enrol(page: Page, link: string) {
  await page.goto(link);
  const button = page.getByRole('button', { name: 'Make my passkey' });
  await button.waitFor();
  // The token left the address bar as soon as the page read it.
  expect(page.url()).not.toContain('#');
  await expectAccessible(page);
  await button.click();
  await page.waitForURL(/\/console$/);
}
