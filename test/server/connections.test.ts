/**
 * What one caller's request does to the connection it came on, over real sockets: a refused body
 * must not leave a proxy's pooled connection half-read for the next donor, a body or headers
 * trickled to hold the connection are cut at a deadline a slow phone never reaches, and what Node
 * refuses before the app sees it still answers in the endpoint's JSON error shape.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors.js';
import { oneTimeSucceeded } from './fixtures.js';
import { gift, startHarness, type Harness } from './helpers.js';
import { connect, rawRequest, sleep, type RawResponse } from './sockets.js';

const TIMEOUTS = { headers: 600, request: 1_200, keepAlive: 1_000 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ start: { timeouts: TIMEOUTS } });
});
afterAll(() => h.close());

let stripeCalls = 0;
let donations = 0;
beforeEach(async () => {
  stripeCalls = h.standin.requests.length;
  donations = await countRows('donations');
});

async function countRows(table: 'donations') {
  const row = await h.ledger.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const donationPost = (body: string | Buffer, headers: Record<string, string> = {}) =>
  rawRequest('POST', '/api/donations', { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers }, body);

function expectJsonError(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(response.body);
  expect(body.error.code).toBe(code);
  expect(ERROR_CODES).toContain(body.error.code);
  expect(typeof body.error.message).toBe('string');
}

async function expectNothingDone() {
  expect(h.standin.requests.length).toBe(stripeCalls);
  expect(await countRows('donations')).toBe(donations);
}

describe('a body over the limit', () => {
  // A proxy keeps its upstream connections open for the next request; an answer that says
  // keep-alive and then drops the connection loses the next donor's POST. So the refusal says
  // Connection: close and means it, and nothing sent behind it on that connection is run.

  it('is answered 413 with Connection: close, and the connection then closes cleanly', async () => {
    const conn = await connect(h.url);
    conn.write(donationPost(Buffer.alloc(2 * 1024 * 1024, 'x')));
    const [refused] = await conn.responses(1);
    expectJsonError(refused!, 413, 'payload_too_large');
    expect(refused!.headers.connection).toBe('close');
    expect(await conn.closed(3_000)).toBe('end');
    await expectNothingDone();
  });

  it('leaves the two donations sent behind it on the same connection unprocessed, and a client that reconnects is answered', async () => {
    const conn = await connect(h.url);
    const first = JSON.stringify(gift({ donor: { email: 'behind-1@example.org', name: 'B' } }));
    const second = JSON.stringify(gift({ donor: { email: 'behind-2@example.org', name: 'B' } }));
    const keys = [randomUUID(), randomUUID()];
    // Pipelined: the oversized body, then two donations, in one write.
    conn.write(
      Buffer.concat([
        donationPost(Buffer.alloc(20_000, 'x')),
        donationPost(first, { 'idempotency-key': keys[0]! }),
        donationPost(second, { 'idempotency-key': keys[1]! }),
      ]),
    );
    const [refused] = await conn.responses(1);
    expectJsonError(refused!, 413, 'payload_too_large');
    expect(refused!.headers.connection).toBe('close');
    await conn.closed(3_000);
    // The close says those two were not taken: none reached Stripe or the ledger, so resending is safe.
    await sleep(200);
    await expectNothingDone();

    const again = await connect(h.url);
    again.write(Buffer.concat([donationPost(first, { 'idempotency-key': keys[0]! }), donationPost(second, { 'idempotency-key': keys[1]! })]));
    const answers = await again.responses(2);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.headers.connection)).toEqual(['keep-alive', 'keep-alive']);
    again.destroy();
  });

  it('on the webhook route: 413 with Connection: close, the event behind it not recorded, a resend recorded', async () => {
    const recorded = async () => Boolean(await h.ledger.db.selectFrom('stripe_events').select('id').where('id', '=', event.id).executeTakeFirst());
    const event = oneTimeSucceeded({ intent: `pi_behind_${randomUUID().slice(0, 8)}`, gift: 1_000, total: 1_000 });
    const payload = JSON.stringify(event);
    const signature = new Stripe('sk_test_signing_only').webhooks.generateTestHeaderString({ payload, secret: h.config.stripe.webhookSecret });
    const signed = rawRequest('POST', '/api/stripe/webhook', { 'content-type': 'application/json', 'stripe-signature': signature }, payload);

    const conn = await connect(h.url);
    conn.write(Buffer.concat([rawRequest('POST', '/api/stripe/webhook', { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' }, Buffer.alloc(600_000, 'x')), signed]));
    const [refused] = await conn.responses(1);
    expectJsonError(refused!, 413, 'payload_too_large');
    expect(refused!.headers.connection).toBe('close');
    await conn.closed(3_000);
    await sleep(200);
    expect(await recorded()).toBe(false);

    const again = await connect(h.url);
    again.write(signed);
    const [answer] = await again.responses(1);
    expect(answer!.status).toBe(200);
    expect(await recorded()).toBe(true);
    again.destroy();
  });
});

describe('a request trickled to hold its connection', () => {
  // Short limits here (TIMEOUTS); the defaults are 10 s for headers and 30 s for a whole request,
  // several times what 16 KB takes on a 2G phone.

  async function trickle(body: string, everyMs: number, bytesPerWrite: number) {
    const conn = await connect(h.url);
    const request = donationPost(body);
    const head = request.indexOf('\r\n\r\n') + 4;
    conn.write(request.subarray(0, head));
    const started = Date.now();
    for (let at = head; at < request.length && !conn.socket.destroyed; at += bytesPerWrite) {
      await sleep(everyMs);
      if (!conn.socket.destroyed && conn.socket.writable) conn.write(request.subarray(at, at + bytesPerWrite));
      if (Date.now() - started > 4 * TIMEOUTS.request) break; // bounded whatever the server does
    }
    return { conn, started };
  }

  it('is served when the body arrives within the request deadline', async () => {
    const body = JSON.stringify(gift({ donor: { email: 'slow-phone@example.org', name: 'Slow Phone' } }));
    // The whole body over about half the deadline.
    const { conn } = await trickle(body, 25, Math.ceil(body.length / 20));
    const [answer] = await conn.responses(1, 3_000);
    expect(answer!.status).toBe(200);
    expect(JSON.parse(answer!.body).clientSecret).toMatch(/^pi_/);
    conn.destroy();
  });

  it('is cut with 408 request_timeout and a closed connection when the body is slower than the deadline', async () => {
    const body = JSON.stringify(gift({ donor: { email: 'slowloris@example.org', name: 'S' } }));
    const { conn, started } = await trickle(body, 100, 4);
    const [answer] = await conn.responses(1, 1_000);
    expectJsonError(answer!, 408, 'request_timeout');
    expect(answer!.headers.connection).toBe('close');
    expect(await conn.closed(1_000)).toBe('end');
    // Cut at the deadline (checked every tenth of it), not minutes later.
    expect(Date.now() - started).toBeLessThan(TIMEOUTS.request * 2);
    await expectNothingDone();
  });

  it('is cut with 408 when the headers are slower than the header deadline', async () => {
    const conn = await connect(h.url);
    const started = Date.now();
    const head = donationPost('{}').toString('latin1').split('\r\n\r\n')[0]!;
    for (let i = 0; i < head.length && !conn.socket.destroyed && Date.now() - started < 4 * TIMEOUTS.headers; i += 2) {
      conn.write(head.slice(i, i + 2));
      await sleep(50);
    }
    const [answer] = await conn.responses(1, 1_000);
    expectJsonError(answer!, 408, 'request_timeout');
    expect(await conn.closed(1_000)).toBe('end');
    expect(Date.now() - started).toBeLessThan(TIMEOUTS.headers * 2.5);
  });

  it('closes a connection that never sends a byte at the header deadline', async () => {
    const conn = await connect(h.url);
    const started = Date.now();
    expect(await conn.closed(4 * TIMEOUTS.headers)).toBe('end');
    expect(Date.now() - started).toBeLessThan(TIMEOUTS.headers * 2.5);
  });
});

describe('a request Node refuses before the app sees it', () => {
  // Node's parser answers these itself; the endpoint gives each its JSON error shape, closes the
  // connection (its framing can no longer be trusted), and leaves Stripe and the ledger alone.
  const cases: Array<[string, Buffer, number, string]> = [
    ['headers over 16 KB', rawRequest('GET', '/api/config', { 'x-padding': 'x'.repeat(20_000) }), 431, 'headers_too_large'],
    ['a request line that is not HTTP', Buffer.from('HELLO THERE\r\n\r\n'), 400, 'request_invalid'],
    ['a header name with a space', Buffer.from('GET /api/config HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n'), 400, 'request_invalid'],
    ['both Content-Length and Transfer-Encoding', Buffer.from('POST /api/donations HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'), 400, 'request_invalid'],
    ['a chunk size that is not hex', Buffer.from('POST /api/donations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'), 400, 'request_invalid'],
    ['two different Content-Lengths', Buffer.from('POST /api/donations HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'), 400, 'request_invalid'],
    ['an HTTP/1.1 request without Host', Buffer.from('GET /api/config HTTP/1.1\r\n\r\n'), 400, 'request_invalid'],
    ['a CONNECT request', Buffer.from('CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n'), 400, 'request_invalid'],
    ['an Expect the endpoint cannot meet', rawRequest('POST', '/api/donations', { 'content-type': 'application/json', expect: 'teapot' }, '{}'), 417, 'request_invalid'],
    ['an HTTP/2 preface on the HTTP/1.1 port', Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), 400, 'request_invalid'],
  ];
  for (const [what, bytes, status, code] of cases) {
    it(`answers ${what} with ${status} ${code} in JSON, then closes`, async () => {
      const conn = await connect(h.url);
      conn.write(bytes);
      const [answer] = await conn.responses(1, 2_000);
      expectJsonError(answer!, status, code);
      expect(answer!.headers.connection).toBe('close');
      expect(await conn.closed(2_000)).toBe('end');
      await expectNothingDone();
    });
  }
});
