/**
 * A hostile corpus over real HTTP: a few hundred malformed, oversized and odd requests to every
 * route, each on its own connection. None may get a 5xx or go unanswered, every refusal has the
 * JSON error shape with a code the widget knows, and afterwards the ledger is as it was and Stripe
 * has heard nothing.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors.js';
import { oneTimeSucceeded } from './fixtures.js';
import { gift, startHarness, type Harness } from './helpers.js';
import { connect, rawRequest, type RawResponse } from './sockets.js';

interface Case {
  what: string;
  bytes: Buffer;
  /** Must be refused (4xx): every POST here is. A GET may be answered. */
  refused: boolean;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const withKey = (headers: Record<string, string> = {}) => ({ ...JSON_TYPE, 'idempotency-key': randomUUID(), ...headers });
const donation = (body: string | Buffer, headers?: Record<string, string>) => rawRequest('POST', '/api/donations', withKey(headers), body);

function set(path: string, value: unknown): string {
  const request = structuredClone(gift({ tribute: { kind: 'honor', name: 'Rosa', notifyEmail: 'family@example.org', message: 'Com carinho' } })) as any;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((o, k) => o[k], request);
  if (value === undefined) delete parent[keys.at(-1)!];
  else parent[keys.at(-1)!] = value;
  return JSON.stringify(request);
}

function corpus(secret: string): Case[] {
  const cases: Case[] = [];
  const add = (what: string, bytes: Buffer, refused = true) => cases.push({ what, bytes, refused });

  // Every field: every JSON type it is not, and missing where it is required.
  const types: Record<string, string> = {
    campaign: 'string', currency: 'string', gift: 'number', frequency: 'string', coverFee: 'boolean', donor: 'object',
    'donor.email': 'string', 'donor.name': 'string', anonymous: 'boolean', tribute: 'object', 'tribute.kind': 'string',
    'tribute.name': 'string', 'tribute.notifyEmail': 'string', 'tribute.message': 'string', locale: 'string', website: 'string',
  };
  const values: unknown[] = ['text', 7, true, null, [], ['x'], {}, { $gt: '' }];
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  for (const [path, type] of Object.entries(types)) {
    for (const value of values.filter((v) => typeOf(v) !== type)) add(`${path} = ${JSON.stringify(value)}`, donation(set(path, value)));
    if (!['tribute', 'website', 'tribute.notifyEmail', 'tribute.message'].includes(path)) add(`${path} missing`, donation(set(path, undefined)));
  }

  // Values of the right type that are still wrong.
  const wrong: Record<string, unknown[]> = {
    campaign: ['', 'MIRA', ' mira', '../mira', 'mira\u0000', 'a'.repeat(65), '<script>', "mira'; DROP TABLE donations;--", '-mira', 'no-such-campaign'],
    currency: ['', 'EUR', 'US', 'USDD', 'usd\u0000', '💵'],
    gift: [0, -1, -2500, 499, 10_000_001, 25.5, 1e308, 2 ** 53, Number.MIN_VALUE],
    frequency: ['', 'ONCE', 'once ', 'weekly', 'day'],
    'donor.email': ['', '   ', 'a', 'a@', '@example.org', 'a b@example.org', `${'x'.repeat(250)}@example.org`, 'ana@example.org\r\nBcc: all@example.org', 'ana\uD800@example.org'],
    'donor.name': ['', '   ', 'x'.repeat(101), 'Ana \uD800', '\uDC00Ana', 'Ana \uDC00\uD800'],
    'tribute.kind': ['', 'HONOR', 'birthday'],
    'tribute.name': ['', 'x'.repeat(101), 'Rosa \uD83D'],
    'tribute.notifyEmail': ['nope', 'a@', `${'x'.repeat(250)}@example.org`, 'f\uDFFF@example.org'],
    'tribute.message': ['x'.repeat(501), 'Com carinho \uD800'],
    locale: ['', 'fr', 'EN', 'pt-BR', 'en\u0000'],
    website: ['x', 'http://spam.example', ' '.repeat(3) + 'y'],
  };
  for (const [path, list] of Object.entries(wrong)) for (const value of list) add(`${path} = ${JSON.stringify(value).slice(0, 40)}`, donation(set(path, value)));

  // Bodies that are not a donation at all.
  const bodies = ['', ' ', 'null', 'true', '1', '"x"', '[]', '[{}]', '{', '{"campaign":', '{}', '\uFEFF{}', '{"__proto__":{"gift":2500}}', 'campaign=mira', '[' .repeat(10_000) + ']'.repeat(10_000), JSON.stringify({ ...gift(), gift: '2500' }), '{"gift":1e400}'];
  for (const body of bodies) add(`body ${JSON.stringify(body).slice(0, 30)}`, donation(body));
  add('body of invalid UTF-8 and a lone surrogate escape', donation(Buffer.concat([Buffer.from(set('donor.name', 'Ana \uD800')), Buffer.from([0xff, 0xfe])])));
  add('a body of 17 KB', donation(set('tribute.message', 'x'.repeat(17_000))));
  add('a body of 1 MB', donation(Buffer.alloc(1024 * 1024, 'x')));
  add('a chunked body over the limit', rawRequest('POST', '/api/donations', { ...withKey(), 'transfer-encoding': 'chunked' }, `4000\r\n${'x'.repeat(0x4000)}\r\n4000\r\n${'x'.repeat(0x4000)}\r\n0\r\n\r\n`));
  add('a truncated gzip body', donation(Buffer.from([0x1f, 0x8b, 0, 0]), { 'content-encoding': 'gzip' }));

  // Headers: what the route checks before the body.
  const good = set('gift', 2500);
  for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/json-patch+json', 'json']) {
    const headers: Record<string, string> = { 'idempotency-key': randomUUID() };
    if (type) headers['content-type'] = type;
    add(`content-type ${type}`, rawRequest('POST', '/api/donations', headers, good));
  }
  for (const key of ['', 'click-1', `${randomUUID()}x`, randomUUID().replaceAll('-', ''), 'x'.repeat(4_000), '00000000-0000-0000-0000-00000000000g']) {
    add(`Idempotency-Key ${JSON.stringify(key.slice(0, 20))}`, rawRequest('POST', '/api/donations', { ...JSON_TYPE, 'idempotency-key': key }, good));
  }
  add('no Idempotency-Key', rawRequest('POST', '/api/donations', JSON_TYPE, good));
  for (const origin of ['null', 'https://evil.example', 'https://www.miracoalition.org.evil.example', 'http://www.miracoalition.org', 'https://www.miracoalition.org:443', 'https://member.example/', 'HTTPS://MEMBER.EXAMPLE']) {
    add(`Origin ${origin}`, donation(good, { origin }));
  }
  for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'TRACE']) add(`${method} /api/donations`, rawRequest(method, '/api/donations', withKey(), method === 'GET' || method === 'TRACE' ? undefined : good));

  // The webhook: nothing unsigned, forged or stale is taken.
  const signer = new Stripe('sk_test_signing_only');
  const event = JSON.stringify(oneTimeSucceeded({ intent: 'pi_hostile', gift: 99_999_00, total: 99_999_00 }));
  const hook = (headers: Record<string, string>, body: string | Buffer = event) => rawRequest('POST', '/api/stripe/webhook', { ...JSON_TYPE, ...headers }, body);
  add('webhook without a signature', hook({}));
  for (const signature of ['', 'x', 't=1', 'v1=abc', 't=abc,v1=def', `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, 't=1,v1=' + 'a'.repeat(5_000)]) {
    add(`webhook signature ${JSON.stringify(signature.slice(0, 20))}`, hook({ 'stripe-signature': signature }));
  }
  add('webhook signed with another secret', hook({ 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload: event, secret: 'whsec_someone_else' }) }));
  add('webhook signed an hour ago', hook({ 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload: event, secret, timestamp: Math.floor(Date.now() / 1000) - 3_600 }) }));
  add('webhook signature of another body', hook({ 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload: '{}', secret }) }));
  add('webhook body over 512 KB', hook({ 'stripe-signature': 't=1,v1=x' }, Buffer.alloc(600_000, 'x')));
  add('webhook as GET', rawRequest('GET', '/api/stripe/webhook'));

  // Totals and config: odd ids and paths are not found, never an error.
  for (const id of ['MIRA', '%00', '..%2f..%2fetc%2fpasswd', 'a'.repeat(2_000), '%F0%9F%98%80', '%ED%A0%80', '%E0%A4%A', '%', 'mira%0d%0aSet-Cookie:x', 'mira;drop', '__proto__', 'constructor']) {
    add(`campaign ${id.slice(0, 20)}`, rawRequest('GET', `/api/campaigns/${id}`), false);
  }
  for (const path of ['/api/config?x=%', '/api/config/../config', '/api/campaigns', '/api/campaigns/', '/api', '/api/', '//api/config', '/api/config%00', '/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/../../etc/passwd', '/mira-donate.js%00.html', '/x'.repeat(2_000), '/index.html%', '/.env', '/package.json', '*', 'http://evil.example/api/config', '/?q=' + '%'.repeat(100)]) {
    add(`GET ${path.slice(0, 30)}`, Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 'latin1'), false);
  }
  add('GET with a 1 MB body', rawRequest('GET', '/api/config', {}, Buffer.alloc(1024 * 1024, 'x')), false);
  add('POST /api/config', rawRequest('POST', '/api/config', JSON_TYPE, '{}'));
  add('POST to an unknown route with 1 MB', rawRequest('POST', '/api/nothing', JSON_TYPE, Buffer.alloc(1024 * 1024, 'x')));

  // HTTP itself.
  const raw = [
    'HELLO\r\n\r\n',
    'GET /api/config HTTP/1.1\r\n\r\n',
    'GET /api/config HTTP/1.1\r\nHost: a b\r\n\r\n',
    'GET /api/config HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n',
    'GET /api/config HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n',
    'GET /api/config HTTP/9.9\r\nHost: x\r\n\r\n',
    'GET /api/config HTTP/1.1\nHost: x\n\n',
    'POST /api/donations HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    'POST /api/donations HTTP/1.1\r\nHost: x\r\nContent-Length: 1e3\r\n\r\n',
    'POST /api/donations HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
    'POST /api/donations HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'POST /api/donations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
    'POST /api/donations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'POST /api/donations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;' + 'e'.repeat(20_000) + '\r\nhello\r\n0\r\n\r\n',
    'POST /api/donations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GARBAGE\r\n\r\n',
    `GET /api/config HTTP/1.1\r\nHost: x\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
    `GET /api/config HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3_000 }, (_, i) => `X-${i}: y\r\n`).join('')}\r\n`,
    'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n',
    'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    'GET /api/config HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    'POST /api/donations HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n{}',
    'GET /api/config HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab',
    '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003',
    'GET /api/config HTTP/1.1\r\nHost: x',
  ];
  // A well-formed GET may be answered, whatever else it carries.
  for (const text of raw) add(`raw ${JSON.stringify(text.slice(0, 40))}`, Buffer.from(text, 'latin1'), !/^GET \/api\/config HTTP\/1\.1\r\nHost: x\r\n(Upgrade|Content-Length)/.test(text));
  return cases;
}

/** Sends one case on its own connection; its first answer, or why there was none. */
async function exchange(url: string, bytes: Buffer): Promise<RawResponse | string> {
  const conn = await connect(url);
  try {
    conn.socket.on('error', () => {});
    conn.write(bytes);
    const answered = conn.responses(1, 4_000).then(([r]) => r!);
    const closed = conn.closed(4_000).then(() => 'closed without an answer');
    const first = await Promise.race([answered, closed.then(async (why) => (await answered.catch(() => why)))]);
    return first;
  } catch (error) {
    return (error as Error).message.split('\n')[0]!;
  } finally {
    conn.destroy();
  }
}

async function snapshot(h: Harness) {
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely%'`.execute(h.ledger.db);
  const rows: Record<string, unknown> = {};
  // Refused origins are counted by design (the console lists them): a count of refusals, not a change.
  for (const { name } of tables.rows) if (name !== 'refused_origins') rows[name] = (await sql`SELECT * FROM ${sql.table(name)}`.execute(h.ledger.db)).rows;
  return { rows, raised: (await h.ledger.totals('mira'))!.raised, stripe: h.standin.requests.length };
}

describe('a hostile corpus', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: { timeouts: { headers: 1_000, request: 2_000, keepAlive: 1_000 } } });
  });
  afterAll(() => h.close());

  it('gets no 5xx and no silence, every refusal in the JSON shape, and changes nothing', async () => {
    const cases = corpus(h.config.stripe.webhookSecret);
    expect(cases.length).toBeGreaterThan(250);
    const before = await snapshot(h);
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < cases.length; i += 8) {
      await Promise.all(
        cases.slice(i, i + 8).map(async ({ what, bytes, refused }) => {
          const answer = await exchange(h.url, bytes);
          if (typeof answer === 'string') return void problems.push(`${what}: ${answer}`);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status >= 500) problems.push(`${what}: ${answer.status} ${answer.body.slice(0, 100)}`);
          if (refused && answer.status < 400) problems.push(`${what}: taken (${answer.status})`);
          if (answer.status >= 400) {
            let code: unknown;
            try {
              code = JSON.parse(answer.body).error.code;
            } catch {
              code = undefined;
            }
            if (!(ERROR_CODES as readonly unknown[]).includes(code)) problems.push(`${what}: ${answer.status} without the JSON error shape: ${answer.body.slice(0, 80)}`);
          }
          if (/root:.*:0:0:/.test(answer.body)) problems.push(`${what}: served a system file`);
        }),
      );
    }
    console.info(`hostile corpus: ${cases.length} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(problems).toEqual([]);
    expect(await snapshot(h)).toEqual(before);
  });

  it('refuses a lone surrogate in the name with 400 text_invalid: no donation row, no call to Stripe', async () => {
    const before = await snapshot(h);
    const answer = await exchange(h.url, donation(set('donor.name', 'Ana \uD800')));
    expect(answer).toMatchObject({ status: 400 });
    expect(JSON.parse((answer as RawResponse).body).error).toMatchObject({ code: 'text_invalid', field: 'donor.name' });
    expect(await snapshot(h)).toEqual(before);
  });
});
