/**
 * What the page around the form notices: nothing is asked of Stripe (or its stand-in) until the
 * donor shows intent, and once a gift's webhook has arrived, anyone loading the page sees it counted.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { formatMoney } from '../../src/core/money.js';
import { campaignFigures, newDonorContext, screenshot, DESKTOP, PHONE } from './support/demo.js';
import { Donor, TEST_CARDS, term } from './support/donor.js';
import { useDemo } from './support/session.js';

const e2e = useDemo();

/** Every request the donor's browser makes to Stripe or to the stand-in standing in for it. */
function watchStripe(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(e2e.demo.standinUrl) || /^https:\/\/([a-z0-9-]+\.)*stripe\.(com|network)\//.test(url)) seen.push(url);
  });
  return seen;
}

describe('before the donor shows intent', () => {
  it('nothing is requested from Stripe or its stand-in; the first touch of the form loads it', async () => {
    const context = await newDonorContext(e2e.browser);
    try {
      const stripeRequests = watchStripe(context);
      // Nothing may leave the machine, whatever happens.
      await context.route(/^https:\/\/[^/]*stripe\.(com|network)\//, (route) => route.abort());
      const donor = new Donor(await context.newPage());
      await donor.open(e2e.demo.url);
      await donor.page.waitForLoadState('networkidle');
      // Reading in another language is not a sign of intent to pay either.
      await donor.chooseLanguage('es');
      await donor.page.waitForLoadState('networkidle');
      expect(stripeRequests).toEqual([]);
      expect(await donor.cardForm.locator('input').count()).toBe(0);

      const stripeJs = donor.page.waitForRequest((request) => request.url().startsWith(`${e2e.demo.standinUrl}js/stripe.js`));
      await donor.widget.locator('#custom-amount').focus();
      await stripeJs;
      await donor.cardNumber.waitFor();
      expect(stripeRequests.some((url) => url.startsWith(`${e2e.demo.standinUrl}js/stripe.js`))).toBe(true);
      expect(stripeRequests.filter((url) => !url.startsWith(e2e.demo.standinUrl))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('hovering Donate is intent enough: the card form is there by the time the donor clicks', async () => {
    const context = await newDonorContext(e2e.browser);
    try {
      const stripeRequests = watchStripe(context);
      const donor = new Donor(await context.newPage());
      await donor.open(e2e.demo.url);
      await donor.page.waitForLoadState('networkidle');
      expect(stripeRequests).toEqual([]);
      await donor.donate.hover();
      await donor.cardNumber.waitFor();
      expect(stripeRequests.length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});

describe('the progress bar', () => {
  it('shows a fresh campaign\'s goal alone, as an invitation, in each language', async () => {
    const fresh = await campaignFigures(e2e.demo);
    expect(fresh.raised, 'nothing given yet in this file').toBe(0);
    for (const [language, viewport] of [['en', DESKTOP], ['es', PHONE], ['pt', DESKTOP]] as const) {
      const context = await newDonorContext(e2e.browser, viewport);
      try {
        const donor = new Donor(await context.newPage());
        await donor.open(e2e.demo.url);
        if (language !== 'en') await donor.chooseLanguage(language);
        const progress = donor.widget.locator('[part~="progress"]');
        const goal = formatMoney(fresh.goal, 'USD', language, { trimWhole: true });
        const shown = (await progress.innerText()).replace(/\s+/g, ' ').trim();
        expect(shown).toBe(`${term(language, 'progress.goalOnly', { goal })} ${term(language, 'progress.firstGifts')}`.replace(/\s+/g, ' '));
        expect(await donor.progressBar.getAttribute('role')).toBe(null);
        await screenshot(donor.page, `${language}-${viewport === PHONE ? 'phone' : 'desktop'}-0-fresh-campaign`);
      } finally {
        await context.close();
      }
    }
  });

  it('counts a gift at once, and on a freshly loaded page once the webhook has arrived', async () => {
    // Cheques from five donors put the campaign past what a first visitor is shown the figures for (1%, five donors).
    for (let i = 0; i < 5; i++) await e2e.demo.endpoint.ledger.recordOfflineGift({ campaign: 'mira', amount: 30_000 });
    const before = await campaignFigures(e2e.demo);
    const context = await newDonorContext(e2e.browser);
    try {
      const donor = new Donor(await context.newPage());
      await donor.open(e2e.demo.url);
      const raisedBefore = formatMoney(before.raised, 'USD', 'en', { trimWhole: true });
      expect(await donor.progressBar.getAttribute('aria-valuetext')).toContain(raisedBefore);

      await donor.typeAmount('60');
      await donor.coverFee(true);
      await donor.fillDetails('Ray Count', 'ray@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      expect(await donor.pressDonate()).toBe('thanks');
      const raisedAfter = formatMoney(before.raised + 6000, 'USD', 'en', { trimWhole: true });
      // On the donor's own page at once, before the webhook need have arrived.
      await expect.poll(() => donor.progressBar.getAttribute('aria-valuetext')).toContain(raisedAfter);
    } finally {
      await context.close();
    }

    // The ledger counts the gift, not the fee the donor covered, once the webhook is in.
    await expect.poll(async () => (await campaignFigures(e2e.demo)).raised, { timeout: 10_000 }).toBe(before.raised + 6000);

    for (const [language, viewport] of [['en', DESKTOP], ['pt', PHONE]] as const) {
      const fresh = await newDonorContext(e2e.browser, viewport);
      try {
        const reader = new Donor(await fresh.newPage());
        await reader.open(e2e.demo.url);
        if (language !== 'en') await reader.chooseLanguage(language);
        const raised = formatMoney(before.raised + 6000, 'USD', language, { trimWhole: true });
        expect(await reader.progressBar.getAttribute('aria-valuetext')).toContain(raised);
        expect(await reader.widget.locator('[part~="progress"]').innerText()).toContain(term(language, 'progress.raised', { raised }));
        await screenshot(reader.page, `${language}-${viewport === PHONE ? 'phone' : 'desktop'}-5-progress-after-gift`);
      } finally {
        await fresh.close();
      }
    }
  });
});
