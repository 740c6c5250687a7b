/** Card testers: a few attempts per client address and per donor email, then 429 with Retry-After. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gift, postDonation, startHarness, type Harness } from './helpers.js';

describe('rate limits on donation creation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { RATE_LIMIT_PER_ADDRESS: '3', RATE_LIMIT_PER_EMAIL: '2', RATE_LIMIT_WINDOW: '60', TRUST_PROXY: '1' } });
  });
  afterAll(() => h.close());

  it('stops a client address after its allowance, bad requests included, and says when to come back', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 3; i++) {
      const response = await postDonation(h.url, gift({ gift: 1 }), { headers: from });
      expect(response.status).toBe(400);
    }
    const calls = h.standin.requests.length;
    const blocked = await postDonation(h.url, gift({ donor: { email: `fresh@example.org`, name: 'F' } }), { headers: from });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).error.code).toBe('rate_limited');
    expect(h.standin.requests.length).toBe(calls);
    // Another address is not affected.
    expect((await postDonation(h.url, gift(), { headers: { 'x-forwarded-for': '198.51.100.9' } })).status).toBe(200);
  });

  it('stops one donor email tried from many addresses', async () => {
    const card = (n: number) => postDonation(h.url, gift({ donor: { email: 'Tester@Example.org', name: 'T' } }), { headers: { 'x-forwarded-for': `192.0.2.${n}` } });
    expect((await card(1)).status).toBe(200);
    expect((await card(2)).status).toBe(200);
    const blocked = await card(3);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).not.toBeNull();
    expect((await blocked.json()).error.code).toBe('rate_limited');
  });
});

describe('rate limits without a trusted proxy', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { RATE_LIMIT_PER_ADDRESS: '2', RATE_LIMIT_WINDOW: '60' } });
  });
  afterAll(() => h.close());

  it('counts by the socket address, so a forged X-Forwarded-For buys no extra attempts', async () => {
    const forged = (n: number) => postDonation(h.url, gift({ donor: { email: `f${n}@example.org`, name: 'F' } }), { headers: { 'x-forwarded-for': `10.0.0.${n}` } });
    expect((await forged(1)).status).toBe(200);
    expect((await forged(2)).status).toBe(200);
    expect((await forged(3)).status).toBe(429);
  });
});
