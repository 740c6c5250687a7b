/**
 * What a donor does on the demo page, in their language: choose, type, pay with a test card in the
 * stand-in's card form, and read the outcome. Selectors are the element's stable ids and parts
 * (Playwright's CSS pierces its open shadow root); buttons are found by the words the donor reads,
 * taken from the locale files, so a missing translation shows up as a test that cannot find them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Frequency, TributeKind } from '../../../src/core/donation.js';
import type { Language } from '../../../src/core/locale.js';
import type { DonateCompleteDetail } from '../../../src/widget/mira-donate.events.js';
import { PROJECT_ROOT } from '../../../src/server/server.js';

type Terms = Record<string, unknown>;
const locales = new Map<Language, Terms>();

/** A string from locales/{lang}.json, with `{{name}}` filled in as i18next does. */
export function term(language: Language, key: string, values: Record<string, string> = {}): string {
  let terms = locales.get(language);
  if (!terms) locales.set(language, (terms = JSON.parse(readFileSync(join(PROJECT_ROOT, 'locales', `${language}.json`), 'utf8')) as Terms));
  const found = key.split('.').reduce<unknown>((node, part) => (node as Terms | undefined)?.[part], terms);
  if (typeof found !== 'string') throw new Error(`no term ${key} in ${language}`);
  return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}

export const TEST_CARDS = {
  visa: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
} as const;

/** Every `mira-donate-complete` the page hears, kept on window before any script runs. */
export const RECORD_EVENTS = `
  window.__miraComplete = [];
  document.addEventListener('mira-donate-complete', (event) => window.__miraComplete.push(event.detail));
`;

export class Donor {
  readonly widget: Locator;

  constructor(readonly page: Page) {
    this.widget = page.locator('mira-donate');
  }

  /** The demo page, loaded until the form and the campaign's progress (its figures, or its goal alone) are shown. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.widget.locator('[part~="progress"][aria-busy="false"]').waitFor();
  }

  get progressBar(): Locator {
    return this.widget.locator('[part~="progress-bar"]');
  }

  get donate(): Locator {
    return this.widget.locator('#donate');
  }

  get cardForm(): Locator {
    return this.widget.locator('.mira-donate-payment');
  }

  get cardNumber(): Locator {
    return this.cardForm.locator('input[name="cardnumber"]');
  }

  get paymentError(): Locator {
    return this.widget.locator('#payment-error');
  }

  get thankYou(): Locator {
    return this.widget.locator('#thank-you');
  }

  /** The EN / ES / PT switch above the form (not a sign of intent to pay). */
  async chooseLanguage(language: Language): Promise<void> {
    await this.widget.locator(`[part~="language-option"][lang="${language}"]`).click();
    await this.widget.locator(`[part~="base"][lang="${language}"]`).waitFor();
  }

  async chooseFrequency(language: Language, frequency: Frequency): Promise<void> {
    await this.widget.getByRole('radio', { name: term(language, `frequency.${frequency}`), exact: true }).click();
  }

  async typeAmount(amount: string): Promise<void> {
    const field = this.widget.locator('#custom-amount');
    await field.click();
    await field.fill('');
    await field.pressSequentially(amount);
  }

  /** The first choice of "Be More Extraordinary" covers the fee, the second declines. */
  async coverFee(cover: boolean): Promise<void> {
    await this.widget.locator('[part~="fee-option"]').nth(cover ? 0 : 1).click();
  }

  async addTribute(language: Language, kind: TributeKind, name: string): Promise<void> {
    await this.widget.locator('[part~="tribute"] input[type="checkbox"]').check();
    await this.widget.getByRole('radio', { name: term(language, `tribute.${kind}`), exact: true }).click();
    await this.widget.locator('#tribute-name').fill(name);
  }

  async fillDetails(name: string, email: string): Promise<void> {
    await this.widget.locator('#donor-name').fill(name);
    await this.widget.locator('#donor-email').fill(email);
  }

  /** The stand-in's card form, mounted in the element's light-DOM slot once the donor showed intent. */
  async fillCard(number: string): Promise<void> {
    await this.cardNumber.waitFor();
    await this.cardNumber.fill('');
    await this.cardNumber.pressSequentially(number);
    const year = String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0');
    await this.cardForm.locator('input[name="exp-date"]').fill(`12${year}`);
    await this.cardForm.locator('input[name="cvc"]').fill('123');
    await this.cardForm.locator('input[name="postal"]').fill('02111');
  }

  /** Donate, then wait for the outcome: the thank-you or a payment error. */
  async pressDonate(): Promise<'thanks' | 'error'> {
    await this.markShownError();
    await this.donate.click();
    return this.outcome();
  }

  /**
   * The error a previous attempt left is marked, so the outcome of the next attempt is a new message,
   * not the old one still on screen (the element removes it when the donor presses Donate again).
   */
  async markShownError(): Promise<void> {
    await this.widget.evaluate((host) => host.shadowRoot?.querySelector('#payment-error')?.setAttribute('data-seen', ''));
  }

  async outcome(): Promise<'thanks' | 'error'> {
    const thanks = this.thankYou.waitFor({ timeout: 15_000 }).then(() => 'thanks' as const);
    const error = this.widget.locator('#payment-error:not([data-seen])').waitFor({ timeout: 15_000 }).then(() => 'error' as const);
    const result = await Promise.any([thanks, error]);
    // The loser keeps waiting until its timeout; nothing depends on it.
    thanks.catch(() => undefined);
    error.catch(() => undefined);
    return result;
  }

  completions(): Promise<DonateCompleteDetail[]> {
    return this.page.evaluate(() => (window as unknown as { __miraComplete: DonateCompleteDetail[] }).__miraComplete);
  }

  async completion(): Promise<DonateCompleteDetail> {
    await this.page.waitForFunction(() => (window as unknown as { __miraComplete?: unknown[] }).__miraComplete?.length);
    return (await this.completions())[0]!;
  }

  /** The value of a text field in the shadow root, as the donor sees it. */
  value(id: string): Promise<string> {
    return this.widget.locator(`#${id}`).inputValue();
  }
}
