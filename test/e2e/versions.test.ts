/**
 * Pinned releases, end to end: a member site's page (its own origin) pastes the tag `cli.js
 * snippet` prints, pinned to one release with its integrity, and a donor in Chromium gives through it
 * against this endpoint. Each earlier release kept in releases/ must still complete a gift (the
 * endpoint answers the scripts it serves); and what Chromium does with a file that is not the one
 * pinned: a changed first-load script never runs, and a changed chunk is refused before it runs.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { releasesAt } from '../../src/server/releases.js';
import { PROJECT_ROOT, startEndpoint, type Endpoint } from '../../src/server/server.js';
import { silentLog } from '../../src/server/log.js';
import { createStripe } from '../../src/server/stripe/client.js';
import { snippetFor } from '../../src/server/cli/snippet.js';
import { launchBrowser } from './support/chromium.js';
import { newDonorContext, paymentsAt } from './support/demo.js';
import { Donor, RECORD_EVENTS, TEST_CARDS } from './support/donor.js';

const releases = releasesAt(PROJECT_ROOT);
const earlier = releases.versions.filter((version) => version !== releases.current);

let site: Server;
let siteUrl: string;
let endpoint: Endpoint;
let browser: Browser;
let ledgerDir: string;
/** The member site's pages, by path, and the Content-Security-Policy each is sent with. */
const pages = new Map<string, string>();
const policies = new Map<string, string>();

beforeAll(async () => {
  site = createServer((request, response) => {
    const page = pages.get(new URL(request.url ?? '/', 'http://site').pathname);
    const policy = policies.get(new URL(request.url ?? '/', 'http://site').pathname);
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', ...(policy ? { 'content-security-policy': policy } : {}) }).end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  // Another origin than the endpoint's: `localhost`, where the endpoint is reached by address.
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
  ledgerDir = mkdtempSync(join(tmpdir(), 'mira-versions-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(ledgerDir, 'ledger.db')}`,
    PORT: '0',
    ALLOWED_ORIGINS: siteUrl,
    RATE_LIMIT_PER_ADDRESS: '1000',
    RATE_LIMIT_PER_EMAIL: '1000',
  });
  [endpoint, browser] = await Promise.all([startEndpoint(config, { log: silentLog }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.close();
  await new Promise((resolve) => site?.close(resolve));
  rmSync(ledgerDir, { recursive: true, force: true });
});

/** The member site's page with the pasted tag, as `cli.js snippet --version` prints it. */
async function pinnedPage(version: string): Promise<string> {
  const path = `/give-${version}.html`;
  const tag = await snippetFor({ publicUrl: endpoint.url, version });
  pages.set(path, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Give</title></head><body><h1>Give</h1>${tag}</body></html>`);
  return `${siteUrl}${path}`;
}

interface Visit {
  context: BrowserContext;
  page: Page;
  donor: Donor;
  /** Every widget file the page asked the endpoint for, as a path with its query. */
  scripts: string[];
  /** What the console said, errors included. */
  console: string[];
}

async function visit(): Promise<Visit> {
  const context = await newDonorContext(browser);
  await context.addInitScript(RECORD_EVENTS);
  const page = await context.newPage();
  const scripts: string[] = [];
  const console: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === endpoint.url && /\/mira-donate[\w-]*\.js$/.test(url.pathname)) scripts.push(url.pathname + url.search);
  });
  page.on('console', (message) => console.push(message.text()));
  return { context, page, donor: new Donor(page), scripts, console };
}

/** The endpoint's file, changed by one statement on its way to the browser. */
async function tampered(route: Route): Promise<void> {
  const response = await route.fetch();
  const { 'content-encoding': _encoding, 'content-length': _length, ...headers } = response.headers();
  await route.fulfill({ status: response.status(), headers, body: `${await response.text()}\nglobalThis.__tampered = true;` });
}

async function giveFifty(donor: Donor, name: string): Promise<void> {
  await donor.typeAmount('50');
  await donor.coverFee(false);
  await donor.fillDetails(name, 'versions@example.org');
  await donor.fillCard(TEST_CARDS.visa);
  expect(await donor.pressDonate()).toBe('thanks');
}

describe('a member site pinned to a release', () => {
  it.each(earlier)('pinned to the earlier release %s, a donor still gives against this endpoint', async (version) => {
    const { context, donor, scripts } = await visit();
    try {
      await donor.open(await pinnedPage(version));
      await giveFifty(donor, `Donor of ${version}`);
      expect(await donor.completion()).toMatchObject({ gift: 5000, total: 5000, currency: 'USD', frequency: 'once' });
      // Only that release's files, from its own folder, never the current one's.
      expect(scripts.length).toBeGreaterThanOrEqual(2);
      expect(scripts.every((path) => path.startsWith(`/v/${version}/`))).toBe(true);
      expect(scripts).toContain(`/v/${version}/mira-donate-intent.js?v=${version}`);
      const { succeeded } = await paymentsAt(createStripe(endpoint.config.stripe));
      expect(succeeded.filter((intent) => intent.metadata.donorName === `Donor of ${version}`).map((intent) => intent.amount)).toEqual([5000]);
    } finally {
      await context.close();
    }
  });

  it(`pinned to this release (${releases.current}), the script loads its chunk from beside itself once, checked, and the gift completes`, async () => {
    const { context, donor, scripts } = await visit();
    try {
      await donor.open(await pinnedPage(releases.current));
      await giveFifty(donor, 'Donor of this release');
      const v = releases.current;
      // One fetch of the chunk: the checked preload, which import() then reuses.
      expect(scripts.filter((path) => path.includes('mira-donate-intent.js'))).toEqual([`/v/${v}/mira-donate-intent.js?v=${v}`]);
      expect(scripts.every((path) => path.startsWith(`/v/${v}/`))).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('a file that is not the one pinned', () => {
  it('a changed first-load script is refused by the browser: it never runs', async () => {
    const { context, page, console } = await visit();
    try {
      await page.route(`${endpoint.url}/v/${releases.current}/mira-donate.js`, tampered);
      await page.goto(await pinnedPage(releases.current), { waitUntil: 'load' });
      await expect.poll(() => console.some((line) => /integrity/i.test(line))).toBe(true);
      expect(await page.evaluate(() => ({ defined: Boolean(customElements.get('mira-donate')), tampered: 'tampered' in globalThis }))).toEqual({ defined: false, tampered: false });
    } finally {
      await context.close();
    }
  });

  it('a changed first-intent chunk is refused before it runs: no payment form, nothing of it executed', async () => {
    const { context, page, donor, scripts, console } = await visit();
    try {
      await page.route(`${endpoint.url}/v/${releases.current}/mira-donate-intent.js*`, tampered);
      await donor.open(await pinnedPage(releases.current));
      // The donor's first intent asks for the chunk.
      await donor.typeAmount('50');
      await expect.poll(() => console.some((line) => /integrity/i.test(line) && line.includes('mira-donate-intent.js'))).toBe(true);
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => 'tampered' in globalThis)).toBe(false);
      expect(await donor.cardNumber.count()).toBe(0);
      expect(scripts.filter((path) => path.includes('mira-donate-intent.js')).length).toBeGreaterThanOrEqual(1);
    } finally {
      await context.close();
    }
  });
});

describe('a checked chunk that could not be fetched', () => {
  it('is fetched again at the donor\'s next interaction, and the payment form appears', async () => {
    const { context, page, donor, scripts } = await visit();
    try {
      let refused = 0;
      await page.route(`${endpoint.url}/v/${releases.current}/mira-donate-intent.js*`, (route) => (refused++ === 0 ? route.abort('internetdisconnected') : route.continue()));
      await donor.open(await pinnedPage(releases.current));
      await donor.widget.locator('#custom-amount').focus();
      await expect.poll(() => refused).toBe(1);
      await page.waitForTimeout(300);
      expect(await donor.cardNumber.count()).toBe(0);
      // Back online: the next interaction tries again.
      await donor.typeAmount('50');
      await donor.cardNumber.waitFor();
      expect(scripts.filter((path) => path.includes('mira-donate-intent.js')).length).toBe(2);
    } finally {
      await context.close();
    }
  });
});

describe('a page with a strict Content-Security-Policy', () => {
  it('trusting the pasted tag by its nonce (\'strict-dynamic\'), lets the script\'s checked chunk load', async () => {
    const { context, page, donor } = await visit();
    const violations: string[] = [];
    try {
      const tag = (await snippetFor({ publicUrl: endpoint.url })).replace('<script ', '<script nonce="pasted" ');
      pages.set('/strict.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Give</title></head><body>${tag}</body></html>`);
      policies.set('/strict.html', "script-src 'nonce-pasted' 'strict-dynamic'; object-src 'none'; base-uri 'none'");
      page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
      await donor.open(`${siteUrl}/strict.html`);
      await donor.typeAmount('50');
      // The chunk ran: its validation speaks.
      await donor.widget.locator('#custom-amount').fill('1');
      await donor.widget.locator('#custom-amount').blur();
      await donor.widget.locator('#custom-amount-error').filter({ hasText: /\S/ }).waitFor();
      expect(violations.filter((line) => line.includes('mira-donate'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
