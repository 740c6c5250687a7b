/**
 * A member organization's page, served from an origin of its own (a second port; `localhost` and
 * `127.0.0.1` are two origins), with the snippet pasted as the README says. On an origin nobody added,
 * the widget tells the donor at load, in their language, where to give instead, warns the web
 * person in the console, and never reaches Stripe. Once the site is added, a fresh page on that
 * origin takes a gift, credited to the page's origin and the element's source.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GIVE_URL } from '../../src/server/config.js';
import { newDonorContext, paymentsAt, screenshot } from './support/demo.js';
import { Donor, RECORD_EVENTS, TEST_CARDS, term } from './support/donor.js';
import { useDemo } from './support/session.js';

const e2e = useDemo();
let member: Server;
let port: number;

beforeAll(async () => {
  member = createServer((request, response) => {
    const lang = new URL(request.url ?? '/', 'http://x').searchParams.get('lang') ?? 'en';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Cosecha</title></head>
<body><main><h1>Cosecha</h1>
<script src="${e2e.demo.url}/mira-donate.js" async></script>
<mira-donate campaign="mira" source="cosecha"><svg aria-hidden="true" width="0" height="100vh"></svg></mira-donate>
</main></body></html>`);
  });
  await new Promise<void>((resolve) => member.listen(0, '127.0.0.1', resolve));
  port = (member.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => member.close(() => resolve())));

async function memberPage(origin: string, lang: string) {
  const context = await newDonorContext(e2e.browser);
  await context.addInitScript(RECORD_EVENTS);
  const page = await context.newPage();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${origin}/?lang=${lang}`);
  return { context, page, donor: new Donor(page), warnings, requested };
}

describe('a member site', () => {
  it('not yet added: the donor is told at load, in Spanish, where to give; the web person is warned; nothing reaches Stripe', async () => {
    const origin = `http://localhost:${port}`;
    const { context, page, donor, warnings, requested } = await memberPage(origin, 'es');
    try {
      const notice = donor.widget.locator('[part~="give-elsewhere"]');
      await notice.waitFor();
      expect(await notice.innerText()).toContain(term('es', 'siteNotAllowed.message'));
      const link = notice.getByRole('link', { name: term('es', 'siteNotAllowed.link') });
      expect(await link.getAttribute('href')).toBe(DEFAULT_GIVE_URL);
      // No form to type a card into.
      expect(await donor.widget.locator('form, #donate').count()).toBe(0);
      await screenshot(page, 'site-not-allowed-es');
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

      await expect.poll(() => warnings.filter((w) => w.includes('<mira-donate>'))).toEqual([expect.stringContaining(origin)]);
      expect(requested.filter((url) => url.startsWith(e2e.demo.standinUrl))).toEqual([]);
      expect((await e2e.demo.endpoint.ledger.listRefusedOrigins()).map((r) => r.origin)).toContain(origin);
    } finally {
      await context.close();
    }
  });

  it('once added, takes a gift on a fresh page, credited to its origin and source', async () => {
    const origin = `http://127.0.0.1:${port}`;
    const { ledger } = e2e.demo.endpoint;
    await ledger.saveMember({ id: 'cosecha', name: 'Cosecha' }, { actor: 'e2e' });
    expect(await ledger.addSite(origin, 'cosecha', { actor: 'e2e' })).toEqual({ added: true });

    const { context, page, donor, warnings } = await memberPage(origin, 'en');
    try {
      await donor.widget.locator('[part~="progress"][aria-busy="false"]').waitFor();
      await donor.typeAmount('40');
      await donor.fillDetails('Rosa Lima', 'rosa@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      expect(await donor.pressDonate()).toBe('thanks');
      await screenshot(page, 'member-site-thanks');
      expect(await donor.widget.locator('[part~="give-elsewhere"]').count()).toBe(0);
      expect(warnings.filter((w) => w.includes('<mira-donate>'))).toEqual([]);

      const { succeeded } = await paymentsAt(e2e.demo.stripe);
      const mine = succeeded.filter((intent) => intent.metadata.donorName === 'Rosa Lima');
      expect(mine).toHaveLength(1);
      expect(mine[0]!.metadata).toMatchObject({ origin, source: 'cosecha', gift: '4000' });
      const row = await ledger.db.selectFrom('donations').select(['origin', 'source']).where('donor_name', '=', 'Rosa Lima').executeTakeFirstOrThrow();
      expect(row).toEqual({ origin, source: 'cosecha' });
    } finally {
      await context.close();
    }
  });

  it('a closed campaign refuses the gift, and the donor reads why in Portuguese', async () => {
    const { ledger } = e2e.demo.endpoint;
    const { context, donor } = await e2e.donorPage();
    try {
      await donor.chooseLanguage('pt');
      await donor.typeAmount('30');
      await donor.fillDetails('Ana Souza', 'ana.closed@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      await ledger.setCampaignStatus('mira', 'closed', { actor: 'e2e' });
      expect(await donor.pressDonate()).toBe('error');
      expect(await donor.paymentError.innerText()).toContain(term('pt', 'errors.campaign_closed'));
      const { intents } = await paymentsAt(e2e.demo.stripe);
      expect(intents.filter((intent) => intent.metadata.donorName === 'Ana Souza')).toEqual([]);
    } finally {
      await ledger.setCampaignStatus('mira', 'open', { actor: 'e2e' });
      await context.close();
    }
  });
});
