/**
 * The campaigns and member sites pages in Chromium, as an admin and a viewer see them, with a failed
 * save's errors shown: axe finds nothing (the console's stylesheet is not part of these pages' test).
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../support/chromium.mjs';
import { postDonation, gift, startHarness, type Harness } from '../helpers.js';
import { consoleAs } from './pages-support.js';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness(), chromium.launch(chromiumLaunchOptions)]);
  await postDonation(h.url, gift(), { headers: { origin: 'https://cosecha.example' } });
  await h.ledger.saveMember({ id: 'centro', name: 'Centro Presente', contact: { name: 'Rosa', email: 'rosa@centro.example' } }, { actor: 'test' });
  await h.ledger.addSite('https://centropresente.example', 'centro', { actor: 'test' });
  await h.ledger.saveCampaign({ id: 'old', name: { en: 'Old drive', es: 'Vieja', pt: 'Velha' }, goal: 100_000, currency: 'USD', deductible: true, status: 'archived', endsOn: '2025-12-31' });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function violations(html: string, width = 1024): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  try {
    await page.setContent(html);
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  } finally {
    await context.close();
  }
}

describe('console pages', () => {
  it('are axe-clean as an admin and a viewer, with and without errors', async () => {
    const admin = consoleAs(h, 'admin');
    const viewer = consoleAs(h, 'viewer');
    const pages = {
      'campaigns (admin)': (await admin.get('/console/campaigns')).html,
      'campaigns (viewer)': (await viewer.get('/console/campaigns')).html,
      'new campaign': (await admin.get('/console/campaigns/new')).html,
      'new campaign, refused': (await admin.post('/console/campaigns', { id: 'Bad', goal: 'x', nameEn: '' })).html,
      'edit campaign': (await admin.get('/console/campaigns/mira')).html,
      'campaign (viewer)': (await viewer.get('/console/campaigns/mira')).html,
      'sites (admin)': (await admin.get('/console/sites')).html,
      'sites (viewer)': (await viewer.get('/console/sites')).html,
      'sites, refused': (await admin.post('/console/sites', { form: 'site-centro', member: 'centro', origin: 'not an origin' })).html,
      'sites, new member refused': (await admin.post('/console/sites/members', { id: 'X!', name: '' })).html,
    };
    for (const [name, html] of Object.entries(pages)) {
      expect(html, name).toMatch(/^<!doctype html>/);
      expect(await violations(html), name).toEqual([]);
    }
  }, 60_000);
});
