/**
 * Every state a donor can see, in each language: axe finds nothing wrong with the payment step (card
 * form mounted) or the thank-you, and a screenshot of each is saved to test-artifacts/screenshots/
 * for people to look at: first load, inline errors, the card form, processing, thank-you.
 */
import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { Language } from '../../src/core/locale.js';
import { newDonorContext, screenshot, DESKTOP, PHONE } from './support/demo.js';
import { Donor, TEST_CARDS, term } from './support/donor.js';
import { useDemo } from './support/session.js';

const e2e = useDemo();

/** axe's findings, one line each, so a failure names the rule and the nodes. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const DONORS: Record<Language, { name: string; email: string; amount: string }> = {
  en: { name: 'Grace Hopper', email: 'grace@example.org', amount: '75' },
  es: { name: 'Camila Ortega', email: 'camila@example.org', amount: '80' },
  pt: { name: 'João Silva', email: 'joao@example.org', amount: '90' },
};

describe.each([
  ['en', 'desktop', DESKTOP],
  ['es', 'phone', PHONE],
  ['pt', 'desktop', DESKTOP],
] as const)('in %s, on a %s', (language, screen, viewport) => {
  const shot = (page: Page, state: string, options?: { page?: boolean }) => screenshot(page, `${language}-${screen}-states-${state}`, options);

  it('the payment step and the thank-you have no accessibility violations', async () => {
    const context = await newDonorContext(e2e.browser, viewport);
    try {
      const donor = new Donor(await context.newPage());
      // The donation request is held until the "processing" state has been looked at.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await donor.page.route('**/api/donations', async (route) => {
        await held;
        await route.continue();
      });

      await donor.open(e2e.demo.url);
      if (language !== 'en') await donor.chooseLanguage(language);
      await shot(donor.page, '1-initial', { page: true });

      // Donate with nothing filled in: the inline errors.
      await donor.donate.click();
      await donor.widget.locator('#error-summary').waitFor();
      expect(await donor.widget.locator('#donor-email-error').innerText()).toBe(term(language, 'errors.email_required'));
      await shot(donor.page, '2-errors');

      const { name, email, amount } = DONORS[language];
      await donor.typeAmount(amount);
      await donor.coverFee(true);
      await donor.fillDetails(name, email);
      await donor.fillCard(TEST_CARDS.visa);
      await shot(donor.page, '3-payment-form');
      expect(await accessibilityProblems(donor.page)).toEqual([]);

      await donor.donate.click();
      await expect.poll(() => donor.donate.getAttribute('aria-busy')).toBe('true');
      expect(await donor.donate.innerText()).toContain(term(language, 'submit.busy'));
      await shot(donor.page, '4-processing');

      release();
      expect(await donor.outcome()).toBe('thanks');
      // Focus moves to the thanks so a screen reader reads them.
      await expect.poll(() => donor.page.evaluate(() => document.querySelector('mira-donate')?.shadowRoot?.activeElement?.id)).toBe('thank-you');
      await shot(donor.page, '5-thank-you');
      expect(await accessibilityProblems(donor.page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
