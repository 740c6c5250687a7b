/**
 * Member sites: a page on an origin nobody added is refused (and told so by GET /api/config), the
 * refusal is recorded and listed with "Add as a site of…", one action adds it, and the site takes
 * gifts at once in this process and within SITE_ORIGINS_FRESH_MS in another; each gift keeps the
 * page's origin and the element's source, in the ledger and in Stripe's metadata, and
 * totalsBySite() groups by them. Against SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigResponse } from '../../../src/core/api.js';
import { Ledger } from '../../../src/server/ledger/ledger.js';
import { MAX_REFUSED_ORIGINS, SITE_ORIGINS_FRESH_MS } from '../../../src/server/ledger/sites.js';
import { silentLog } from '../../../src/server/log.js';
import { startEndpoint, type Endpoint } from '../../../src/server/server.js';
import { startStripeStandin, type StripeStandin } from '../../../src/standin/index.js';
import { BACKENDS, dropSchema, freshSchemaName, gift, intentId, PG_URL, postDonation, startHarness, testConfig, type Harness } from '../helpers.js';
import { auditLog, consoleAs, textOf } from './pages-support.js';

const COSECHA = 'https://cosecha.example';

const fromPage = (origin: string) => ({ headers: { origin } });

async function configFor(url: string, origin?: string) {
  const response = await fetch(`${url}/api/config`, origin ? { headers: { origin } } : {});
  return { body: (await response.json()) as ConfigResponse, vary: response.headers.get('vary'), cache: response.headers.get('cache-control') };
}

describe.each(BACKENDS)('member sites on %s', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ backend });
  });
  afterEach(() => h.close());

  it('a page on an unknown origin is refused and recorded; "Add as a site of" a new member lets it take gifts at once', async () => {
    // The widget asks its config first: refused, briefly cached, varying by Origin.
    expect(await configFor(h.url, COSECHA)).toMatchObject({ body: { acceptsGifts: false, giveUrl: 'https://www.miracoalition.org/donate' }, vary: 'Origin', cache: 'public, max-age=10' });
    expect(await configFor(h.url, 'https://member.example')).toMatchObject({ body: { acceptsGifts: true }, vary: 'Origin', cache: 'public, max-age=300' });
    // An older script posts anyway: the browser's preflight, then the POST itself.
    const preflight = await fetch(`${h.url}/api/donations`, { method: 'OPTIONS', headers: { origin: COSECHA, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const refused = await postDonation(h.url, gift(), fromPage(COSECHA));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');

    const [seen] = await h.ledger.listRefusedOrigins();
    expect(seen).toMatchObject({ origin: COSECHA, attempts: 3 });
    expect(seen!.firstSeen <= seen!.lastSeen).toBe(true);

    const admin = consoleAs(h, 'admin');
    const page = await admin.get('/console/sites');
    expect(textOf(page.html)).toMatch(/https:\/\/cosecha\.example 3 .* Add as a site of/);

    const added = await admin.post('/console/sites', { form: 'refused-0', origin: COSECHA, member: '__new', memberName: 'Cosecha' });
    expect(added.status).toBe(303);
    expect(textOf((await admin.get(added.location!)).html)).toContain(`${COSECHA} may take gifts now.`);

    // No restart, no wait: the next request from that page is taken.
    expect((await configFor(h.url, COSECHA)).body.acceptsGifts).toBe(true);
    const taken = await postDonation(h.url, gift({ source: 'cosecha' }), fromPage(COSECHA));
    expect(taken.status).toBe(200);
    expect(taken.headers.get('access-control-allow-origin')).toBe(COSECHA);
    expect(await h.ledger.listRefusedOrigins()).toEqual([]);
    expect(await h.ledger.listMembers()).toEqual([{ id: 'cosecha', name: 'Cosecha', contact: { name: null, email: null }, sites: [COSECHA] }]);
    expect((await auditLog(h)).map((e) => [e.action, e.subject, e.actor])).toEqual([
      ['member.create', 'member:cosecha', 'staff-admin'],
      ['site.add', `site:${COSECHA}`, 'staff-admin'],
    ]);
  });

  it('a site removed takes no more gifts at once', async () => {
    const admin = consoleAs(h, 'admin');
    expect((await admin.post('/console/sites/members', { id: 'cosecha', name: 'Cosecha', contactName: 'Rosa', contactEmail: 'rosa@cosecha.example' })).status).toBe(303);
    expect((await admin.post('/console/sites', { form: 'site-cosecha', member: 'cosecha', origin: `${COSECHA}/` })).status).toBe(303);
    expect((await postDonation(h.url, gift(), fromPage(COSECHA))).status).toBe(200);
    const page = textOf((await admin.get('/console/sites')).html);
    expect(page).toContain('Contact: Rosa, rosa@cosecha.example');
    expect(page).toContain(COSECHA);

    const removed = await admin.post('/console/sites/remove', { origin: COSECHA });
    expect(removed.status).toBe(303);
    expect((await postDonation(h.url, gift(), fromPage(COSECHA))).status).toBe(403);
    expect((await configFor(h.url, COSECHA)).body.acceptsGifts).toBe(false);
    expect((await auditLog(h)).at(-1)).toMatchObject({ action: 'site.remove', before: { origin: COSECHA, member: 'cosecha' } });
  });

  it('refuses what is not an origin, one already allowed, and a viewer; nothing changes', async () => {
    const admin = consoleAs(h, 'admin');
    await admin.post('/console/sites/members', { id: 'cosecha', name: 'Cosecha' });
    for (const origin of ['https://cosecha.example/donate', 'cosecha.example', 'javascript:alert(1)', 'https://member.example']) {
      const refused = await admin.post('/console/sites', { form: 'site-cosecha', member: 'cosecha', origin });
      expect(refused.status, origin).toBe(400);
      expect(refused.html).toContain('href="#site-cosecha-origin"');
    }
    await admin.post('/console/sites', { form: 'site-cosecha', member: 'cosecha', origin: COSECHA });
    // Already a site of Cosecha: not moved, and no new member made for it.
    const taken = await admin.post('/console/sites', { form: 'refused-0', member: '__new', memberName: 'Someone Else', origin: COSECHA });
    expect(taken.status).toBe(400);
    expect(textOf(taken.html)).toContain('This origin is already a site of Cosecha.');
    expect((await admin.post('/console/sites/members', { id: 'Cosecha!', name: '' })).status).toBe(400);
    const viewer = consoleAs(h, 'viewer');
    expect((await viewer.get('/console/sites')).html).not.toContain('action="/console/sites/remove"');
    expect((await viewer.post('/console/sites', { member: 'cosecha', origin: COSECHA })).status).toBe(403);
    expect((await viewer.post('/console/sites/members', { id: 'other', name: 'Other' })).status).toBe(403);
    expect(await h.ledger.listMembers()).toEqual([expect.objectContaining({ id: 'cosecha', sites: [COSECHA] })]);
    expect((await auditLog(h)).map((e) => e.action)).toEqual(['member.create', 'site.add']);
  });

  it('keeps the refused origins bounded, the ones seen last, and never records what is not an origin', async () => {
    for (let i = 0; i < MAX_REFUSED_ORIGINS + 3; i++) await h.ledger.recordRefusedOrigin(`https://site-${String(i).padStart(4, '0')}.example`);
    const kept = await h.ledger.listRefusedOrigins();
    expect(kept).toHaveLength(MAX_REFUSED_ORIGINS);
    expect(kept.map((r) => r.origin)).not.toContain('https://site-0000.example');
    expect(kept.map((r) => r.origin)).toContain(`https://site-${String(MAX_REFUSED_ORIGINS + 2).padStart(4, '0')}.example`);

    await postDonation(h.url, gift(), fromPage('null'));
    await postDonation(h.url, gift(), fromPage(`https://${'x'.repeat(300)}.example`));
    expect((await h.ledger.listRefusedOrigins()).map((r) => r.origin)).not.toContain('null');
    expect(await h.ledger.listRefusedOrigins()).toHaveLength(MAX_REFUSED_ORIGINS);
  });

  it("keeps each gift's page origin and source in the ledger and Stripe's metadata, and totalsBySite() groups by them", async () => {
    await h.ledger.saveMember({ id: 'cosecha', name: 'Cosecha' }, { actor: 'test' });
    await h.ledger.addSite(COSECHA, 'cosecha', { actor: 'test' });
    const pay = async (body: Record<string, unknown>, init = {}) => {
      const response = await postDonation(h.url, gift(body), init);
      expect(response.status).toBe(200);
      const { clientSecret } = (await response.json()) as { clientSecret: string };
      await h.standin.confirm(intentId(clientSecret));
      return intentId(clientSecret);
    };
    const credited = await pay({ gift: 10_000, source: 'Cosecha', donor: { email: 'a@example.org', name: 'A' } }, fromPage(COSECHA));
    await pay({ gift: 5_000, donor: { email: 'b@example.org', name: 'B' } }, fromPage(COSECHA));
    // A script from before `source`, on the member site MIRA's own config allows, and a server with no page.
    await pay({ gift: 2_500, donor: { email: 'c@example.org', name: 'C' } }, fromPage('https://member.example'));
    await pay({ gift: 2_000, donor: { email: 'd@example.org', name: 'D' } });
    await h.standin.settled();
    await h.stripe.refunds.create({ payment_intent: credited, amount: 4_000 });
    await h.standin.settled();

    const intent = await h.stripe.paymentIntents.retrieve(credited);
    expect(intent.metadata).toMatchObject({ origin: COSECHA, source: 'cosecha' });
    const rows = await h.ledger.db.selectFrom('donations').select(['gift', 'origin', 'source']).orderBy('gift', 'desc').execute();
    expect(rows.map((r) => [Number(r.gift), r.origin, r.source])).toEqual([
      [10_000, COSECHA, 'cosecha'],
      [5_000, COSECHA, null],
      [2_500, 'https://member.example', null],
      [2_000, null, null],
    ]);

    const bySite = await h.ledger.totalsBySite({ campaign: 'mira' });
    expect(bySite).toEqual([
      { origin: COSECHA, source: 'cosecha', member: { id: 'cosecha', name: 'Cosecha' }, campaign: 'mira', currency: 'USD', raised: 6_000, payments: 1, donors: 1 },
      { origin: COSECHA, source: null, member: { id: 'cosecha', name: 'Cosecha' }, campaign: 'mira', currency: 'USD', raised: 5_000, payments: 1, donors: 1 },
      { origin: 'https://member.example', source: null, member: null, campaign: 'mira', currency: 'USD', raised: 2_500, payments: 1, donors: 1 },
      { origin: null, source: null, member: null, campaign: 'mira', currency: 'USD', raised: 2_000, payments: 1, donors: 1 },
    ]);
    // The same sums as the campaign's own running total.
    expect(bySite.reduce((sum, row) => sum + row.raised, 0)).toBe((await h.ledger.totals('mira'))!.raised);
    expect(await h.ledger.totalsBySite({ since: '2999-01-01T00:00:00Z' })).toEqual([]);
  });

  it('refuses a source that is not a short slug, and takes a request without one', async () => {
    for (const source of ['two words', 'x'.repeat(33), 42, 'ção']) {
      const response = await postDonation(h.url, gift({ source }));
      expect(response.status, String(source)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'source_invalid', field: 'source' } });
    }
    expect((await postDonation(h.url, gift({ source: '' }))).status).toBe(200);
    expect((await postDonation(h.url, gift())).status).toBe(200);
  });
});

describe.each(BACKENDS)('a site added in one process, on %s', (backend) => {
  let standin: StripeStandin;
  let dir: string | undefined;
  let schema: string | undefined;
  const ledgers: Ledger[] = [];
  const endpoints: Endpoint[] = [];

  beforeEach(async () => {
    standin = await startStripeStandin({});
    let url: string;
    if (backend === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'mira-sites-'));
      url = `sqlite:${join(dir, 'ledger.db')}`;
    } else {
      schema = freshSchemaName();
      url = PG_URL!;
    }
    for (let i = 0; i < 2; i++) {
      const ledger = await Ledger.open(url, schema ? { schema } : {});
      ledgers.push(ledger);
      endpoints.push(await startEndpoint(testConfig(standin), { log: silentLog, ledger }));
    }
  });

  afterEach(async () => {
    for (const endpoint of endpoints.splice(0)) await endpoint.close();
    for (const ledger of ledgers.splice(0)) await ledger.close();
    await standin.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchema(schema);
    dir = schema = undefined;
  });

  it(`takes gifts in the other within ${SITE_ORIGINS_FRESH_MS / 1000} s, with no restart`, async () => {
    const [here, there] = endpoints as [Endpoint, Endpoint];
    // The other process has just looked, and found it not a site.
    expect((await postDonation(there.url, gift(), fromPage(COSECHA))).status).toBe(403);

    await here.ledger.saveMember({ id: 'cosecha', name: 'Cosecha' }, { actor: 'test' });
    await here.ledger.addSite(COSECHA, 'cosecha', { actor: 'test' });
    const added = Date.now();
    expect((await postDonation(here.url, gift(), fromPage(COSECHA))).status).toBe(200);

    let status = 0;
    while (Date.now() - added < SITE_ORIGINS_FRESH_MS + 1_000) {
      status = (await postDonation(there.url, gift(), fromPage(COSECHA))).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    expect(Date.now() - added).toBeLessThanOrEqual(SITE_ORIGINS_FRESH_MS + 1_000);
    expect((await configFor(there.url, COSECHA)).body.acceptsGifts).toBe(true);
  }, 30_000);
});
