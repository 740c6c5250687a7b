/**
 * The manage page end to end: the real endpoint in demo mode (its policy, its /manage page, its
 * /api/manage routes, the Stripe stand-in and its Stripe.js), receipts read from a real SMTP server,
 * and Chromium. A donor opens the link from their receipt, as it arrived:
 * - in Portuguese, lowers the amount, then updates the card: Stripe's subscription charges the new
 *   amount to the new card;
 * - in Spanish, cancels: Stripe's subscription is cancelled and the next renewal charges nothing;
 * - after a renewal fails (Stripe's 4000 0000 0000 0341: attaches, then its charges fail), follows the
 *   payment-failed mail's link straight to the card, updates it, and the open invoice is paid with it
 *   and counted once.
 * Without a token, the page offers to email a link, under its strict policy, with no violation.
 * The mails each scenario sent are printed beside those expected.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { StripeStandin } from '../../src/standin/index.js';
import { loadConfig } from '../../src/server/config.js';
import { startEndpoint, type Endpoint } from '../../src/server/server.js';
import { createStripe, type Stripe } from '../../src/server/stripe/client.js';
import { silentLog } from '../../src/server/log.js';
import type { DonationResponse } from '../../src/core/api.js';
import type { Language } from '../../src/core/locale.js';
import { charge, DEFAULT_FEE_RATES } from '../../src/core/fees.js';
import { launchBrowser } from './support/chromium.js';
import { startInbox, type Inbox, type Received } from '../server/mail/inbox.js';
import { mailEnv } from '../server/mail/support.js';
import en from '../../locales/manage/en.json';
import es from '../../locales/manage/es.json';
import pt from '../../locales/manage/pt.json';

// Demo mode starts its Stripe stand-in in-process; the test keeps hold of it to bill renewals, as time would.
const started = vi.hoisted(() => ({ standin: undefined as StripeStandin | undefined }));
vi.mock('../../src/standin/index.js', async (original) => {
  const module = await original<typeof import('../../src/standin/index.js')>();
  return {
    ...module,
    startStripeStandin: async (...args: Parameters<typeof module.startStripeStandin>) => (started.standin = await module.startStripeStandin(...args)),
  };
});

const MANAGE_LINK = /https?:\/\/[^\s"'<>]+\/manage#[^\s"'<>]+/;

let endpoint: Endpoint;
let standin: StripeStandin;
let stripe: Stripe;
let inbox: Inbox;
let browser: Browser;
let dir: string;
/** Per scenario: what the donor's inbox should hold, to print beside what it did. */
const mails: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mira-e2e-manage-'));
  inbox = await startInbox();
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}`,
    PORT: '0',
    RATE_LIMIT_PER_ADDRESS: '1000',
    RATE_LIMIT_PER_EMAIL: '1000',
    ...mailEnv(inbox),
  });
  [endpoint, browser] = await Promise.all([startEndpoint(config, { log: silentLog }), launchBrowser()]);
  if (endpoint.config.mode !== 'demo' || !started.standin) throw new Error('expected demo mode with its stand-in');
  standin = started.standin;
  stripe = createStripe(endpoint.config.stripe);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.close();
  await inbox?.close();
  rmSync(dir, { recursive: true, force: true });
  if (mails.length) console.log(`Mails, expected against found:\n${mails.join('\n')}`);
});

/** A monthly gift given and its first invoice paid, as the form would: the receipt is on its way. */
async function monthlyGift(language: Language, email: string, gift = 2500, coverFee = false) {
  const response = await fetch(`${endpoint.url}/api/donations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), origin: endpoint.url },
    body: JSON.stringify({ campaign: 'mira', currency: 'USD', gift, frequency: 'month', coverFee, donor: { email, name: 'Donor' }, anonymous: false, locale: language }),
  });
  if (!response.ok) throw new Error(`POST /api/donations: ${response.status} ${await response.text()}`);
  const donation = (await response.json()) as DonationResponse;
  expect((await standin.confirm(donation.clientSecret.split('_secret_')[0]!, '4242424242424242')).status).toBe('succeeded');
  await standin.settled();
  const subscription = (await stripe.subscriptions.list({ limit: 100 })).data.find((s) => s.metadata.donationId === donation.donationId)!;
  return { donation, subscription };
}

/** What the campaign has raised, as its page shows it. */
async function raised(): Promise<number> {
  const response = await fetch(`${endpoint.url}/api/campaigns/mira`, { headers: { 'cache-control': 'no-cache' } });
  return ((await response.json()) as { raised: number }).raised;
}

/** The manage link in a mail, on this endpoint (the path and fragment as the mail has them). */
function linkIn(mail: Received): string {
  const found = MANAGE_LINK.exec(mail.text) ?? MANAGE_LINK.exec(mail.html);
  if (!found) throw new Error(`no manage link in "${mail.subject}"`);
  const link = new URL(found[0].replace(/&amp;/g, '&'));
  return `${endpoint.url}${link.pathname}${link.hash}`;
}

async function openPage(url: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
  // Every refusal of the page's policy, with the script it came from.
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.log(`policy refused: ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber} ${e.blockedURI}`)),
  );
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    // The stand-in's card form puts a <style> in the page, which the policy refuses (it is left unstyled);
    // Stripe's Payment Element is an iframe of its own and puts nothing there. Only the page's own count.
    const standinJs = endpoint.config.stripe.stripeJsUrl ?? '';
    if (text.startsWith('policy refused:') && !(standinJs && text.includes(standinJs))) violations.push(text);
  });
  (page as Page & { violations?: string[] }).violations = violations;
  await page.goto(url);
  return page;
}

const manage = (page: Page) => page.locator('mira-donate-manage');

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The stand-in's card form, in the page's light DOM as Stripe's Payment Element would be. */
async function fillCard(page: Page, number: string): Promise<void> {
  const form = manage(page).locator('.mira-donate-manage-card');
  await form.locator('input[name="cardnumber"]').waitFor();
  await form.locator('input[name="cardnumber"]').pressSequentially(number);
  await form.locator('input[name="exp-date"]').fill(`12${String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0')}`);
  await form.locator('input[name="cvc"]').fill('123');
  await form.locator('input[name="postal"]').fill('02111');
}

const record = (scenario: string, expected: string[], found: Received[]) =>
  mails.push(`  ${scenario}: expected ${expected.length} (${expected.join(', ')}), found ${found.length} (${found.map((m) => `${m.language}: ${m.subject}`).join(' | ')})`);

describe('the /manage page', () => {
  it('is served under a strict policy, never cached, with no Referer, and without a link offers to email one', async () => {
    const response = await fetch(`${endpoint.url}/manage`, { headers: { 'accept-language': 'pt-BR,pt;q=0.9,en;q=0.5' } });
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).toContain('<html lang="pt">');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const browserPage = await openPage(`${endpoint.url}/manage`, 320);
    try {
      await manage(browserPage).locator('#link-email').waitFor();
      expect(await manage(browserPage).locator('h1').textContent()).toBe(en.link.heading);
      expect(await axe(browserPage)).toEqual([]);
      expect(await browserPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await manage(browserPage).locator('#link-email').fill('nobody@example.org');
      const answered = browserPage.waitForResponse((r) => r.url().endsWith('/api/manage/links'));
      await manage(browserPage).locator('#link-send').click();
      expect((await answered).status()).toBe(202);
      await expect.poll(() => manage(browserPage).locator('#link-sent').textContent()).toBe(en.link.sent);
      expect((browserPage as Page & { violations?: string[] }).violations).toEqual([]);
    } finally {
      await browserPage.context().close();
    }
  });

  it('says a tampered link does not work, in the browser\'s language, and changes nothing', async () => {
    const asked = standin.requests.length;
    const page = await openPage(`${endpoint.url}/manage#not-a-real-token`);
    try {
      await manage(page).locator('#link-email').waitFor();
      expect(await manage(page).locator('h1').textContent()).toBe(en.link.invalidHeading);
      expect(await axe(page)).toEqual([]);
      expect(standin.requests.length, 'requests to Stripe').toBe(asked);
    } finally {
      await page.context().close();
    }
  });
});

describe('a donor in Portuguese', () => {
  it('opens the link from their receipt, lowers the amount, then updates the card', async () => {
    const email = 'joao.manage@example.org';
    const { subscription } = await monthlyGift('pt', email, 2500);
    const [receipt] = await inbox.waitFor(1, email);
    expect(receipt!.language).toBe('pt');
    const page = await openPage(linkIn(receipt!));
    try {
      const el = manage(page);
      await el.locator('#gift-amount').waitFor();
      expect(await el.locator('[part~="base"]').getAttribute('lang')).toBe('pt');
      expect(await el.locator('h1').textContent()).toBe(pt.title);
      expect(await axe(page)).toEqual([]);

      await el.locator('#custom-amount').fill('15');
      await el.locator('#change-save').click();
      await el.locator('#change-done').waitFor();
      await standin.settled();
      const lowered = await stripe.subscriptions.retrieve(subscription.id);
      expect(lowered.items.data).toHaveLength(1);
      expect(lowered.items.data[0]!.price.unit_amount).toBe(1500);

      await el.locator('#card-update').click();
      await fillCard(page, '5555 5555 5555 4444');
      await el.locator('#card-save').click();
      await el.locator('#card-done').waitFor();
      expect(await el.locator('#gift-card').textContent()).toContain('4444');
      await standin.settled();
      const updated = await stripe.subscriptions.retrieve(subscription.id, { expand: ['default_payment_method'] });
      const card = updated.default_payment_method as { card?: { last4: string } } | null;
      expect(card?.card?.last4).toBe('4444');
      expect(await axe(page)).toEqual([]);
      expect((page as Page & { violations?: string[] }).violations).toEqual([]);

      // The next renewal charges the new amount to the new card.
      await standin.renewSubscription(subscription.id);
      await standin.settled();
      const invoices = standin.objects('invoice').filter((i) => i.parent?.subscription_details?.subscription === subscription.id);
      expect(invoices.at(-1)!.amount_paid).toBe(1500);

      const found = await inbox.waitFor(4, email).catch(() => inbox.to(email));
      record('Portuguese, lower then card', ['receipt', 'amount changed', 'card updated', 'renewal receipt'], found);
      expect(found.every((mail) => mail.language === 'pt')).toBe(true);
      expect(found).toHaveLength(4);
    } finally {
      await page.context().close();
    }
  });
});

describe('a donor in Spanish', () => {
  it('cancels and is not charged at the next renewal', async () => {
    const email = 'camila.manage@example.org';
    const { subscription } = await monthlyGift('es', email, 3000);
    const [receipt] = await inbox.waitFor(1, email);
    const raisedBefore = (await raised());
    const page = await openPage(linkIn(receipt!), 390);
    try {
      const el = manage(page);
      await el.locator('#gift-amount').waitFor();
      expect(await el.locator('[part~="base"]').getAttribute('lang')).toBe('es');
      await el.locator('#cancel-start').click();
      // Asked once, with the smaller steps offered first.
      expect(await el.locator('#cancel-question').textContent()).toBe(es.cancel.confirmHeading);
      expect(await el.locator('#cancel-lower').textContent()).toBe(es.cancel.lower);
      expect(await el.locator('#cancel-pause').textContent()).toBe(es.cancel.pause);
      expect(await axe(page)).toEqual([]);
      await el.locator('#cancel-yes').click();
      await el.locator('#cancel-done').waitFor();
      expect(await el.locator('#gift-status').textContent()).toBe(es.gift.status.canceled);
      expect(await axe(page)).toEqual([]);
      await standin.settled();
      expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('canceled');

      const paidBefore = standin.objects('payment_intent').filter((pi) => pi.customer === subscription.customer && pi.status === 'succeeded').length;
      await standin.renewSubscription(subscription.id).catch(() => undefined);
      await standin.settled();
      const paidAfter = standin.objects('payment_intent').filter((pi) => pi.customer === subscription.customer && pi.status === 'succeeded').length;
      expect(paidAfter).toBe(paidBefore);
      expect((await raised())).toBe(raisedBefore);

      const found = await inbox.waitFor(2, email).catch(() => inbox.to(email));
      record('Spanish, cancel', ['receipt', 'cancellation'], found);
      expect(found.every((mail) => mail.language === 'es')).toBe(true);
      expect(found).toHaveLength(2);
    } finally {
      await page.context().close();
    }
  });
});

describe('a renewal that fails', () => {
  it('mails the donor a link straight to the card; the new card pays the open invoice, counted once', async () => {
    const email = 'grace.manage@example.org';
    const gift = 4000;
    const { subscription } = await monthlyGift('en', email, gift, true);
    await inbox.waitFor(1, email);
    const raisedAfterFirst = (await raised());
    // The donor's card is now one that fails its charges (4000 0000 0000 0341, Stripe's pm_card_chargeCustomerFail).
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: String(subscription.customer) });
    await stripe.subscriptions.update(subscription.id, { default_payment_method: failing.id });
    await standin.renewSubscription(subscription.id).catch(() => undefined);
    await standin.settled();
    const failedMails = (await inbox.waitFor(2, email)).slice(1);
    const link = linkIn(failedMails[0]!);
    expect(link).toMatch(/&card$/);
    const open = standin.objects('invoice').filter((i) => i.parent?.subscription_details?.subscription === subscription.id && i.status === 'open');
    expect(open).toHaveLength(1);

    const page = await openPage(link);
    try {
      const el = manage(page);
      // Straight to the card form: the gift says why.
      await el.locator('.mira-donate-manage-card input[name="cardnumber"]').waitFor();
      expect(await el.locator('#gift-status').textContent()).toBe(en.gift.status.past_due);
      expect(await axe(page)).toEqual([]);
      await fillCard(page, '4242 4242 4242 4242');
      await el.locator('#card-save').click();
      await el.locator('#card-done').waitFor();
      await standin.settled();
      const invoice = standin.objects('invoice').find((i) => i.id === open[0]!.id)!;
      expect(invoice.status).toBe('paid');
      const { total } = charge(gift, true, DEFAULT_FEE_RATES);
      expect(invoice.amount_paid).toBe(total);
      // Counted once, by its gift (not the fee's part), however the webhooks came.
      expect((await raised())).toBe(raisedAfterFirst + gift);
      await page.reload();
      await el.locator('#gift-amount').waitFor();
      expect(await el.locator('#gift-status').textContent()).toBe(en.gift.status.active);

      const found = await inbox.waitFor(4, email).catch(() => inbox.to(email));
      record('renewal fails, card updated', ['receipt', 'payment failed', 'card updated', 'renewal receipt'], found);
      expect(found).toHaveLength(4);
    } finally {
      await page.context().close();
    }
  });
});
