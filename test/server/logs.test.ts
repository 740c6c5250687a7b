/**
 * What the operator's log shows of refusals, over real HTTP: each one exactly once, with its status,
 * code, method and route, so card testing and a misconfigured member site show up; and never a
 * donor's name, email or tribute, whatever the request carried.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors.js';
import { createLog, type Log, type LogLevel } from '../../src/server/log.js';
import { oneTimeSucceeded } from './fixtures.js';
import { gift, postDonation, startHarness, type Harness } from './helpers.js';
import { connect, rawRequest, sleep } from './sockets.js';

type Line = { event: string; fields: Record<string, unknown> };

const PERSONAL = ['Zélia Privada', 'zelia.privada@example.org', 'Tia Lembrada', 'tia.lembrada@example.org', 'mensagem só nossa'];
const personal = (overrides: Record<string, unknown> = {}) =>
  gift({
    donor: { email: PERSONAL[1], name: PERSONAL[0] },
    tribute: { kind: 'memory', name: PERSONAL[2], notifyEmail: PERSONAL[3], message: PERSONAL[4] },
    ...overrides,
  });

function capturing(lines: Line[]): Log {
  return (event, fields = {}) => void lines.push({ event, fields });
}

const refusals = (lines: Line[]) => lines.filter((l) => l.event === 'request_refused').map((l) => l.fields);

const signer = new Stripe('sk_test_signing_only');

describe('refusals in the log', () => {
  const lines: Line[] = [];
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: { log: capturing(lines), timeouts: { headers: 500, request: 800, keepAlive: 1_000 } } });
  });
  afterAll(() => h.close());
  beforeEach(() => void lines.splice(0));

  const json = { 'content-type': 'application/json' };
  const cases: Array<[string, () => Promise<unknown>, Record<string, unknown>]> = [
    ['malformed JSON', () => postDonation(h.url, '{"campaign":'), { status: 400, code: 'body_invalid', method: 'POST', route: '/api/donations' }],
    ['a malformed email', () => postDonation(h.url, personal({ donor: { email: 'zelia.privada@', name: PERSONAL[0] } })), { status: 400, code: 'email_invalid', field: 'donor.email', method: 'POST', route: '/api/donations' }],
    ['a lone surrogate in the name', () => postDonation(h.url, personal({ donor: { email: PERSONAL[1], name: `${PERSONAL[0]} \uD800` } })), { status: 400, code: 'text_invalid', field: 'donor.name' }],
    ['the honeypot filled', () => postDonation(h.url, personal({ website: 'http://spam.example' })), { status: 400, code: 'request_rejected', route: '/api/donations' }],
    ['no Idempotency-Key', () => postDonation(h.url, personal(), { key: null }), { status: 400, code: 'idempotency_key_invalid' }],
    ['a site not allowed', () => postDonation(h.url, personal(), { headers: { origin: 'https://evil.example' } }), { status: 403, code: 'origin_not_allowed', method: 'POST', route: '/api/donations' }],
    ['a campaign that does not exist', () => postDonation(h.url, personal({ campaign: 'nope' })), { status: 404, code: 'campaign_not_found' }],
    ['totals of a campaign that does not exist', () => fetch(`${h.url}/api/campaigns/nope`), { status: 404, code: 'campaign_not_found', method: 'GET', route: '/api/campaigns/:id' }],
    ['an unknown route', () => fetch(`${h.url}/api/nothing-here`), { status: 404, code: 'not_found', method: 'GET' }],
    ['a donation body over 16 KB', () => postDonation(h.url, personal({ padding: 'x'.repeat(20_000) })), { status: 413, code: 'payload_too_large', route: '/api/donations' }],
    ['a webhook body over 512 KB', () => fetch(`${h.url}/api/stripe/webhook`, { method: 'POST', headers: { ...json, 'stripe-signature': 't=1,v1=x' }, body: 'x'.repeat(600_000) }), { status: 413, code: 'payload_too_large', route: '/api/stripe/webhook' }],
    ['a form post', () => postDonation(h.url, 'campaign=mira', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }), { status: 415, code: 'unsupported_media_type' }],
    ['an unsigned webhook', () => fetch(`${h.url}/api/stripe/webhook`, { method: 'POST', headers: json, body: '{}' }), { status: 400, code: 'signature_invalid', route: '/api/stripe/webhook' }],
    ['a webhook with a forged signature', () => fetch(`${h.url}/api/stripe/webhook`, { method: 'POST', headers: { ...json, 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload: '{}', secret: 'whsec_forged' }) }, body: '{}' }), { status: 400, code: 'signature_invalid', method: 'POST', route: '/api/stripe/webhook' }],
  ];

  for (const [what, send, expected] of cases) {
    it(`logs ${what} once, as ${expected.status} ${expected.code}`, async () => {
      await (send() as Promise<Response>).then((r) => r.text());
      await sleep(50);
      const logged = refusals(lines);
      expect(logged).toHaveLength(1);
      // Nor a second line of another name about the same refusal (webhook deliveries of earlier gifts, and the access line, aside).
      expect(lines.filter((l) => !l.event.startsWith('webhook_recorded') && l.event !== 'request')).toHaveLength(1);
      expect(logged[0]).toMatchObject(expected);
      expect(ERROR_CODES).toContain(logged[0]!.code);
    });
  }

  it('logs a key reused for another gift once, as 422 idempotency_key_reused', async () => {
    const key = randomUUID();
    expect((await postDonation(h.url, personal(), { key })).status).toBe(200);
    await (await postDonation(h.url, personal({ gift: 20_000 }), { key })).text();
    await sleep(50);
    expect(refusals(lines)).toEqual([expect.objectContaining({ status: 422, code: 'idempotency_key_reused', method: 'POST', route: '/api/donations' })]);
  });

  it.each([
    ['headers over 16 KB', rawRequest('GET', '/api/config', { 'x-padding': 'x'.repeat(20_000) }), { status: 431, code: 'headers_too_large' }],
    ['a request that is not HTTP', Buffer.from('HELLO\r\n\r\n'), { status: 400, code: 'request_invalid' }],
  ])('logs %s, refused by Node before the app, once', async (_what, bytes, expected) => {
    const conn = await connect(h.url);
    conn.write(bytes);
    await conn.closed();
    await sleep(50);
    expect(refusals(lines)).toEqual([expect.objectContaining(expected)]);
  });

  it('logs a body cut at the request deadline once, as 408 request_timeout, and not again as the body_invalid nobody hears', async () => {
    const conn = await connect(h.url);
    const request = rawRequest('POST', '/api/donations', { ...json, 'idempotency-key': randomUUID() }, JSON.stringify(personal()));
    conn.write(request.subarray(0, request.length - 20));
    await conn.closed(3_000);
    await sleep(200);
    expect(refusals(lines)).toEqual([expect.objectContaining({ status: 408, code: 'request_timeout' })]);
  });

  it('logs nothing as an internal error when the caller hangs up halfway through its body', async () => {
    // Anyone can do this at will: an "internal_error" line for each would bury the real ones.
    const body = JSON.stringify(personal());
    const conn = await connect(h.url);
    conn.write(rawRequest('POST', '/api/donations', { ...json, 'idempotency-key': randomUUID(), 'transfer-encoding': 'chunked' }));
    conn.write(`10\r\n${body.slice(0, 16)}\r\n`);
    await sleep(100);
    conn.destroy();
    await sleep(200);
    expect(lines.filter((l) => l.event === 'internal_error')).toEqual([]);
  });

  it('never logs a name, an email or a tribute, whatever was refused', async () => {
    for (const [, send] of cases) await (send() as Promise<Response>).then((r) => r.text());
    await (await postDonation(h.url, personal())).text();
    await sleep(50);
    const text = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(cases.length);
    for (const secret of PERSONAL) expect(text).not.toContain(secret);
  });
});

describe('refusals by the rate limit', () => {
  it('logs each 429 once', async () => {
    const lines: Line[] = [];
    const h = await startHarness({ env: { RATE_LIMIT_PER_ADDRESS: '2' }, start: { log: capturing(lines) } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await postDonation(h.url, personal())).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
      await sleep(50);
      expect(refusals(lines)).toEqual([
        expect.objectContaining({ status: 429, code: 'rate_limited', method: 'POST', route: '/api/donations' }),
        expect.objectContaining({ status: 429, code: 'rate_limited', method: 'POST', route: '/api/donations' }),
      ]);
    } finally {
      await h.close();
    }
  });
});

/** The endpoint's real log (pino), its lines caught as they would be written to stdout. */
function written(printed: string[], level?: LogLevel): Log {
  return createLog({ level, destination: { write: (line: string) => void printed.push(line) } });
}

describe('the console log', () => {
  it("keeps each line's name when a webhook logs the event it recorded", async () => {
    const printed: string[] = [];
    const h = await startHarness({ start: { log: written(printed) } });
    try {
      const event = oneTimeSucceeded({ intent: `pi_logged_${randomUUID().slice(0, 8)}`, gift: 1_000, total: 1_000 });
      const payload = JSON.stringify(event);
      const response = await fetch(`${h.url}/api/stripe/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: h.config.stripe.webhookSecret }) },
        body: payload,
      });
      expect(response.status).toBe(200);
      const recorded = printed.map((line) => JSON.parse(line)).filter((line) => line.eventId === event.id);
      expect(recorded).toEqual([expect.objectContaining({ event: 'webhook_recorded', eventId: event.id, type: 'payment_intent.succeeded', level: 'info' })]);
    } finally {
      await h.close();
    }
  });
});

describe('each request in the log', () => {
  const printed: string[] = [];
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: { log: written(printed) } });
  });
  afterAll(() => h.close());
  beforeEach(() => void printed.splice(0));
  const parsed = () => printed.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('has one access line: method, the route as written in the code, status and duration, and its request id', async () => {
    const response = await fetch(`${h.url}/api/campaigns/mira?token=s3cr3t-t0ken&email=${encodeURIComponent(PERSONAL[1]!)}`);
    await response.text();
    await sleep(50);
    const access = parsed().filter((l) => l.event === 'request');
    expect(access).toEqual([
      expect.objectContaining({ level: 'info', method: 'GET', route: '/api/campaigns/:id', status: 200, ms: expect.any(Number), requestId: response.headers.get('x-request-id'), time: expect.any(String) }),
    ]);
    // The path as sent (with its query) is never written: it could carry a manage link's token.
    expect(printed.join('')).not.toMatch(/s3cr3t|zelia|\/api\/campaigns\/mira/);
  });

  it('puts the request id on every line written while the request is answered', async () => {
    const response = await postDonation(h.url, personal({ donor: { email: 'zelia.privada@', name: PERSONAL[0] } }));
    await response.text();
    await sleep(50);
    const lines = parsed();
    expect(lines.map((l) => l.event)).toEqual(['request_refused', 'request']);
    expect(new Set(lines.map((l) => l.requestId))).toEqual(new Set([response.headers.get('x-request-id')]));
    for (const secret of PERSONAL) expect(printed.join('')).not.toContain(secret);
  });

  it('gives each request an id of its own, and ignores an X-Request-Id from anyone but a trusted proxy', async () => {
    const ids = await Promise.all([1, 2].map(async () => (await fetch(`${h.url}/api/config`, { headers: { 'x-request-id': 'chosen-by-the-caller' } })).headers.get('x-request-id')));
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('writes the access lines of health probes only at LOG_LEVEL=debug', async () => {
    await (await fetch(`${h.url}/healthz`)).text();
    await (await fetch(`${h.url}/readyz`)).text();
    await sleep(50);
    expect(parsed()).toEqual([]);
  });
});

describe('behind a trusted proxy', () => {
  it("keeps the proxy's request id, so its log and ours can be matched", async () => {
    const printed: string[] = [];
    const h = await startHarness({ env: { TRUST_PROXY: 'loopback' }, start: { log: written(printed) } });
    try {
      const response = await fetch(`${h.url}/api/config`, { headers: { 'x-request-id': '0f8e6a2b4c1d9e7f0a3b5c7d9e1f2a4b' } });
      expect(response.headers.get('x-request-id')).toBe('0f8e6a2b4c1d9e7f0a3b5c7d9e1f2a4b');
      // Not anything it is sent: an id that could break a log line is replaced.
      expect((await fetch(`${h.url}/api/config`, { headers: { 'x-request-id': 'a"b\\c{}' } })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      await sleep(50);
      expect(printed.map((line) => JSON.parse(line).requestId)).toContain('0f8e6a2b4c1d9e7f0a3b5c7d9e1f2a4b');
    } finally {
      await h.close();
    }
  });
});

describe('LOG_LEVEL', () => {
  it('at warn, writes what went wrong and not each request; at debug, the probes too', async () => {
    const warn: string[] = [];
    const debug: string[] = [];
    const quiet = await startHarness({ start: { log: written(warn, 'warn') } });
    const loud = await startHarness({ start: { log: written(debug, 'debug') } });
    try {
      for (const h of [quiet, loud]) {
        await (await fetch(`${h.url}/api/config`)).text();
        await (await fetch(`${h.url}/healthz`)).text();
      }
      // An error is written at any level below it.
      createLog({ level: 'warn', destination: { write: (line: string) => void warn.push(line) } })('internal_error', { error: 'boom' });
      await sleep(50);
      expect(warn.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ event: 'internal_error', level: 'error' })]);
      expect(debug.map((line) => JSON.parse(line)).map((l) => [l.event, l.route])).toEqual([['request', '/api/config'], ['probe', '/healthz']]);
    } finally {
      await quiet.close();
      await loud.close();
    }
  });
});
