/**
 * The payment step's cost to a member organization's page, measured on the demo page served by the
 * endpoint in demo mode (`serve` with no Stripe keys), in headless Chromium:
 * - requests to Stripe or its stand-in before the donor shows intent (budget 0);
 * - bytes of the widget (mira-donate*.js) the page loads before intent, gzip -9 (budget 27 KB, the
 *   element's first-load budget) and as transferred;
 * - time from the donor's first intent (focusing the amount) to the Payment Element's `ready`, median
 *   and p90: on a first visit (new browser context, nothing cached) and on a return visit (HTTP cache
 *   warm). No budget: reported.
 * Run after `npm run build` (`npm run bench` does both).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/support/chromium.js';
import { startDemo, type Demo } from '../test/e2e/support/demo.js';

const GZIP_BUDGET = 27 * 1024;
const RUNS = 40;
const WARMUP = 3;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const line = (name: string, value: string, budget = '', ok = true) =>
  console.log(`${name.padEnd(62)} ${value.padStart(10)}  ${budget ? `${budget.padEnd(10)} ${ok ? 'ok' : 'OVER BUDGET'}` : ''}`);
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

for (const file of ['../dist/mira-donate.js', '../dist/mira-donate-intent.js']) {
  if (!existsSync(fileURLToPath(new URL(file, import.meta.url)))) {
    console.error(`${file} is missing: run npm run build first.`);
    process.exit(1);
  }
}

/**
 * Stamps the Payment Element's `ready` on window, so the element's own event is what is timed:
 * window.Stripe is wrapped once the stand-in script that defines it has run. (Defining window.Stripe
 * any earlier would tell the widget Stripe.js is already there.) The widget continues only after the
 * script's load event; a capturing listener on the document runs before it.
 */
const STAMP_READY = `
  (() => {
    const wrap = () => {
      const original = window.Stripe;
      if (!original || original.__stamped) return;
      const wrapped = function (...args) {
        const stripe = original.apply(this, args);
        const elements = stripe.elements.bind(stripe);
        stripe.elements = (...options) => {
          const group = elements(...options);
          const create = group.create.bind(group);
          group.create = (...createArgs) => {
            const element = create(...createArgs);
            element.on('ready', () => { window.__paymentReady ??= performance.now(); });
            return element;
          };
          return group;
        };
        return stripe;
      };
      Object.assign(wrapped, original, { __stamped: true });
      window.Stripe = wrapped;
    };
    // Capture runs before the script's own load listeners, and so before the widget calls Stripe().
    document.addEventListener('load', (event) => {
      const script = event.target;
      if (script instanceof HTMLScriptElement && script.src.includes('/js/stripe.js')) wrap();
    }, true);
  })();
`;

const isStripe = (demo: Demo, url: string) => url.startsWith(demo.standinUrl) || /^https:\/\/([a-z0-9-]+\.)*stripe\.(com|network)\//.test(url);
const isWidgetScript = (url: string) => /^\/mira-donate[^/]*\.js$/.test(new URL(url).pathname);

/** The demo page, loaded until the form and the campaign's figures are shown. */
async function openDemo(page: Page, demo: Demo): Promise<void> {
  await page.goto(demo.url);
  await page.locator('mira-donate [part~="progress-bar"][aria-valuetext]').waitFor();
}

/** The donor focuses the amount; resolves to the milliseconds until the Payment Element is ready. */
async function intentToReady(page: Page): Promise<number> {
  const start = await page.evaluate(() => {
    const start = performance.now();
    document.querySelector('mira-donate')!.shadowRoot!.querySelector<HTMLElement>('#custom-amount')!.focus();
    return start;
  });
  const ready = await page.waitForFunction(() => (window as unknown as { __paymentReady?: number }).__paymentReady, undefined, { timeout: 15_000 });
  return ((await ready.jsonValue()) as number) - start;
}

async function beforeIntent(browser: Browser, demo: Demo) {
  const context = await browser.newContext();
  try {
    await context.route(/^https:\/\/[^/]*stripe\.(com|network)\//, (route) => route.abort());
    const page = await context.newPage();
    const stripeRequests: string[] = [];
    const widgetResponses: Array<Promise<{ url: string; body: Buffer; transferred: number }>> = [];
    let intent = false;
    page.on('request', (request) => {
      if (!intent && isStripe(demo, request.url())) stripeRequests.push(request.url());
    });
    page.on('response', (response) => {
      if (!intent && isWidgetScript(response.url())) {
        widgetResponses.push(
          (async () => ({ url: response.url(), body: await response.body(), transferred: (await response.request().sizes()).responseBodySize })) (),
        );
      }
    });
    await openDemo(page, demo);
    await page.waitForLoadState('networkidle');
    const before = [...stripeRequests];
    const scripts = await Promise.all(widgetResponses);
    intent = true;
    // The figure means something only if the same page does load the stand-in on intent.
    const stripeJs = page.waitForRequest((request) => request.url().startsWith(`${demo.standinUrl}js/stripe.js`), { timeout: 15_000 });
    await page.locator('mira-donate #custom-amount').focus();
    await stripeJs;
    return { before, scripts };
  } finally {
    await context.close();
  }
}

async function timings(browser: Browser, demo: Demo) {
  const firstVisit: number[] = [];
  const returnVisit: number[] = [];
  let returning: BrowserContext | undefined;
  try {
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const context = await browser.newContext();
      await context.addInitScript(STAMP_READY);
      const page = await context.newPage();
      await openDemo(page, demo);
      const time = await intentToReady(page);
      if (i >= WARMUP) firstVisit.push(time);
      await context.close();
    }
    returning = await browser.newContext();
    await returning.addInitScript(STAMP_READY);
    const page = await returning.newPage();
    for (let i = 0; i < WARMUP + RUNS; i++) {
      await openDemo(page, demo);
      const time = await intentToReady(page);
      if (i >= WARMUP) returnVisit.push(time);
    }
  } finally {
    await returning?.close();
  }
  return { firstVisit, returnVisit };
}

const demo = await startDemo();
const browser = await launchBrowser();
let ok = false;
try {
  const { before, scripts } = await beforeIntent(browser, demo);
  const requestsOk = before.length === 0;
  line('requests to Stripe or its stand-in before intent', String(before.length), '= 0', requestsOk);
  for (const url of before) console.log(`  ${url}`);

  const gzip = scripts.reduce((sum, s) => sum + gzipSync(s.body, { level: 9 }).length, 0);
  const raw = scripts.reduce((sum, s) => sum + s.body.length, 0);
  const transferred = scripts.reduce((sum, s) => sum + s.transferred, 0);
  const sizeOk = gzip <= GZIP_BUDGET && scripts.length > 0;
  line(`widget before intent (${scripts.map((s) => new URL(s.url).pathname).join(' ')}) gzip -9`, kb(gzip), `≤ ${kb(GZIP_BUDGET)}`, sizeOk);
  line('  raw', kb(raw));
  line('  as transferred by the endpoint', kb(transferred));

  const { firstVisit, returnVisit } = await timings(browser, demo);
  line(`intent → Payment Element ready, first visit, median of ${firstVisit.length}`, ms(quantile(firstVisit, 0.5)));
  line(`intent → Payment Element ready, first visit, p90 of ${firstVisit.length}`, ms(quantile(firstVisit, 0.9)));
  line(`intent → Payment Element ready, return visit, median of ${returnVisit.length}`, ms(quantile(returnVisit, 0.5)));
  line(`intent → Payment Element ready, return visit, p90 of ${returnVisit.length}`, ms(quantile(returnVisit, 0.9)));
  ok = requestsOk && sizeOk;
} finally {
  await browser.close();
  await demo.close();
}
process.exit(ok ? 0 : 1);
