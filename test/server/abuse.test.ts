/**
 * Card testers and forgers, over real HTTP: a few attempts per client address and per donor email,
 * then 429 with Retry-After; X-Forwarded-For believed only from the proxies named in TRUST_PROXY;
 * limits held across processes on one PostgreSQL; the endpoint's own origin from configuration,
 * never from Host; and a demo endpoint whose secrets nobody else knows.
 */
import { randomUUID } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { Ledger } from '../../src/server/ledger/ledger.js';
import { silentLog } from '../../src/server/log.js';
import { startEndpoint, type Endpoint } from '../../src/server/server.js';
import { startStripeStandin } from '../../src/standin/index.js';
import { oneTimeSucceeded } from './fixtures.js';
import { BACKENDS, PG_URL, dropSchema, freshSchemaName, gift, postDonation, raised, startHarness, testConfig, type Harness } from './helpers.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  code?: string;
}

/**
 * POST /api/donations on a connection of its own from a chosen loopback address (a direct client at
 * 127.0.0.2, a proxy at 127.0.0.1), with any headers, Host included, which fetch will not send.
 */
function post(base: string, body: unknown, options: { from?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL('/api/donations', base);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: options.from ?? '127.0.0.1',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'idempotency-key': randomUUID(), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let code: string | undefined;
          try {
            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
          } catch {
            code = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, ...(code ? { code } : {}) });
        });
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('no answer in 10 s')));
    req.on('error', reject);
    req.end(payload);
  });
}

const donor = (n: number | string) => ({ donor: { email: `donor${n}@example.org`, name: 'D' } });
const paymentIntents = (h: Harness) => h.standin.stats().paymentIntents;

describe.each(BACKENDS)('rate limits on donation creation (%s)', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ backend, env: { RATE_LIMIT_PER_ADDRESS: '3', RATE_LIMIT_PER_EMAIL: '2', RATE_LIMIT_WINDOW: '60', TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => h.close());

  it('stops a client address after its allowance, bad requests included, and says when to come back', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 3; i++) {
      const response = await post(h.url, gift({ gift: 1 }), { headers: from });
      expect(response.status).toBe(400);
    }
    const calls = h.standin.requests.length;
    const blocked = await post(h.url, gift(donor('fresh')), { headers: from });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.code).toBe('rate_limited');
    expect(h.standin.requests.length).toBe(calls);
    // Another address is not affected.
    expect((await post(h.url, gift(), { headers: { 'x-forwarded-for': '198.51.100.9' } })).status).toBe(200);
  });

  it('stops one donor email tried from many addresses', async () => {
    const card = (n: number) => post(h.url, gift({ donor: { email: 'Tester@Example.org', name: 'T' } }), { headers: { 'x-forwarded-for': `192.0.2.${n}` } });
    expect((await card(1)).status).toBe(200);
    expect((await card(2)).status).toBe(200);
    const blocked = await card(3);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(blocked.code).toBe('rate_limited');
  });
});

describe.each(BACKENDS)('X-Forwarded-For, believed only from a trusted proxy (%s)', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    // The proxy is at 127.0.0.1; 127.0.0.2 plays a card tester reaching the endpoint directly.
    h = await startHarness({ backend, env: { RATE_LIMIT_PER_ADDRESS: '2', RATE_LIMIT_PER_EMAIL: '1000', RATE_LIMIT_WINDOW: '60', TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => h.close());

  it('limits a client that is not a trusted proxy by its socket address, whatever X-Forwarded-For it sends', async () => {
    const before = paymentIntents(h);
    const statuses: number[] = [];
    for (let n = 1; n <= 6; n++) {
      const spoofed = { 'x-forwarded-for': `198.51.100.${n}` };
      statuses.push((await post(h.url, gift(donor(`direct${n}`)), { from: '127.0.0.2', headers: spoofed })).status);
    }
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429]);
    expect(paymentIntents(h) - before).toBe(2);
  });

  it('limits requests through the trusted proxy per forwarded client', async () => {
    for (const client of ['203.0.113.10', '203.0.113.11', '203.0.113.12']) {
      const via = { 'x-forwarded-for': client };
      expect((await post(h.url, gift(donor(`${client}a`)), { headers: via })).status).toBe(200);
      expect((await post(h.url, gift(donor(`${client}b`)), { headers: via })).status).toBe(200);
      expect((await post(h.url, gift(donor(`${client}c`)), { headers: via })).status).toBe(429);
    }
  });

  it('walks X-Forwarded-For from the right past trusted hops, so what a client wrote on the left is ignored', async () => {
    // The client at 203.0.113.20 sent its own X-Forwarded-For; a trusted proxy at 127.0.0.1 appended
    // what it saw, and the last proxy (the socket, also 127.0.0.1) appended that one.
    const through = (forged: string) => ({ 'x-forwarded-for': `${forged}, 203.0.113.20, 127.0.0.1` });
    expect((await post(h.url, gift(donor('walk1')), { headers: through('10.9.9.1') })).status).toBe(200);
    expect((await post(h.url, gift(donor('walk2')), { headers: through('10.9.9.2') })).status).toBe(200);
    expect((await post(h.url, gift(donor('walk3')), { headers: through('10.9.9.3') })).status).toBe(429);
  });
});

describe('a card-testing burst from one address with rotating X-Forwarded-For', () => {
  const LIMIT = 5;
  const SENT = 200;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { RATE_LIMIT_PER_ADDRESS: String(LIMIT), RATE_LIMIT_PER_EMAIL: '1000', RATE_LIMIT_WINDOW: '60', TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => h.close());

  it('reaches Stripe exactly as many times as the configured limit', async () => {
    const before = paymentIntents(h);
    const statuses: number[] = [];
    const deadline = Date.now() + 30_000;
    // Ten at a time, every request a new forged client and a new card holder's email.
    for (let batch = 0; batch < SENT / 10 && Date.now() < deadline; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const n = batch * 10 + i;
          return post(h.url, gift(donor(`burst${n}`)), { from: '127.0.0.2', headers: { 'x-forwarded-for': `198.51.${n >> 8}.${n & 255}` } });
        }),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    const reached = paymentIntents(h) - before;
    console.log(`burst: ${reached} of ${statuses.length} creates from one address with rotating X-Forwarded-For reached Stripe (configured limit ${LIMIT} per ${h.config.rateLimits.windowMs / 1000} s)`);
    expect(statuses.length).toBe(SENT);
    expect(statuses.filter((s) => s === 200).length).toBe(LIMIT);
    expect(statuses.filter((s) => s === 429).length).toBe(SENT - LIMIT);
    expect(reached).toBe(LIMIT);
  });
});

describe.skipIf(!PG_URL)('two endpoints on one PostgreSQL', () => {
  const LIMIT = 3;
  const schema = freshSchemaName();
  const endpoints: Endpoint[] = [];
  const ledgers: Ledger[] = [];
  let standin: Awaited<ReturnType<typeof startStripeStandin>>;
  beforeAll(async () => {
    standin = await startStripeStandin();
    const config = testConfig(standin, { RATE_LIMIT_PER_ADDRESS: String(LIMIT), RATE_LIMIT_WINDOW: '60' });
    for (let i = 0; i < 2; i++) {
      // Each with its own pool and its own limiter, as two processes would have.
      const ledger = await Ledger.open(PG_URL!, { schema });
      ledgers.push(ledger);
      endpoints.push(await startEndpoint(config, { log: silentLog, ledger }));
    }
  });
  afterAll(async () => {
    for (const endpoint of endpoints) await endpoint.close();
    for (const ledger of ledgers) await ledger.close();
    await standin?.close();
    await dropSchema(schema);
  });

  it('hold one per-address limit between them', async () => {
    // The first two at once, one to each: both make their limit's table in the fresh schema together.
    const statuses = (await Promise.all(endpoints.map((e, n) => post(e.url, gift(donor(`pair${n}`)))))).map((a) => a.status);
    for (let n = 2; n < LIMIT; n++) statuses.push((await post(endpoints[n % 2]!.url, gift(donor(`pair${n}`)))).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    for (const [i, endpoint] of endpoints.entries()) {
      const blocked = await post(endpoint.url, gift(donor(`pairover${i}`)));
      expect(blocked.status).toBe(429);
      expect(blocked.code).toBe('rate_limited');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(standin.stats().paymentIntents).toBe(LIMIT);
  });
});
if (!PG_URL) console.warn('TEST_DATABASE_URL is not set: the shared PostgreSQL rate limit test is SKIPPED.');

describe('rate limits without a trusted proxy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { RATE_LIMIT_PER_ADDRESS: '2', RATE_LIMIT_WINDOW: '60' } });
  });
  afterAll(() => h.close());

  it('counts by the socket address, so a forged X-Forwarded-For buys no extra attempts', async () => {
    const forged = (n: number) => postDonation(h.url, gift(donor(`f${n}`)), { headers: { 'x-forwarded-for': `10.0.0.${n}` } });
    expect((await forged(1)).status).toBe(200);
    expect((await forged(2)).status).toBe(200);
    expect((await forged(3)).status).toBe(429);
  });
});

describe("the endpoint's own origin comes from configuration, never from Host", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { PUBLIC_URL: 'https://give.miracoalition.org' } });
  });
  afterAll(() => h.close());

  it('refuses a DNS-rebinding page whose Host and Origin are both the attacker’s, and calls no one', async () => {
    const calls = h.standin.requests.length;
    const rebound = await post(h.url, gift(), { headers: { host: 'evil.example', origin: 'http://evil.example' } });
    expect(rebound.status).toBe(403);
    expect(rebound.code).toBe('origin_not_allowed');
    const port = new URL(h.url).port;
    const sameHost = await post(h.url, gift(), { headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}` } });
    expect(sameHost.status).toBe(403);
    expect(h.standin.requests.length).toBe(calls);
  });

  it("accepts the endpoint's own pages at PUBLIC_URL, whatever Host a proxy passes on", async () => {
    const own = await post(h.url, gift(), { headers: { host: 'internal:8787', origin: 'https://give.miracoalition.org' } });
    expect(own.status).toBe(200);
  });
});

describe('demo mode', () => {
  const demos: Endpoint[] = [];
  const startDemo = async (env: Record<string, string> = {}) => {
    const endpoint = await startEndpoint(loadConfig({ DATABASE_URL: 'sqlite::memory:', PORT: '0', RATE_LIMIT_PER_ADDRESS: '1000', ...env }), { log: silentLog });
    demos.push(endpoint);
    return endpoint;
  };
  afterAll(async () => {
    for (const demo of demos) await demo.close();
  });

  const signedEvent = (secret: string) => {
    const payload = JSON.stringify(oneTimeSucceeded({ intent: `pi_forged${Date.now()}`, gift: 9_999_900, total: 9_999_900 }));
    const signature = new Stripe('sk_test_signing_only').webhooks.generateTestHeaderString({ payload, secret });
    return { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload };
  };

  it('refuses an event signed with the stand-in’s old public secret, and counts one signed with its own', async () => {
    const demo = await startDemo();
    const forged = await fetch(`${demo.url}/api/stripe/webhook`, signedEvent('whsec_standin'));
    expect(forged.status).toBe(400);
    expect((await forged.json()).error.code).toBe('signature_invalid');
    expect(await raised(demo.ledger)).toBe(0);
    // The same event signed with the secret only this start knows is counted: the refusal above is the secret's.
    const genuine = await fetch(`${demo.url}/api/stripe/webhook`, signedEvent(demo.config.stripe.webhookSecret));
    expect(genuine.status).toBe(200);
    expect(await raised(demo.ledger)).toBe(9_999_900);
  });

  it('takes new secrets and keys at every start', async () => {
    const [a, b] = [await startDemo(), await startDemo()];
    for (const name of ['secretKey', 'publishableKey', 'webhookSecret'] as const) {
      expect(a.config.stripe[name], name).not.toBe(b.config.stripe[name]);
      expect(['sk_test_standin', 'pk_test_standin', 'whsec_standin']).not.toContain(a.config.stripe[name]);
    }
    expect(a.config.stripe.secretKey).toMatch(/^sk_test_/);
    expect(a.config.stripe.publishableKey).toMatch(/^pk_test_/);
    expect(a.config.stripe.webhookSecret).toMatch(/^whsec_/);
  });

  it('accepts its own demo page at its listen address, as 127.0.0.1 and as localhost, and no page named by Host', async () => {
    const demo = await startDemo();
    const port = new URL(demo.url).port;
    for (const [i, origin] of [`http://127.0.0.1:${port}`, `http://localhost:${port}`].entries()) {
      expect((await post(demo.url, gift(donor(`own${i}`)), { headers: { origin } })).status, origin).toBe(200);
    }
    const rebound = await post(demo.url, gift(), { headers: { host: `evil.example:${port}`, origin: `http://evil.example:${port}` } });
    expect(rebound.status).toBe(403);
  });
});
