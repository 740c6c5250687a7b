/**
 * The pasted script's cost to a member organization's page:
 * - sizes, raw, gzip -9 and brotli: dist/mira-donate.js, everything a page loads before the donor's
 *   first intent (budget 27 KB gzip), and its bytes by module (lit, i18next, the translator, strings,
 *   templates, styles, controllers…, attributed through a source map of the same build);
 *   dist/mira-donate-intent.js, imported on the first intent (validation and the payment step;
 *   Stripe.js itself comes after, from Stripe), by module too; the two together; and each other
 *   language's strings, loaded when the form speaks it;
 * - requests before intent, on a page served from a stand-in origin: the script only, and the chunk
 *   only once a field is focused;
 * - time from <mira-donate> being appended to its first complete render (updateComplete resolved
 *   and laid out) in headless Chromium, median of many runs, budget one frame (16 ms).
 * Run after `npm run build` (`npm run bench` does both).
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../test/e2e/support/chromium.js';
import { buildBundle, type Bundle } from '../test/build/bundles.js';

const SCRIPT = fileURLToPath(new URL('../dist/mira-donate.js', import.meta.url));
const CHUNK = fileURLToPath(new URL('../dist/mira-donate-intent.js', import.meta.url));
const LANGUAGES = ['es', 'pt'].map((language) => fileURLToPath(new URL(`../dist/mira-donate-strings-${language}.js`, import.meta.url)));
const GZIP_BUDGET = 27 * 1024;
const CHUNK_GZIP_BUDGET = 16 * 1024;
const LANGUAGE_GZIP_BUDGET = 2 * 1024;
const RENDER_BUDGET_MS = 16;
const RUNS = 150;
const WARMUP = 10;
/** Fresh pages for the cold figure: the first element on a page also pays for compiling the script. */
const COLD_PAGES = 20;
/** A made-up origin the browser is served from by Playwright's routing: nothing leaves the machine. */
const ORIGIN = 'https://widget.bench.test';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const line = (name: string, value: string, budget = '', ok = true) =>
  console.log(`${name.padEnd(60)} ${value.padStart(17)}  ${budget ? `${budget.padEnd(14)} ${ok ? 'ok' : 'OVER BUDGET'}` : ''}`);

for (const file of [SCRIPT, CHUNK, ...LANGUAGES]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run npm run build first.`);
    process.exit(1);
  }
}

/** Modules by what they are, first match wins; a path from the project root (see test/build/bundles.ts). */
type Groups = [name: string, test: RegExp][];
const FIRST_LOAD_GROUPS: Groups = [
  ['lit', /^node_modules\/(lit|lit-html|lit-element|@lit\/)/],
  ['i18next', /^node_modules\/i18next\//],
  ['translator (i18next instance)', /^src\/widget\/translate\.ts$/],
  ['strings (English) and glue', /^$|^locales\/|^src\/widget\/(terms|languages\/)/],
  ['templates', /^src\/widget\/templates\//],
  ['styles', /\.styles\.ts$/],
  ['controllers', /^src\/widget\/controllers\//],
  ['component and entry', /^src\/widget\/(mira-donate|register|loads)/],
  ['form state, draft, presets, endpoint', /^src\/widget\//],
  ['core (money, fees, locale)', /^src\/core\//],
  ['other packages', /./],
];
const CHUNK_GROUPS: Groups = [
  ['valibot (validation)', /^node_modules\/valibot\//],
  ["Stripe's loader", /^node_modules\/@stripe\//],
  ['strings (3 languages) and glue', /^$|^locales\/|terms\.ts$/],
  ['payment step', /^src\/widget\/first-intent\/payment\//],
  ['templates (errors, tribute, thank-you)', /^src\/widget\/first-intent\/(templates\/|html\.ts)/],
  ['rest of the chunk', /^src\/widget\/first-intent\//],
  ['core (schema, errors)', /^src\/core\//],
  ['other packages', /./],
];

/** Each group's share of a bundle: its minified bytes, and those alone compressed (so the column sums to a little more than the file). */
function byModule(label: string, bundle: Bundle, groups: Groups): void {
  const texts = new Map<string, string>(groups.map(([name]) => [name, '']));
  for (const [source, text] of bundle.bySource) {
    const [name] = groups.find(([, test]) => test.test(source))!;
    texts.set(name, texts.get(name)! + text);
  }
  for (const [name, text] of texts) {
    if (!text) continue;
    const size = sizes(Buffer.from(text));
    console.log(`${`  ${label}: ${name}`.padEnd(60)} ${`${kb(size.gzip)} / ${kb(size.brotli)}`.padStart(17)}  gzip / brotli alone, ${kb(size.raw)} raw`);
  }
}

const sizes = (bytes: Buffer) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const source = readFileSync(SCRIPT);
const chunkSource = readFileSync(CHUNK);
const first = sizes(source);
const chunk = sizes(chunkSource);
const languages = LANGUAGES.map((file) => sizes(readFileSync(file)));
const firstOk = first.gzip <= GZIP_BUDGET;
const chunkOk = chunk.gzip <= CHUNK_GZIP_BUDGET;
const languagesOk = languages.every((size) => size.gzip <= LANGUAGE_GZIP_BUDGET);
const sizeOk = firstOk && chunkOk && languagesOk;
line('first load: dist/mira-donate.js raw', kb(first.raw));
line('first load: dist/mira-donate.js gzip -9', kb(first.gzip), `≤ ${kb(GZIP_BUDGET)}`, firstOk);
line('first load: dist/mira-donate.js brotli', kb(first.brotli));
byModule('first load', await buildBundle('production'), FIRST_LOAD_GROUPS);
line('first intent: dist/mira-donate-intent.js raw', kb(chunk.raw));
line('first intent: dist/mira-donate-intent.js gzip -9', kb(chunk.gzip), `≤ ${kb(CHUNK_GZIP_BUDGET)}`, chunkOk);
line('first intent: dist/mira-donate-intent.js brotli', kb(chunk.brotli));
byModule('first intent', await buildBundle('intent'), CHUNK_GROUPS);
line('after the first intent, both: gzip -9', kb(first.gzip + chunk.gzip));
line('after the first intent, both: brotli', kb(first.brotli + chunk.brotli));
['es', 'pt'].forEach((language, index) =>
  line(`on switching: mira-donate-strings-${language}.js gzip -9 / brotli`, `${kb(languages[index]!.gzip)} / ${kb(languages[index]!.brotli)}`, `≤ ${kb(LANGUAGE_GZIP_BUDGET)}`, languages[index]!.gzip <= LANGUAGE_GZIP_BUDGET),
);

const browser = await launchBrowser();
let renderOk = false;
let requestsOk = false;
try {
  // Before intent the page loads the script and nothing else of ours (no chunk, no Stripe.js);
  // focusing a field brings the chunk.
  {
    const page = await browser.newPage();
    const requested: string[] = [];
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      requested.push(path);
      const body = path === '/' ? '<!doctype html><html lang="en"><body><mira-donate endpoint="" goal="100000"></mira-donate><script src="/mira-donate.js" defer></script></body></html>'
        : path === '/mira-donate.js' ? source
        : path === '/mira-donate-intent.js' ? chunkSource
        : undefined;
      if (body === undefined) return route.fulfill({ status: 404 });
      return route.fulfill({ body, contentType: path === '/' ? 'text/html' : 'text/javascript', headers: { 'access-control-allow-origin': '*' } });
    });
    await page.route(/stripe/, (route) => {
      requested.push(route.request().url());
      return route.abort();
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => !!document.querySelector('mira-donate')?.shadowRoot?.querySelector('#custom-amount'));
    await page.waitForTimeout(200);
    const before = [...requested];
    await page.evaluate(() => (document.querySelector('mira-donate')!.shadowRoot!.querySelector('#custom-amount') as HTMLElement).focus());
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('mira-donate-intent.js')));
    const after = requested.slice(before.length);
    requestsOk = before.join(' ') === '/ /mira-donate.js' && after.join(' ') === '/mira-donate-intent.js';
    line('requests before the first intent', `${before.length - 1}`, '= 1 (script)', requestsOk);
    line('  of them to Stripe or for the intent chunk', `${before.filter((url) => /stripe|intent/.test(url)).length}`, '= 0', requestsOk);
    line('requests on the first intent (focus)', after.join(' ') || 'none');
    await page.close();
  }

  const script = source.toString('utf8');
  const openPage = async () => {
    const page = await browser.newPage({ viewport: { width: 480, height: 900 } });
    await page.setContent('<!doctype html><html lang="en"><body style="font-family: system-ui"><main></main></body></html>');
    await page.addScriptTag({ content: script });
    return page;
  };
  /** Creating the element is inside the timing: on a real page the parser creates it as it adds it. */
  const renderTimes = (page: Awaited<ReturnType<typeof openPage>>, runs: number) =>
    page.evaluate(
      async ({ runs }) => {
        const main = document.querySelector('main')!;
        // Static figures and no endpoint: the render measured is the element's own, not the network's.
        const attributes = { campaign: 'mira', endpoint: '', goal: '100000', raised: '1086.95', donors: '23' };
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const start = performance.now();
          const el = document.createElement('mira-donate') as HTMLElement & { updateComplete: Promise<boolean> };
          for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
          main.append(el);
          await el.updateComplete;
          void el.shadowRoot!.querySelector('[part~="submit-button"]')!.getBoundingClientRect();
          times.push(performance.now() - start);
          el.remove();
        }
        return times;
      },
      { runs },
    );
  const cold: number[] = [];
  for (let i = 0; i < COLD_PAGES; i++) {
    const page = await openPage();
    cold.push(...(await renderTimes(page, 1)));
    await page.close();
  }
  const page = await openPage();
  const warm = (await renderTimes(page, RUNS + WARMUP)).slice(WARMUP);
  const quantile = (times: number[], q: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(q * times.length))];
  renderOk = quantile(warm, 0.5) <= RENDER_BUDGET_MS;
  line(`first render, median of ${warm.length}`, `${quantile(warm, 0.5).toFixed(2)} ms`, `≤ ${RENDER_BUDGET_MS} ms`, renderOk);
  line(`first render, p90 of ${warm.length}`, `${quantile(warm, 0.9).toFixed(2)} ms`);
  line(`first element on a fresh page, median of ${COLD_PAGES}`, `${quantile(cold, 0.5).toFixed(2)} ms`);
  line(`first element on a fresh page, p90 of ${COLD_PAGES}`, `${quantile(cold, 0.9).toFixed(2)} ms`);
} finally {
  await browser.close();
}

process.exit(sizeOk && renderOk && requestsOk ? 0 : 1);
