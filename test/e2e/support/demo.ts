/**
 * The real thing, end to end: the endpoint started as `serve` starts it in demo mode (its own Stripe
 * stand-in in-process, webhooks to its own /api/stripe/webhook), a fresh SQLite ledger per test file,
 * and headless Chromium. What the stand-in did is read back through its Stripe API with the real SDK,
 * as an operator would read Stripe's dashboard.
 */
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../../src/server/config.js';
import { startEndpoint, PROJECT_ROOT, type Endpoint } from '../../../src/server/server.js';
import { createStripe, type Stripe } from '../../../src/server/stripe/client.js';
import { silentLog } from '../../../src/server/log.js';
import type { CampaignResponse } from '../../../src/core/api.js';

export const SCREENSHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

export interface Demo {
  /** The endpoint's URL: the demo page is at `/`. */
  url: string;
  /** Where the browser reaches the Stripe stand-in (through the endpoint): not before the donor shows intent. */
  standinUrl: string;
  endpoint: Endpoint;
  /** The SDK pointed at the stand-in, with the endpoint's own keys. */
  stripe: Stripe;
  close(): Promise<void>;
}

/** `serve` with no Stripe keys, on a free port, with a ledger of its own. */
export async function startDemo(): Promise<Demo> {
  for (const file of ['mira-donate.js', 'mira-donate-intent.js']) {
    if (!existsSync(join(PROJECT_ROOT, 'dist', file))) throw new Error(`dist/${file} is missing: run npm run build first.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'mira-e2e-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}`,
    PORT: '0',
    // Every test file gives several gifts from one address and one email.
    RATE_LIMIT_PER_ADDRESS: '1000',
    RATE_LIMIT_PER_EMAIL: '1000',
  });
  const endpoint = await startEndpoint(config, { log: silentLog });
  if (endpoint.config.mode !== 'demo') throw new Error(`expected demo mode, got ${endpoint.config.mode}`);
  return {
    url: endpoint.url,
    standinUrl: `${endpoint.url}/standin/`,
    endpoint,
    stripe: createStripe(endpoint.config.stripe),
    async close() {
      await endpoint.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** A donor's own browser: no storage shared with any other test. */
export function newDonorContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'en-US' });
}

/** What the stand-in holds: every PaymentIntent, and the succeeded ones (one-time and invoices alike). */
export async function paymentsAt(stripe: Stripe) {
  const intents = (await stripe.paymentIntents.list({ limit: 100 })).data;
  const charges = (await stripe.charges.list({ limit: 100 })).data;
  return {
    intents,
    succeeded: intents.filter((intent) => intent.status === 'succeeded'),
    succeededCharges: charges.filter((c) => c.status === 'succeeded'),
  };
}

export async function campaignFigures(demo: Demo, id = 'mira'): Promise<CampaignResponse> {
  const response = await fetch(`${demo.url}/api/campaigns/${id}`, { headers: { 'cache-control': 'no-cache' } });
  if (!response.ok) throw new Error(`GET /api/campaigns/${id}: ${response.status}`);
  return (await response.json()) as CampaignResponse;
}

/**
 * Saved for people to look at (test-artifacts/ is not committed): the form itself, large enough to
 * read, or with `page: true` the whole page it sits in.
 */
export async function screenshot(page: Page, name: string, options: { page?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  if (options.page) await page.screenshot({ path, fullPage: true });
  else await page.locator('mira-donate').screenshot({ path, animations: 'disabled' });
}
