/**
 * The form as a donor uses it on the demo page, from 320 px to a desktop, in each language: a wrong
 * email left for Donate in one motion still presses Donate, and the summary beside it names the
 * fields to fix as links to them; once Donate is pressed, the form takes no change until the outcome,
 * and the thanks say what was charged and how often. Screenshots of each state are saved to
 * test-artifacts/screenshots/ for people to look at.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Language } from '../../src/core/locale.js';
import { formatMoney } from '../../src/core/money.js';
import { newDonorContext, screenshot, DESKTOP } from './support/demo.js';
import { Donor, RECORD_EVENTS, TEST_CARDS, term } from './support/donor.js';
import { useDemo } from './support/session.js';

const e2e = useDemo();
const NARROW = { width: 320, height: 720 };

/** A real press at the middle of what the selector finds, wherever it is, inert or not. */
async function pressAt(page: Page, donor: Donor, selector: string): Promise<void> {
  const box = (await donor.widget.locator(selector).first().boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

describe.each([
  ['en', 'narrow', NARROW],
  ['es', 'narrow', NARROW],
  ['pt', 'narrow', NARROW],
  ['en', 'desktop', DESKTOP],
  ['es', 'desktop', DESKTOP],
  ['pt', 'desktop', DESKTOP],
] as const)('in %s, %s', (language: Language, screen, viewport) => {
  const shot = (page: Page, state: string) => screenshot(page, `${language}-${screen}-form-${state}`);

  it('a wrong email, then Donate in one motion: Donate is pressed, and the summary names the fields as links', async () => {
    const context = await newDonorContext(e2e.browser, viewport);
    try {
      const donor = new Donor(await context.newPage());
      await donor.open(e2e.demo.url);
      if (language !== 'en') await donor.chooseLanguage(language);
      await shot(donor.page, '1-initial');
      await donor.widget.locator('#donor-email').fill('ana@');
      // Playwright's click is one motion: move, press, release, at where Donate is now.
      await donor.donate.click();
      const summary = donor.widget.locator('#error-summary');
      await summary.waitFor();
      expect(await summary.locator('a').allInnerTexts()).toEqual([term(language, 'donor.name'), term(language, 'donor.email')]);
      expect(await donor.widget.locator('#donor-email-error').innerText()).toBe(term(language, 'errors.email_invalid'));
      await shot(donor.page, '2-errors');
      await summary.locator('a').nth(1).click();
      expect(await donor.page.evaluate(() => document.querySelector('mira-donate')?.shadowRoot?.activeElement?.id)).toBe('donor-email');
    } finally {
      await context.close();
    }
  });

  it('while paying the form takes no change, and the thanks say what was charged', async () => {
    const context = await newDonorContext(e2e.browser, viewport);
    await context.addInitScript(RECORD_EVENTS);
    try {
      const donor = new Donor(await context.newPage());
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await donor.page.route('**/api/donations', async (route) => {
        await held;
        await route.continue();
      });
      await donor.open(e2e.demo.url);
      if (language !== 'en') await donor.chooseLanguage(language);
      await donor.fillDetails('Ana Souza', 'ana@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      await donor.donate.click();
      await expect.poll(() => donor.donate.getAttribute('aria-busy')).toBe('true');
      // Monthly, $250 and the fee: the donor's presses reach nothing.
      await pressAt(donor.page, donor, `[part~="frequency-option"]:nth-child(2)`);
      await pressAt(donor.page, donor, `[part~="amount-option"]:nth-child(4)`);
      await pressAt(donor.page, donor, `[part~="fee-option"]`);
      expect(await donor.widget.locator('.fields[inert]').count()).toBe(1);
      expect(await donor.widget.locator('[part~="frequency-option"][aria-checked="true"]').innerText()).toBe(term(language, 'frequency.once'));
      await shot(donor.page, '3-paying');
      release();
      expect(await donor.outcome()).toBe('thanks');
      const charged = term(language, 'thanks.charged_once', { total: formatMoney(5000, 'USD', language) });
      expect((await donor.thankYou.innerText()).replace(/\u00a0/g, ' ')).toContain(charged.replace(/\u00a0/g, ' '));
      expect(await donor.completion()).toMatchObject({ gift: 5000, fee: 0, total: 5000, frequency: 'once' });
      await shot(donor.page, '4-thank-you');
    } finally {
      await context.close();
    }
  });
});
