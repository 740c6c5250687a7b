/**
 * The pasted script's i18next (build/trim-i18next.ts leaves out what the form never asks of it)
 * gives every string of every language exactly as the whole i18next does, set up as the form sets
 * it up (src/widget/translate.ts): with and without values, every plural count, a language's missing
 * string falling back to English, a missing key, a group asked for as a string.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInstance as wholeCreateInstance, type i18n } from 'i18next';
import { parseSync } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import pt from '../../locales/pt.json';
import { trimI18next } from '../../build/trim-i18next.js';
import { i18nextOptions } from '../../src/widget/translate.js';

const SOURCE = join(import.meta.dirname, '../../node_modules/i18next/dist/esm/i18next.js');
const LOCALES = { en, es, pt } as Record<string, Record<string, unknown>>;
const parse = (code: string) => parseSync('i18next.js', code).program as unknown as { body: never[] };

let dir: string;
let trimmed: string;
let whole: i18n;
let lean: i18n;

/** An instance as the form makes one: English first, then the other languages added group by group. */
function setUp(createInstance: typeof wholeCreateInstance): i18n {
  const instance = createInstance(i18nextOptions());
  void instance.init();
  for (const [language, terms] of Object.entries(LOCALES)) instance.addResourceBundle(language, 'translation', terms, true, true);
  return instance;
}

/** Every string's key, plural forms as one key asked for with `count`. */
function keys(node: Record<string, unknown>, prefix = ''): Set<string> {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(node)) {
    if (value && typeof value === 'object') keys(value as Record<string, unknown>, `${prefix}${key}.`).forEach((each) => found.add(each));
    else found.add(prefix + key.replace(/_(zero|one|two|few|many|other)$/, ''));
  }
  return found;
}

beforeAll(async () => {
  trimmed = trimI18next(readFileSync(SOURCE, 'utf8'), parse);
  dir = mkdtempSync(join(tmpdir(), 'trim-i18next-'));
  const file = join(dir, 'i18next.mjs');
  writeFileSync(file, trimmed);
  const module = (await import(pathToFileURL(file).href)) as { createInstance: typeof wholeCreateInstance };
  whole = setUp(wholeCreateInstance);
  lean = setUp(module.createInstance);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the pasted script's i18next", () => {
  it('is smaller by more than a third, and still i18next (its own classes, createInstance only)', () => {
    const size = readFileSync(SOURCE, 'utf8').length;
    expect(trimmed.length).toBeLessThan(size * 0.65);
    expect(trimmed).toMatch(/class Translator extends EventEmitter/);
    expect(trimmed.trimEnd().endsWith('export { createInstance };')).toBe(true);
  });

  it('gives every string in every language as the whole i18next does, with values, without, and for every count', () => {
    const all = new Set([...keys(en), ...keys(es), ...keys(pt)]);
    const values = { total: '$51.44', gift: '$50', amount: '$25', fee: '$1.44', name: 'Ana', goal: '$100,000', raised: '$1,086', percent: '1%', formatted: '$5', minimum: '$1', maximum: '$10,000' };
    let compared = 0;
    for (const language of ['en', 'es', 'pt', 'fr']) {
      for (const key of all) {
        for (const options of [{}, values, ...[0, 1, 2, 5, 1.5, 1_000_000].map((count) => ({ ...values, count }))]) {
          expect(lean.t(key, { ...options, lng: language }), `${language} ${key} ${JSON.stringify(options)}`).toBe(whole.t(key, { ...options, lng: language }));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('gives a missing key, a group asked for as a string, and a string added later as the whole i18next does', () => {
    for (const [key, options] of [['no.such.key', {}], ['errors', {}], ['summary', { count: 2 }], ['thanks.title', { lng: 'es' }]] as const) {
      expect(lean.t(key, options)).toBe(whole.t(key, options));
    }
    for (const instance of [whole, lean]) instance.addResourceBundle('es', 'translation', { later: { line: 'Más tarde, {{name}}' } }, true, true);
    expect(lean.t('later.line', { lng: 'es', name: 'Ana' })).toBe('Más tarde, Ana');
    expect(lean.t('later.line', { lng: 'pt', name: 'Ana' })).toBe(whole.t('later.line', { lng: 'pt', name: 'Ana' }));
  });

  it('is not asked for what it leaves out: no string in locales/ uses a format (`{{value, number}}`) or nesting (`$t(…)`)', () => {
    for (const language of Object.values(LOCALES)) {
      const text = JSON.stringify(language);
      expect(text).not.toMatch(/\{\{[^}]*,[^}]*\}\}/);
      expect(text).not.toContain('$t(');
    }
  });
});
