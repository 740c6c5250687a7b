/** Shared set-up for the endpoint's tests: a stand-in, a ledger, the app in-process and over HTTP. */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect } from 'vitest';
import type { DonationResponse } from '../../src/core/api.js';
import { startStripeStandin, type StripeStandin, type DeliveryOptions } from '../../src/standin/index.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { Ledger } from '../../src/server/ledger/ledger.js';
import { createStripe, type Stripe } from '../../src/server/stripe/client.js';
import { silentLog } from '../../src/server/log.js';
import { startEndpoint, type Endpoint, type StartOptions } from '../../src/server/server.js';

export const PG_URL = process.env.TEST_DATABASE_URL;

/** The ledgers every ledger test runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS: Array<'sqlite' | 'postgres'> = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (!PG_URL) console.warn('TEST_DATABASE_URL is not set: PostgreSQL ledger tests are SKIPPED (SQLite only).');

/** A ledger of its own for one test: in-memory SQLite, or a fresh PostgreSQL schema dropped afterwards. */
export async function openTestLedger(backend: 'sqlite' | 'postgres'): Promise<{ ledger: Ledger; drop(): Promise<void> }> {
  if (backend === 'sqlite') {
    const ledger = await Ledger.open('sqlite::memory:');
    return { ledger, drop: () => ledger.close() };
  }
  const schema = freshSchemaName();
  const ledger = await Ledger.open(PG_URL!, { schema });
  return {
    ledger,
    async drop() {
      await ledger.close();
      await dropSchema(schema);
    },
  };
}

export function freshSchemaName(): string {
  return `test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Who receipts come from, which real keys require (ORG_*): a test organization's, not MIRA's. */
export const ORGANIZATION_ENV = { ORG_LEGAL_NAME: 'Test Coalition Inc.', ORG_EIN: '12-3456789', ORG_ADDRESS: '1 Test Street, Boston, MA 02111' };

/** The key manage links are signed with, which real keys require (MANAGE_LINK_KEYS). */
export const MANAGE_ENV = { MANAGE_LINK_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}` };

export function testConfig(standin: StripeStandin | undefined, env: Record<string, string> = {}): Config {
  return loadConfig({
    ...ORGANIZATION_ENV,
    ...MANAGE_ENV,
    STRIPE_SECRET_KEY: standin?.secretKey ?? 'sk_test_unused',
    STRIPE_PUBLISHABLE_KEY: standin?.publishableKey ?? 'pk_test_unused',
    STRIPE_WEBHOOK_SECRET: standin?.webhookSecret ?? 'whsec_unused',
    STRIPE_API_URL: standin?.url ?? 'http://127.0.0.1:9',
    ALLOWED_ORIGINS: 'https://www.miracoalition.org,https://member.example',
    RATE_LIMIT_PER_ADDRESS: '1000',
    RATE_LIMIT_PER_EMAIL: '1000',
    PORT: '0',
    // The mail tests turn receipts on with an SMTP server of their own; elsewhere test mode sends none.
    RECEIPTS: 'off',
    ...env,
  });
}

export interface Harness {
  app: Endpoint['app'];
  url: string;
  standin: StripeStandin;
  ledger: Ledger;
  /** The SDK pointed at the stand-in, for what Stripe's dashboard would do (refunds, cancellations). */
  stripe: Stripe;
  config: Config;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  delivery?: DeliveryOptions;
  backend?: 'sqlite' | 'postgres';
  /** Start options beside the ledger: a capturing log, short timeouts. */
  start?: Omit<StartOptions, 'ledger'>;
  /** Runs on the fresh ledger before the endpoint starts (a campaign's tax statement, say). */
  prepare?: (ledger: Ledger) => Promise<void>;
}

/** The whole endpoint on a real port, with the stand-in delivering webhooks to it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const standin = await startStripeStandin({ ...(options.delivery ? { delivery: options.delivery } : {}) });
  const { ledger, drop } = await openTestLedger(options.backend ?? 'sqlite');
  const config = testConfig(standin, options.env);
  await options.prepare?.(ledger);
  const endpoint = await startEndpoint(config, { log: silentLog, ...options.start, ledger });
  standin.setWebhook(`${endpoint.url}/api/stripe/webhook`);
  return {
    app: endpoint.app,
    url: endpoint.url,
    standin,
    ledger,
    stripe: createStripe(config.stripe),
    config,
    async close() {
      await endpoint.close();
      await standin.close();
      await drop();
    },
  };
}

export function gift(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    campaign: 'mira',
    currency: 'USD',
    gift: 10_000,
    frequency: 'once',
    coverFee: false,
    donor: { email: 'ana.souza@example.org', name: 'Ana Souza' },
    anonymous: false,
    locale: 'pt',
    ...overrides,
  };
}

export function postDonation(base: string, body: unknown, init: { key?: string | null; headers?: Record<string, string> } = {}) {
  const key = init.key === undefined ? randomUUID() : init.key;
  return fetch(`${base}/api/donations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}), ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A gift the endpoint must accept, posted over HTTP: its answer. */
export async function donate(h: Harness, overrides: Record<string, unknown> = {}): Promise<DonationResponse> {
  const response = await postDonation(h.url, gift(overrides));
  expect(response.status).toBe(200);
  return (await response.json()) as DonationResponse;
}

/** The PaymentIntent a client secret belongs to (`pi_…_secret_…`). */
export const intentId = (clientSecret: string) => clientSecret.split('_secret_')[0]!;

export async function raised(ledger: Ledger, campaign = 'mira'): Promise<number> {
  return (await ledger.totals(campaign))!.raised;
}
