/** The read routes and static files: what a member organization's page loads on every view. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../../src/server/server.js';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { FEE_PERCENT: '2.9', FEE_FIXED: '0.30', MIN_GIFT: '10', MAX_GIFT: '5000' } });
});
afterAll(() => h.close());

describe('GET /api/config', () => {
  it('tells the widget the publishable key, mode, fee rates and limits, never the secret', async () => {
    const response = await h.app.request('/api/config');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      publishableKey: h.standin.publishableKey,
      mode: 'test',
      currencies: ['USD'],
      feeRates: { basisPoints: 290, fixed: 30 },
      minimum: 1_000,
      maximum: 500_000,
      // No Origin: not a page on another site, so nothing to refuse (test/server/console/sites.test.ts).
      acceptsGifts: true,
      giveUrl: 'https://www.miracoalition.org/donate',
    });
    expect(text).not.toContain(h.standin.secretKey);
    expect(text).not.toContain('whsec_');
  });
});

describe('GET /api/campaigns/:id', () => {
  it("serves MIRA's campaign out of the box, in three languages", async () => {
    const body = await (await h.app.request('/api/campaigns/mira')).json();
    expect(body).toMatchObject({ id: 'mira', currency: 'USD', goal: 10_000_000, raised: 0, donors: 0 });
    expect(body.name.en).toBe("MIRA's state policy work");
    expect(body.name.es).toMatch(/MIRA/);
    expect(body.name.pt).toMatch(/MIRA/);
    expect(Date.parse(body.updatedAt)).not.toBeNaN();
  });

  it('is cacheable briefly, revalidates with its ETag, and changes tag when the total changes', async () => {
    const first = await h.app.request('/api/campaigns/mira');
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(first.headers.get('cache-control')).toMatch(/stale-while-revalidate=\d+/);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    const unchanged = await h.app.request('/api/campaigns/mira', { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    await h.ledger.recordOfflineGift({ campaign: 'mira', amount: 25_000 });
    const changed = await h.app.request('/api/campaigns/mira', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await changed.json()).raised).toBe(25_000);
  });

  it('answers 404 campaign_not_found for an unknown or malformed id', async () => {
    for (const id of ['nope', 'DROP%20TABLE']) {
      const response = await h.app.request(`/api/campaigns/${id}`);
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe('campaign_not_found');
    }
  });
});

describe('static files', () => {
  const built = existsSync(join(PROJECT_ROOT, 'dist', 'mira-donate.js'));
  it.skipIf(!built)('serves the widget script as JavaScript any site may load, cacheable with an ETag', async () => {
    const response = await h.app.request('/mira-donate.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const etag = response.headers.get('etag')!;
    expect((await h.app.request('/mira-donate.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
  it.skipIf(!built)('sends the script compressed to browsers that take it, so a phone fetches a third of it', async () => {
    const plain = await h.app.request('/mira-donate.js');
    const original = Buffer.from(await plain.arrayBuffer());
    const cases = [
      ['gzip, deflate, br, zstd', 'br', (b: Buffer) => brotliDecompressSync(b)],
      ['gzip', 'gzip', (b: Buffer) => gunzipSync(b)],
    ] as const;
    for (const [accept, encoding, decode] of cases) {
      const response = await h.app.request('/mira-donate.js', { headers: { 'accept-encoding': accept } });
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBeLessThan(original.length / 2);
      expect(decode(body).equals(original)).toBe(true);
      // Each encoding revalidates against its own ETag.
      const etag = response.headers.get('etag')!;
      expect(etag).not.toBe(plain.headers.get('etag'));
      expect((await h.app.request('/mira-donate.js', { headers: { 'accept-encoding': accept, 'if-none-match': etag } })).status).toBe(304);
    }
    const refused = await h.app.request('/mira-donate.js', { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    expect(refused.headers.get('content-encoding')).toBeNull();
  });
  it.skipIf(!existsSync(join(PROJECT_ROOT, 'dist', 'mira-donate-intent.js')))('serves the widget\'s companion scripts the same way', async () => {
    const response = await h.app.request('/mira-donate-intent.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect((await h.app.request('/mira-donate-nothing.js')).status).toBe(404);
  });
  if (!built) console.warn('dist/mira-donate.js is not built: the widget script test is SKIPPED (run npm run build).');

  it.skipIf(!existsSync(join(PROJECT_ROOT, 'dist', 'demo', 'index.html')))('serves the demo page at /', async () => {
    const response = await h.app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it.skipIf(!existsSync(join(PROJECT_ROOT, 'dist', 'demo', 'theming.html')))('serves the other demo pages by name', async () => {
    const response = await h.app.request('/theming.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await h.app.request('/no-such-page.html')).status).toBe(404);
  });

  it('never serves a file outside demo/', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const response = await h.app.request(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('"dependencies"');
    }
  });
});
