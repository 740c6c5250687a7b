/**
 * Where code loads, as the build makes it: the first-load script (dist/mira-donate.js) a page loads
 * with the form, and the first-intent chunk (dist/mira-donate-intent.js) it imports on the donor's
 * first intent. src/widget/first-intent/ is the chunk and nothing else is; the chunk renders through
 * the script's Lit and carries none of its own; no module travels in both; the first load stays in
 * its budget with only English's strings. Builds both in memory with vite.config.ts (a few seconds).
 */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import pt from '../../locales/pt.json';
import { buildBundle, type Bundle } from './bundles.js';

const CHUNK = /^src\/widget\/first-intent\//;
const LIT = /^node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+)\//;

/** What only Lit's runtime does: register its versions, walk a template's DOM, adopt styles. */
const LIT_RUNTIME = ['litHtmlVersions', 'reactiveElementVersions', 'litElementVersions', 'createTreeWalker', 'adoptedStyleSheets'];
/** What only the chunk's code says: valibot's schemas (every one has `~run`), the schema's own error codes, Stripe's confirm, the thank-you (its markup; the first-load styles name its classes). */
const CHUNK_CODE = ['~run', 'tribute_name_too_long', 'confirmPayment', 'retrievePaymentIntent', 'thank-you-gift', 'thanks.title', 'errorSummary'];

let firstLoad: Bundle;
let chunk: Bundle;

beforeAll(async () => {
  [firstLoad, chunk] = await Promise.all([buildBundle('production'), buildBundle('intent')]);
}, 120_000);

/** Every string in a locale object, with its key path. */
function strings(node: object, prefix = ''): [string, string][] {
  return Object.entries(node).flatMap(([key, value]): [string, string][] => (typeof value === 'object' ? strings(value, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)]]));
}

describe('the first-load script', () => {
  it('holds no module of the first-intent chunk, and not Stripe.js\'s loader', () => {
    expect(firstLoad.modules.filter((module) => CHUNK.test(module) || module.startsWith('node_modules/@stripe/'))).toEqual([]);
  });

  it('holds none of the chunk\'s code: no validation, no confirmPayment, no thank-you', () => {
    expect(CHUNK_CODE.filter((marker) => firstLoad.code.includes(marker))).toEqual([]);
  });

  it('speaks English only: no Spanish or Portuguese string but each language\'s own name', () => {
    const english = new Set(strings(en).map(([, text]) => text));
    const others = [...strings(es), ...strings(pt)].filter(([key, text]) => key !== 'language.name' && text.length >= 12 && !english.has(text));
    expect(others.filter(([, text]) => firstLoad.code.includes(text.replace(/\n/g, '\\n')))).toEqual([]);
  });

  it('translates with i18next (a private instance, see src/widget/translate.ts), as the organizations we build for require', () => {
    expect(firstLoad.modules.filter((module) => module.startsWith('node_modules/i18next/'))).toEqual(['node_modules/i18next/dist/esm/i18next.js']);
  });

  it('stays within its budget of 27 KB gzip (bench/widget.bench.ts gives the figures by module)', () => {
    expect(gzipSync(firstLoad.code, { level: 9 }).length).toBeLessThanOrEqual(27 * 1024);
  });

});

describe('the first-intent chunk', () => {
  it('holds no module of Lit, and none of its runtime: it renders through the script\'s Lit', () => {
    expect(chunk.modules.filter((module) => LIT.test(module))).toEqual([]);
    expect(LIT_RUNTIME.filter((marker) => chunk.code.includes(marker))).toEqual([]);
  });

  it('holds only src/widget/first-intent/, src/core and the packages and strings they use: no first-load module', () => {
    const outside = chunk.modules.filter((module) => module.startsWith('src/') && !CHUNK.test(module) && !module.startsWith('src/core/'));
    expect(outside).toEqual([]);
  });

  it('shares no module of the widget with the first-load script, so none is loaded twice', () => {
    const both = chunk.modules.filter((module) => module.startsWith('src/widget/') && firstLoad.modules.includes(module));
    expect(both).toEqual([]);
  });

  it('holds the chunk\'s code: validation, confirmPayment and the thank-you', () => {
    expect(['~run', 'confirmPayment', 'thank-you-gift'].filter((marker) => !chunk.code.includes(marker))).toEqual([]);
  });
});
