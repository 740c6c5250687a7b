/**
 * Each letter in each language as a mail client shows it, in real Chromium: axe finds no violations,
 * the letter asks for nothing from the network (it reads the same with images off: it has none), a
 * hostile message runs nothing and reads as its own characters, and nothing is wider than a phone
 * (375 px, the narrowest iPhone in use; the year-end table's six columns need that much at 12 px).
 * Screenshots go to test-artifacts/letters/ (not committed) for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/core/locale.js';
import { receiptLetter, tributeCardLetter, yearEndLetter, type Letter } from '../../../src/server/mail/letters/index.js';
import { PROJECT_ROOT } from '../../../src/server/server.js';
import { chromiumLaunchOptions } from '../../support/chromium.mjs';
import { HOSTILE_MESSAGE, card, offlineReceipt, receipt, yearEnd } from './letters-fixtures.js';

const SCREENSHOTS = join(PROJECT_ROOT, 'test-artifacts', 'letters');

const LETTERS = {
  'receipt-monthly-memory': (language: (typeof LANGUAGES)[number]) => receiptLetter(receipt(language)),
  'receipt-offline-not-deductible': (language: (typeof LANGUAGES)[number]) => receiptLetter(offlineReceipt(language)),
  'card-honor': (language: (typeof LANGUAGES)[number]) => tributeCardLetter(card(language)),
  'card-memory-anonymous': (language: (typeof LANGUAGES)[number]) =>
    tributeCardLetter(card(language, { giver: undefined, tribute: { kind: 'memory', name: 'Ana Souza', message: HOSTILE_MESSAGE } })),
  'year-end': (language: (typeof LANGUAGES)[number]) => yearEndLetter(yearEnd(language)),
};

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions);
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** The letter loaded as a mail client would, every request it makes refused and counted. */
async function open(letter: Letter, width: number): Promise<{ page: Page; requests: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  await page.setContent(letter.html, { waitUntil: 'load' });
  return { page, requests, close: () => context.close() };
}

describe.each(LANGUAGES)('in %s', (language) => {
  describe.each(Object.keys(LETTERS) as Array<keyof typeof LETTERS>)('the %s letter', (name) => {
    const letter = LETTERS[name](language);

    it('has no accessibility violations, fetches nothing, and fits a phone', async () => {
      for (const [screen, width] of [['desktop', 760], ['phone', 375]] as const) {
        const { page, requests, close } = await open(letter, width);
        try {
          const results = await new AxeBuilder({ page }).analyze();
          const problems = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          expect(problems, screen).toEqual([]);
          expect(requests, screen).toEqual([]);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
          expect(await page.locator('h1').count()).toBe(1);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), screen).toBeLessThanOrEqual(width);
          await page.screenshot({ path: join(SCREENSHOTS, `${language}-${name}-${screen}.png`), fullPage: true });
        } finally {
          await close();
        }
      }
    });
  });

  it('shows a hostile message as its own characters, line by line, and runs none of it', async () => {
    const { page, close } = await open(LETTERS['card-memory-anonymous'](language), 760);
    try {
      expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
      expect(await page.locator('script, img, b').count()).toBe(0);
      expect(await page.locator('blockquote').innerText()).toBe(HOSTILE_MESSAGE);
    } finally {
      await close();
    }
  });
});
