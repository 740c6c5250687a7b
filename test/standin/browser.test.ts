/**
 * The Stripe.js stand-in in real Chromium: a page on another origin loads it through
 * `@stripe/stripe-js/pure`, mounts the card form, and pays (or is declined) against the stand-in.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../e2e/support/chromium.js';
import { firstInvoiceSecret, monthlyGift, startRig, type Rig } from './helpers.js';

/** The page's script: what the widget does, reduced to the calls it makes. */
const PAGE_SCRIPT = `
import { loadStripe } from '@stripe/stripe-js/pure';
let stripe, elements;
window.start = async (publishableKey, locale, amount, mode = 'payment') => {
  stripe = await loadStripe(publishableKey);
  elements = stripe.elements({ mode, amount, currency: 'usd', locale, appearance: { variables: { colorPrimary: '#7a1f5c', borderRadius: '10px' } } });
  const element = elements.create('payment');
  const ready = new Promise((resolve) => element.on('ready', resolve));
  element.on('change', (e) => { document.body.dataset.complete = String(e.complete); });
  element.on('focus', () => { document.body.dataset.focused = 'yes'; });
  element.on('blur', () => { document.body.dataset.focused = 'no'; });
  element.mount('#payment');
  await ready;
  return true;
};
window.update = (options) => elements.update(options);
window.retrieve = async (publishableKey, clientSecret) => {
  const result = await (await loadStripe(publishableKey)).retrievePaymentIntent(clientSecret);
  return result.paymentIntent ? result.paymentIntent.status : result.error.message;
};
window.pay = async (clientSecret) => {
  const out = document.querySelector('#result');
  const submitted = await elements.submit();
  if (submitted.error) { out.textContent = 'invalid: ' + submitted.error.message; return submitted.error; }
  const result = await stripe.confirmPayment({ elements, clientSecret, confirmParams: { return_url: location.href }, redirect: 'if_required' });
  out.textContent = result.error ? result.error.message : 'paid: ' + result.paymentIntent.status;
  return result.error ?? { status: result.paymentIntent.status };
};
window.saveCard = async (clientSecret) => {
  const submitted = await elements.submit();
  if (submitted.error) return submitted.error;
  const result = await stripe.confirmSetup({ elements, clientSecret, confirmParams: { return_url: location.href }, redirect: 'if_required' });
  const retrieved = result.setupIntent && (await stripe.retrieveSetupIntent(clientSecret)).setupIntent;
  return result.error ?? { status: result.setupIntent.status, retrieved: retrieved.status };
};
`;

let browser: Browser;
let pageServer: Server;
let pageScript: string;
let rig: Rig;
let page: Page;

beforeAll(async () => {
  const bundled = await build({ stdin: { contents: PAGE_SCRIPT, resolveDir: process.cwd(), loader: 'js' }, bundle: true, write: false, format: 'esm' });
  pageScript = bundled.outputFiles[0]!.text;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  rig = await startRig();
  // The donate page lives on its own origin, as a member organization's site would.
  pageServer = createServer((req, res) => {
    if (req.url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(pageScript);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><title>Donate</title>
      <script src="${rig.standin.url}/js/stripe.js"></script><script type="module" src="/page.js"></script></head>
      <body><main><div id="payment"></div><p id="result" aria-live="polite"></p></main></body></html>`);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  // A page from its own context, as @axe-core/playwright needs.
  const context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page]', error.message));
  await page.goto(`http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'pay' in window);
});

afterEach(async () => {
  await page?.context().close();
  pageServer.closeAllConnections();
  await new Promise((resolve) => pageServer.close(resolve));
  await rig.close();
});

async function mount(locale: string, mode: 'payment' | 'subscription' = 'payment'): Promise<void> {
  await page.evaluate(
    ([pk, l, m]) => (window as unknown as { start(pk: string, l: string, a: number, m: string): Promise<boolean> }).start(pk!, l!, 5_000, m!),
    [rig.standin.publishableKey, locale, mode],
  );
}

async function fillCard(number: string, labels = { number: 'Card number', expiry: 'Expiration date', cvc: 'Security code', zip: 'ZIP code' }): Promise<void> {
  await page.getByLabel(labels.number).fill('');
  await page.getByLabel(labels.number).pressSequentially(number);
  await page.getByLabel(labels.expiry).pressSequentially('1234');
  await page.getByLabel(labels.cvc).pressSequentially('123');
  await page.getByLabel(labels.zip).fill('02111');
}

async function pay(clientSecret: string): Promise<Record<string, unknown>> {
  return page.evaluate((secret) => (window as unknown as { pay(s: string): Promise<Record<string, unknown>> }).pay(secret), clientSecret);
}

async function newGift(): Promise<Stripe.PaymentIntent> {
  return rig.stripe.paymentIntents.create({ amount: 5_000, currency: 'usd', automatic_payment_methods: { enabled: true }, metadata: { campaign: 'mira' } });
}

describe('the Payment Element stand-in', () => {
  it('mounts a labelled card form marked as the stand-in, styled from the appearance', async () => {
    await mount('en');
    expect(await page.getByText('Card form stand-in (demo)').isVisible()).toBe(true);
    for (const label of ['Card number', 'Expiration date', 'Security code', 'ZIP code']) {
      expect(await page.getByLabel(label).count()).toBe(1);
    }
    const radius = await page.getByLabel('Card number').evaluate((input) => getComputedStyle(input).borderTopLeftRadius);
    expect(radius).toBe('10px');
  });

  it('pays with 4242 4242 4242 4242, and the webhook hears of it', async () => {
    await mount('en');
    const gift = await newGift();
    await fillCard('4242424242424242');
    expect(await page.getByLabel('Card number').inputValue()).toBe('4242 4242 4242 4242');
    expect(await page.getByLabel('Expiration date').inputValue()).toBe('12 / 34');
    // Elements' own events, as the widget listens to them.
    expect(await page.evaluate(() => [document.body.dataset.complete, document.body.dataset.focused])).toEqual(['true', 'yes']);
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    expect(await page.evaluate(() => document.body.dataset.focused)).toBe('no');
    expect(await pay(gift.client_secret!)).toEqual({ status: 'succeeded' });
    expect(await page.locator('#result').textContent()).toBe('paid: succeeded');
    await rig.standin.settled();
    const succeeded = rig.receiver.events.filter((e) => e.type === 'payment_intent.succeeded');
    expect(succeeded.map((e) => (e.data.object as Stripe.PaymentIntent).id)).toEqual([gift.id]);
  });

  it('pays a monthly gift\'s first invoice from its confirmation secret, which makes the subscription active', async () => {
    await mount('pt-BR', 'subscription');
    const subscription = await monthlyGift(rig, { amount: 5_000 });
    const secret = firstInvoiceSecret(subscription);
    await fillCard('5555555555554444', { number: 'Número do cartão', expiry: 'Data de validade', cvc: 'Código de segurança', zip: 'CEP' });
    expect(await pay(secret)).toEqual({ status: 'succeeded' });
    await rig.standin.settled();
    expect((await rig.stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
    expect(rig.receiver.events.filter((e) => e.type === 'invoice.paid')).toHaveLength(1);
  });

  it('saves a new card with confirmSetup (the manage page\'s card update), charging nothing; a declined card is told in the donor\'s language', async () => {
    await page.evaluate(([pk]) => (window as unknown as { start(pk: string, l: string, a: number, m: string): Promise<boolean> }).start(pk!, 'es', 0, 'setup'), [rig.standin.publishableKey]);
    const subscription = await monthlyGift(rig);
    const intent = await rig.stripe.setupIntents.create({ customer: subscription.customer as string, usage: 'off_session' });
    const labels = { number: 'Número de tarjeta', expiry: 'Fecha de vencimiento', cvc: 'Código de seguridad', zip: 'Código postal' };
    const save = () => page.evaluate((secret) => (window as unknown as { saveCard(s: string): Promise<Record<string, unknown>> }).saveCard(secret), intent.client_secret!);
    await fillCard('4000000000000002', labels);
    expect(await save()).toMatchObject({ type: 'card_error', code: 'card_declined', message: 'Tu tarjeta fue rechazada.' });
    await page.getByLabel(labels.number).fill('');
    await page.getByLabel(labels.number).pressSequentially('4000000000000341');
    expect(await save()).toEqual({ status: 'succeeded', retrieved: 'succeeded' });
    const saved = await rig.stripe.setupIntents.retrieve(intent.id, { expand: ['payment_method'] });
    expect((saved.payment_method as Stripe.PaymentMethod).card).toMatchObject({ last4: '0341' });
    expect(rig.standin.stats().succeededPayments).toBe(0);
  });

  it('shows a decline in Spanish, keeps the card form, and pays on a second try', async () => {
    await mount('es');
    const labels = { number: 'Número de tarjeta', expiry: 'Fecha de vencimiento', cvc: 'Código de seguridad', zip: 'Código postal' };
    const gift = await newGift();
    await fillCard('4000000000000002', labels);
    const declined = await pay(gift.client_secret!);
    expect(declined).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
    expect(await page.locator('#result').textContent()).toBe('Tu tarjeta fue rechazada.');
    expect(await page.getByLabel(labels.zip).inputValue()).toBe('02111');
    expect((await rig.stripe.paymentIntents.retrieve(gift.id)).status).toBe('requires_payment_method');

    await page.getByLabel(labels.number).fill('');
    await page.getByLabel(labels.number).pressSequentially('4242424242424242');
    expect(await pay(gift.client_secret!)).toEqual({ status: 'succeeded' });
    expect(rig.standin.stats().succeededPayments).toBe(1);
  });

  it('refuses an incomplete card before anything is sent, marking the field and announcing why (Portuguese)', async () => {
    await mount('pt-BR');
    const requestsBefore = rig.standin.requests.length;
    await page.getByLabel('Número do cartão').pressSequentially('4242 4242');
    const result = await pay('pi_unused_secret_unused');
    expect(result).toMatchObject({ type: 'validation_error', code: 'incomplete_number' });
    const number = page.getByLabel('Número do cartão');
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    const errorId = await number.getAttribute('aria-describedby');
    const error = page.locator(`#${errorId}`);
    expect(await error.textContent()).toBe('O número do seu cartão está incompleto.');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await page.getByLabel('CEP').getAttribute('aria-invalid')).toBe('true');
    expect(rig.standin.requests.length).toBe(requestsBefore);
  });

  it('follows elements.update() to another language, keeping what was typed', async () => {
    await mount('en');
    await page.getByLabel('Card number').pressSequentially('4242');
    await page.evaluate(() => (window as unknown as { update(o: object): void }).update({ locale: 'es', amount: 7_500 }));
    expect(await page.getByLabel('Número de tarjeta').inputValue()).toBe('4242');
    expect(await page.getByText('Simulación del formulario de tarjeta (demo)').isVisible()).toBe(true);
  });

  it('sends the donor to authenticate and back, with the outcome in the URL (4000 0027 6000 3184)', async () => {
    await mount('en');
    const gift = await newGift();
    await fillCard('4000002760003184');
    const pageUrl = page.url();
    // confirmPayment leaves the page here, so its promise is not awaited.
    await page.evaluate((secret) => void (window as unknown as { pay(s: string): Promise<unknown> }).pay(secret), gift.client_secret!);
    await page.waitForURL(/\/authorize\//);
    expect(await page.getByText('Test mode — no real payment').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.searchParams.has('redirect_status'));
    const back = new URL(page.url());
    expect(back.origin).toBe(new URL(pageUrl).origin);
    expect(back.searchParams.get('redirect_status')).toBe('succeeded');
    expect(back.searchParams.get('payment_intent')).toBe(gift.id);
    await page.waitForFunction(() => 'retrieve' in window);
    const status = await page.evaluate(
      ([pk, secret]) => (window as unknown as { retrieve(pk: string, s: string): Promise<string> }).retrieve(pk!, secret!),
      [rig.standin.publishableKey, back.searchParams.get('payment_intent_client_secret')!],
    );
    expect(status).toBe('succeeded');
  });

  for (const locale of ['en', 'es', 'pt-BR']) {
    it(`has no axe violations, empty or showing errors (${locale})`, async () => {
      await mount(locale);
      const empty = await new AxeBuilder({ page }).include('#payment').analyze();
      expect(empty.violations.map((v) => v.id)).toEqual([]);
      await pay('pi_unused_secret_unused');
      const withErrors = await new AxeBuilder({ page }).include('#payment').analyze();
      expect(withErrors.violations.map((v) => v.id)).toEqual([]);
      expect(await page.locator('#payment [aria-invalid="true"]').count()).toBe(4);
    });
  }
});
