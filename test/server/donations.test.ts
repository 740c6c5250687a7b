/**
 * POST /api/donations in-process (app.request): every way a request can be wrong gets a 4xx with a
 * stable code and field, nothing reaches Stripe and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors.js';
import { createApp } from '../../src/server/app.js';
import { silentLog } from '../../src/server/log.js';
import { createStripe } from '../../src/server/stripe/client.js';
import { StripeGateway } from '../../src/server/stripe/gateway.js';
import { gift, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MIN_GIFT: '5', MAX_GIFT: '100000' } });
});
afterAll(() => h.close());

let stripeCallsBefore = 0;
let donationsBefore = 0;
beforeEach(async () => {
  stripeCallsBefore = h.standin.requests.length;
  donationsBefore = await countDonations();
});

async function countDonations() {
  const row = await h.ledger.db.selectFrom('donations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return h.app.request('/api/donations', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function expectRejected(response: Response, status: number, code: string, field?: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(ERROR_CODES).toContain(body.error.code);
  expect(typeof body.error.message).toBe('string');
  if (field !== undefined) expect(body.error.field).toBe(field);
  expect(h.standin.requests.length).toBe(stripeCallsBefore);
  expect(await countDonations()).toBe(donationsBefore);
}

describe('a donation request that is wrong', () => {
  const cases: Array<[string, unknown, string, string | undefined]> = [
    ['campaign is not an id', gift({ campaign: 'MIRA!' }), 'campaign_invalid', 'campaign'],
    ['currency is not taken', gift({ currency: 'EUR' }), 'currency_unsupported', 'currency'],
    ['gift is not a whole number of cents', gift({ gift: 12.5 }), 'amount_invalid', 'gift'],
    ['gift is a string', gift({ gift: '100' }), 'amount_invalid', 'gift'],
    ['gift is below the minimum', gift({ gift: 499 }), 'amount_too_small', 'gift'],
    ['gift is above the maximum', gift({ gift: 10_000_001 }), 'amount_too_large', 'gift'],
    ['frequency is weekly', gift({ frequency: 'week' }), 'frequency_invalid', 'frequency'],
    ['coverFee is "yes"', gift({ coverFee: 'yes' }), 'cover_fee_invalid', 'coverFee'],
    ['email is blank', gift({ donor: { email: '', name: 'A' } }), 'email_required', 'donor.email'],
    ['email is absent', gift({ donor: { name: 'A' } }), 'body_invalid', 'donor.email'],
    ['email is not an email', gift({ donor: { email: 'nope', name: 'A' } }), 'email_invalid', 'donor.email'],
    ['name is blank', gift({ donor: { email: 'a@example.org', name: '  ' } }), 'name_required', 'donor.name'],
    ['name is too long', gift({ donor: { email: 'a@example.org', name: 'x'.repeat(101) } }), 'name_too_long', 'donor.name'],
    ['anonymous is 1', gift({ anonymous: 1 }), 'anonymous_invalid', 'anonymous'],
    ['tribute kind is wrong', gift({ tribute: { kind: 'birthday', name: 'X' } }), 'tribute_kind_invalid', 'tribute.kind'],
    ['tribute has no name', gift({ tribute: { kind: 'honor', name: '' } }), 'tribute_name_required', 'tribute.name'],
    ['tribute name is too long', gift({ tribute: { kind: 'honor', name: 'x'.repeat(101) } }), 'tribute_name_too_long', 'tribute.name'],
    ['tribute email is wrong', gift({ tribute: { kind: 'honor', name: 'X', notifyEmail: 'x@' } }), 'tribute_email_invalid', 'tribute.notifyEmail'],
    ['tribute message is too long', gift({ tribute: { kind: 'honor', name: 'X', message: 'x'.repeat(501) } }), 'tribute_message_too_long', 'tribute.message'],
    ['locale is French', gift({ locale: 'fr' }), 'locale_invalid', 'locale'],
    ['body is an array', [], 'body_invalid', undefined],
    ['body is a number', 42, 'body_invalid', undefined],
  ];
  for (const [what, body, code, field] of cases) {
    it(`answers 400 ${code} when ${what}`, async () => {
      await expectRejected(await post(body), 400, code, field);
    });
  }

  it('answers 400 body_invalid for malformed JSON', async () => {
    await expectRejected(await post('{"campaign": "mira",'), 400, 'body_invalid');
  });

  it('answers 404 campaign_not_found for a campaign that does not exist', async () => {
    await expectRejected(await post(gift({ campaign: 'no-such-campaign' })), 404, 'campaign_not_found', 'campaign');
  });

  it('answers 415 unsupported_media_type for a form post', async () => {
    await expectRejected(await post('campaign=mira', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });

  it('answers 413 payload_too_large for an oversized body', async () => {
    const body = JSON.stringify(gift({ padding: 'x'.repeat(20_000) }));
    await expectRejected(await post(body, { 'content-length': String(body.length) }), 413, 'payload_too_large');
  });

  it('answers 400 idempotency_key_invalid without a key, or with one that is not a UUID', async () => {
    const none = await h.app.request('/api/donations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(gift()) });
    await expectRejected(none, 400, 'idempotency_key_invalid', 'Idempotency-Key');
    await expectRejected(await post(gift(), { 'idempotency-key': 'click-1' }), 400, 'idempotency_key_invalid', 'Idempotency-Key');
  });

  it('answers 400 request_rejected when the honeypot is filled, and calls no one', async () => {
    await expectRejected(await post(gift({ website: 'http://spam.example' })), 400, 'request_rejected');
  });

  it('answers 403 origin_not_allowed to a browser on a site not allowed', async () => {
    await expectRejected(await post(gift(), { origin: 'https://evil.example' }), 403, 'origin_not_allowed');
  });

  it('answers 404 not_found for an unknown route', async () => {
    const response = await h.app.request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});

describe('CORS', () => {
  it('lets an allowed site post a donation and tells its browser so', async () => {
    const preflight = await h.app.request('/api/donations', {
      method: 'OPTIONS',
      headers: { origin: 'https://member.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://member.example');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const response = await post(gift(), { origin: 'https://member.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://member.example');
  });

  it('gives a site not allowed no CORS grant on preflight', async () => {
    const preflight = await h.app.request('/api/donations', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets any site read config and campaign totals', async () => {
    for (const path of ['/api/config', '/api/campaigns/mira']) {
      const response = await h.app.request(path, { headers: { origin: 'https://evil.example' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});

describe('a retried donation', () => {
  it('returns the first answer for the same key and body, with one PaymentIntent at Stripe', async () => {
    const key = randomUUID();
    const before = h.standin.stats().paymentIntents;
    const first = await post(gift({ donor: { email: 'retry@example.org', name: 'R' } }), { 'idempotency-key': key });
    const second = await post(gift({ donor: { email: 'retry@example.org', name: 'R' } }), { 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    expect(h.standin.stats().paymentIntents).toBe(before + 1);
  });

  it('makes one PaymentIntent when the same request arrives twice at once', async () => {
    const key = randomUUID();
    const before = h.standin.stats().paymentIntents;
    const body = gift({ donor: { email: 'double@example.org', name: 'D' } });
    const answers = await Promise.all([post(body, { 'idempotency-key': key }), post(body, { 'idempotency-key': key }), post(body, { 'idempotency-key': key })]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(bodies.map((b) => b.clientSecret)).size).toBe(1);
    expect(h.standin.stats().paymentIntents).toBe(before + 1);
  });

  it('makes one customer and one subscription for a doubled monthly gift', async () => {
    const key = randomUUID();
    const before = h.standin.stats();
    const body = gift({ frequency: 'month', donor: { email: 'double-monthly@example.org', name: 'D' } });
    const answers = await Promise.all([post(body, { 'idempotency-key': key }), post(body, { 'idempotency-key': key })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const after = h.standin.stats();
    expect(after.customers - before.customers).toBe(1);
    expect(after.subscriptions - before.subscriptions).toBe(1);
  });

  it('answers 422 idempotency_key_reused for the same key with another gift', async () => {
    const key = randomUUID();
    expect((await post(gift({ gift: 2_000 }), { 'idempotency-key': key })).status).toBe(200);
    const calls = h.standin.requests.length;
    const reused = await post(gift({ gift: 3_000 }), { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect((await reused.json()).error).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(h.standin.requests.length).toBe(calls);
  });

  it('passes an idempotency key derived from the request key on each Stripe create', async () => {
    const key = randomUUID();
    await post(gift({ frequency: 'year', donor: { email: 'keys@example.org', name: 'K' } }), { 'idempotency-key': key });
    const creates = h.standin.requests.filter((r) => r.method === 'POST' && r.idempotencyKey?.startsWith(key));
    expect(creates.map((r) => [r.path, r.idempotencyKey])).toEqual([
      ['/v1/customers', `${key}:customer`],
      ['/v1/subscriptions', `${key}:subscription`],
    ]);
  });
});

describe('when Stripe cannot be reached', () => {
  it('answers 502 payment_unavailable, and a retry with the same key succeeds once Stripe is back', async () => {
    // The same endpoint and ledger, its Stripe client pointed at a port where nothing listens.
    const down = createStripe({ ...h.config.stripe, api: { host: '127.0.0.1', port: 9, protocol: 'http' } });
    const offline = createApp({ config: h.config, ledger: h.ledger, root: process.cwd(), stripe: down, gateway: new StripeGateway(down), log: silentLog });
    const key = randomUUID();
    const request = () => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(gift({ donor: { email: 'outage@example.org', name: 'O' } })),
    });
    const failed = await offline.request('/api/donations', request());
    expect(failed.status).toBe(502);
    expect((await failed.json()).error.code).toBe('payment_unavailable');
    const retried = await h.app.request('/api/donations', request());
    expect(retried.status).toBe(200);
    expect((await retried.json()).clientSecret).toMatch(/^pi_/);
  });
});
