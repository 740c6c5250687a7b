/**
 * The manage page: time from opening the link in a receipt to the page showing the gift, in demo
 * mode (`serve` with no Stripe keys) in headless Chromium. A monthly gift is given on the demo page
 * as a donor gives it; its receipt's link is read from the demo's /outbox; then the link is opened
 * in a new browser (nothing cached) RUNS times, each timed from navigation start to the gift's amount
 * rendered. Median and p90; no budget. Also the script's size (dist/mira-donate-manage.js, gzip -9),
 * which the form's first load never loads. Run after `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../test/e2e/support/chromium.js';
import { startDemo, type Demo } from '../test/e2e/support/demo.js';
import { Donor, TEST_CARDS } from '../test/e2e/support/donor.js';

const RUNS = Number(process.env.MANAGE_RUNS ?? 21);
const WARMUP = 2;
const SCRIPT = fileURLToPath(new URL('../dist/mira-donate-manage.js', import.meta.url));

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const line = (name: string, value: string) => console.log(`${name.padEnd(62)} ${value.padStart(10)}`);
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

for (const file of [SCRIPT, fileURLToPath(new URL('../dist/mira-donate.js', import.meta.url))]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run npm run build first.`);
    process.exit(1);
  }
}

const unescape = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');

/** The manage link in the demo's kept receipt, once the outbox has written it. */
async function receiptLink(demo: Demo): Promise<string> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const outbox = unescape(await (await fetch(`${demo.url}/outbox`)).text());
    const found = /https?:\/\/[^\s"'<>]+\/manage#[^\s"'<>]+/.exec(outbox);
    if (found) {
      const link = new URL(found[0]);
      return `${demo.url}${link.pathname}${link.hash}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no manage link in the receipt: does the endpoint put one in recurring gifts\' receipts (/api/manage, issue 10)?');
}

/** A monthly gift as GET /api/manage/gift answers it: for the page's own share of the time, the endpoint's answer taken away. */
const GIFT = {
  gift: {
    campaign: { id: 'mira', name: { en: 'State policy work' } },
    currency: 'USD', gift: 2500, coverFee: false, fee: 0, total: 2500, frequency: 'month', status: 'active',
    card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 }, nextPaymentAt: '2027-01-01', locale: 'en',
    payments: [{ date: '2026-12-01T12:00:00.000Z', amount: 2500, status: 'paid' }],
  },
  minimum: 500, maximum: 10_000_000, feeRates: { basisPoints: 220, fixed: 30 }, mode: 'demo', publishableKey: 'pk_test_demo',
};

/** Opens `link` in a new browser RUNS times (after WARMUP): milliseconds from navigation start to the first frame with the gift's amount. */
async function timeLink(link: string, stubbed: boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const context = await browser.newContext();
    if (stubbed) await context.route('**/api/manage/gift', (route) => route.fulfill({ json: GIFT }));
    const page = await context.newPage();
    await page.goto(link, { waitUntil: 'commit' });
    const shown = await page.waitForFunction(
      () => (document.querySelector('mira-donate-manage')?.shadowRoot?.querySelector('#gift-amount') ? performance.now() : 0),
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
    if (i >= WARMUP) times.push((await shown.jsonValue()) as number);
    await context.close();
  }
  return times;
}

const report = (what: string, times: number[]) => {
  line(`${what}, median of ${times.length}`, ms(quantile(times, 0.5)));
  line(`${what}, p90 of ${times.length}`, ms(quantile(times, 0.9)));
};

const demo = await startDemo();
const browser = await launchBrowser();
let ok = false;
try {
  const script = readFileSync(SCRIPT);
  line("dist/mira-donate-manage.js gzip -9 (never on the form's first load)", kb(gzipSync(script, { level: 9 }).length));
  report("link opened → gift shown, the endpoint's answer stubbed", await timeLink(`${demo.url}/manage#bench-token`, true));

  const giving = await browser.newContext();
  const donor = new Donor(await giving.newPage());
  await donor.open(demo.url);
  await donor.chooseFrequency('en', 'month');
  await donor.typeAmount('25');
  await donor.fillDetails('Grace Hopper', 'grace@example.org');
  await donor.fillCard(TEST_CARDS.visa);
  if ((await donor.pressDonate()) !== 'thanks') throw new Error('the monthly gift did not go through');
  await giving.close();
  report('link opened (from the receipt) → gift shown, demo mode', await timeLink(await receiptLink(demo), false));
  ok = true;
} finally {
  await browser.close();
  await demo.close();
}
process.exit(ok ? 0 : 1);
