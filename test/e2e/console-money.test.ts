/**
 * A treasurer's money work in the console, end to end: the endpoint as `serve` starts it in demo mode
 * (its own Stripe stand-in, webhooks to its own /api/stripe/webhook), a treasurer invited from the CLI
 * who enrols with a passkey in Chromium. They record a cheque and correct it with a reason (the
 * campaign's total follows); refund part of a card gift from its page through Stripe (the total moves
 * when the stand-in's webhook arrives); and download the gifts CSV, whose amounts less refunds are
 * what the campaign raised. Every page on the way is axe-clean.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripe } from '../../src/server/stripe/client.js';
import { gift } from '../server/helpers.js';
import { cli, enrol, expectAccessible, staffBrowser, startConsoleDemo, type ConsoleDemo } from './support/console.js';

/** "12.34" in a CSV or a form, as minor units. */
const cents = (text: string) => Math.round(Number(text) * 100);

describe("a treasurer's corrections, refunds and exports", () => {
  let demo: ConsoleDemo;
  beforeAll(async () => {
    demo = await startConsoleDemo();
  });
  afterAll(() => demo?.close());
  const raised = () => demo.raised();

  /** A card gift as the widget makes it: the endpoint's PaymentIntent, paid with 4242… at the stand-in. */
  async function cardGift(amount: number, name: string, email: string) {
    const response = await fetch(`${demo.endpoint.url}/api/donations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), origin: demo.endpoint.url },
      body: JSON.stringify(gift({ gift: amount, donor: { name, email }, locale: 'en' })),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const { clientSecret } = (await response.json()) as { clientSecret: string };
    const stripe = createStripe(demo.endpoint.config.stripe);
    const paid = await stripe.paymentIntents.confirm(clientSecret.split('_secret_')[0]!, { payment_method: 'pm_card_visa' });
    expect(paid.status).toBe('succeeded');
  }

  async function signInTreasurer(): Promise<{ page: Page; close: () => Promise<void> }> {
    const invited = await cli(['staff', 'invite', 'tomas.treasurer@mira.example', '--role', 'treasurer', '--name', 'Tomás Treasurer'], demo.env);
    expect(invited.code, invited.out).toBe(0);
    const link = /(http:\/\/localhost:\d+\/console\/enrol#[\w-]+)/.exec(invited.out)?.[1];
    expect(link, invited.out).toBeDefined();
    const { context, page } = await staffBrowser(demo.browser);
    await enrol(page, link!);
    await page.getByText('Signed in as Tomás Treasurer (tomas.treasurer@mira.example), treasurer.').waitFor();
    return { page, close: () => context.close() };
  }

  it('corrects an offline gift with a reason, refunds part of a card gift, and exports CSV that adds up to the total', async () => {
    const treasurer = await signInTreasurer();
    const { page } = treasurer;
    const nav = page.getByRole('navigation', { name: 'Console' });
    try {
      // A cheque of 250.00, recorded…
      const start = await raised();
      await nav.getByRole('link', { name: 'Offline gifts' }).click();
      await page.getByRole('heading', { name: 'Offline gifts', level: 1 }).waitFor();
      await page.getByLabel('Campaign').selectOption('mira');
      await page.getByLabel('Amount').fill('250.00');
      await page.getByLabel('Day given').fill(new Date().toISOString().slice(0, 10));
      await page.getByLabel('Cheque').check();
      await page.getByLabel("Donor's name (for the receipt)").fill('Dora Alves');
      await page.getByLabel("Donor's email (for the receipt)").fill('dora@example.org');
      await page.getByRole('button', { name: 'Record the gift' }).click();
      await page.getByText("The gift is recorded and the campaign's total includes it.").waitFor();
      await expect.poll(raised, { timeout: 15_000 }).toBe(start + 25_000);

      // …was for 200.00: the treasurer opens it from the recent gifts, corrects it with a reason, and the total follows.
      await page.getByRole('region', { name: 'Recent offline gifts' }).getByRole('link', { name: 'Dora Alves' }).click();
      await page.getByRole('heading', { name: 'Gift of $250.00 from Dora Alves', level: 1 }).waitFor();
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Correct or void this offline gift' }).click();
      await page.getByRole('heading', { name: 'Offline gift of $250.00 from Dora Alves', level: 1 }).waitFor();
      await expectAccessible(page);
      const correction = page.locator('form', { has: page.getByRole('heading', { name: 'Correct it' }) });
      await expect(correction.getByLabel('Amount').inputValue()).resolves.toBe('250.00');
      await correction.getByLabel('Amount').fill('200.00');
      await correction.getByLabel('Reason').fill('The cheque was for 200.00; 250.00 was a typing slip.');
      await correction.getByRole('button', { name: 'Save the correction' }).click();
      await page.getByText('The gift is corrected and the totals follow.').waitFor();
      await expectAccessible(page);
      await expect.poll(raised, { timeout: 15_000 }).toBe(start + 20_000);
      // The gift's page now says 200.00 and keeps the reason among the changes made in the console.
      await page.getByRole('region', { name: 'Recent offline gifts' }).getByRole('link', { name: 'Dora Alves' }).click();
      await page.getByRole('heading', { name: 'Gift of $200.00 from Dora Alves', level: 1 }).waitFor();
      await page.getByText('Reason: The cheque was for 200.00; 250.00 was a typing slip.').waitFor();

      // A card gift of 40.00, then 15.00 of it refunded from its page in /console/gifts: the total
      // moves only when Stripe's (the stand-in's) webhook says the refund happened.
      await cardGift(4_000, 'Rita Card', 'rita@example.org');
      await expect.poll(raised, { timeout: 15_000 }).toBe(start + 24_000);
      await nav.getByRole('link', { name: 'Gifts', exact: true }).click();
      await page.getByRole('heading', { name: 'Gifts', level: 1 }).waitFor();
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Rita Card' }).click();
      await page.getByRole('heading', { name: 'Gift of $40.00 from Rita Card', level: 1 }).waitFor();
      await expectAccessible(page);
      await page.getByLabel('Amount to refund').fill('15.00');
      await page.getByRole('button', { name: 'Refund through Stripe' }).click();
      await page.getByText("Stripe has the refund. The campaign's total moves when Stripe confirms it.").waitFor();
      await expectAccessible(page);
      await expect.poll(raised, { timeout: 15_000 }).toBe(start + 22_500);
      // The gift's page shows the refund once the webhook has counted it, and what is left to refund.
      await page.reload();
      await expect(page.getByRole('table', { name: 'Refunds and disputes' }).getByRole('row', { name: /Refund .* \$15\.00/ }).count()).resolves.toBe(1);
      await expect(page.getByText('Leave empty to refund all that is left: $25.00.').count()).resolves.toBe(1);

      // The gifts CSV, downloaded from /console/exports: it parses, and its amounts less refunds are the campaign's raised.
      await nav.getByRole('link', { name: 'Exports' }).click();
      await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
      await expectAccessible(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^gifts-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
      const rows = parse(readFileSync((await download.path())!, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
      expect(rows.map((r) => [r.donor, r.amount, r.refunded, r.method])).toEqual(
        expect.arrayContaining([
          ['Dora Alves', '200.00', '0.00', 'cheque'],
          ['Rita Card', '40.00', '15.00', 'card'],
        ]),
      );
      const net = rows.filter((r) => r.campaign === 'mira').reduce((sum, r) => sum + cents(r.amount!) - cents(r.refunded!), 0);
      expect(net).toBe(await raised());
    } finally {
      await treasurer.close();
    }
  }, 120_000);
});
