import { describe, it } from './mocha.js';
import { expect } from '@open-wc/testing';
import { ERROR_CODES } from '../../src/core/index.js';
import { resolveLanguage } from '../../src/widget/controllers/localize.js';
import { FIRST_INTENT_GROUPS } from '../../src/widget/first-intent/terms.js';
import { terms as spanish } from '../../src/widget/languages/es.js';
import { terms as portuguese } from '../../src/widget/languages/pt.js';
import { ENGLISH, FIRST_LOAD_GROUPS } from '../../src/widget/terms.js';
import { atLeast } from '../../src/widget/templates/progress.js';
import { parseFrequencies, parsePresets, progressOf } from '../../src/widget/presets.js';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import pt from '../../locales/pt.json';

/** Every key path of a nested locale object, e.g. `errors.amount_too_small`. */
function keys(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) => (typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}
/** Plural forms differ by language (`_many` in Spanish and Portuguese); compare the base keys. */
const baseKeys = (node: object) => [...new Set(keys(node).map((key) => key.replace(/_(one|many|other)$/, '')))].sort();

describe('widget helpers', () => {
  describe('locales', () => {
    it('say every string in all three languages', () => {
      expect(baseKeys(es)).to.deep.equal(baseKeys(en));
      expect(baseKeys(pt)).to.deep.equal(baseKeys(en));
    });

    it('translate every error code', () => {
      for (const [name, locale] of Object.entries({ en, es, pt })) {
        const missing = ERROR_CODES.filter((code) => !(locale.errors as Record<string, string>)[code]?.trim());
        expect(missing, name).to.deep.equal([]);
      }
    });

    it('keep the same placeholders in every language', () => {
      const valueAt = (locale: object, key: string) => key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], locale) as string;
      const placeholders = (locale: object) =>
        keys(locale).map((key): [string, string] => [key.replace(/_(one|many|other)$/, ''), valueAt(locale, key).match(/{{\w+}}/g)?.sort().join() ?? '']);
      const expected = new Map(placeholders(en));
      for (const locale of [es, pt]) for (const [key, found] of placeholders(locale)) expect(found, key).to.equal(expected.get(key));
    });
  });

  describe('resolveLanguage', () => {
    const host = (attrs: string) => {
      const wrapper = document.createElement('div');
      wrapper.innerHTML = attrs;
      return wrapper.querySelector('x-host')!;
    };
    const cases: Array<[string, string, string[], string]> = [
      ['own lang', '<x-host lang="es"></x-host>', ['pt-BR'], 'es'],
      ['own lang with region', '<x-host lang="pt-BR"></x-host>', ['en'], 'pt'],
      ['ancestor', '<p lang="pt"><x-host></x-host></p>', ['es'], 'pt'],
      ['unsupported ancestor then browser', '<p lang="fr"><x-host></x-host></p>', ['fr-FR', 'es-419'], 'es'],
      ['browser', '<x-host></x-host>', ['de', 'pt-PT'], 'pt'],
      ['nothing it speaks: English', '<x-host lang="fr"></x-host>', ['fr', 'de'], 'en'],
      ['no browser languages', '<x-host></x-host>', [], 'en'],
    ];
    for (const [name, markup, browser, expected] of cases) {
      it(`${name} → ${expected}`, () => {
        expect(resolveLanguage(host(markup), browser)).to.equal(expected);
      });
    }
  });

  describe('parsePresets', () => {
    it('defaults per frequency, in minor units', () => {
      expect(parsePresets(undefined, 'USD')).to.deep.equal({ once: [2500, 5000, 10000, 25000], month: [1000, 2500, 5000, 10000], year: [10000, 25000, 50000, 100000] });
    });
    it('one list for every frequency', () => {
      expect(parsePresets('20 40.5', 'USD').month).to.deep.equal([2000, 4050]);
    });
    it('lists per frequency, others keep their defaults', () => {
      const presets = parsePresets('once: 50 100; month: 15', 'USD');
      expect([presets.once, presets.month, presets.year[0]]).to.deep.equal([[5000, 10000], [1500], 10000]);
    });
    it('ignores nonsense', () => {
      expect(parsePresets('lots -5 abc', 'USD').once).to.deep.equal([2500, 5000, 10000, 25000]);
    });
    it('follows the currency minor unit', () => {
      expect(parsePresets('500', 'JPY').once).to.deep.equal([500]);
    });
  });

  it('parseFrequencies keeps canonical order and falls back to all three', () => {
    expect(parseFrequencies('year once')).to.deep.equal(['once', 'year']);
    expect(parseFrequencies('weekly')).to.deep.equal(['once', 'month', 'year']);
  });

  describe('progressOf: what a visitor is shown of the campaign', () => {
    // [case, figures, currency, what shows]
    const cases: Array<[string, { raised: number; goal: number; donors?: number }, string, Partial<ReturnType<typeof progressOf>>]> = [
      ['nothing raised: the goal only', { raised: 0, goal: 10_000_000, donors: 0 }, 'USD', { goalOnly: true }],
      ['a cent under 1%: still the goal only', { raised: 99_999, goal: 10_000_000, donors: 40 }, 'USD', { goalOnly: true }],
      ['1%: the figures, without a count under five donors', { raised: 100_000, goal: 10_000_000, donors: 4 }, 'USD', { goalOnly: false, percent: 1, donors: undefined }],
      ['five donors are counted', { raised: 100_000, goal: 10_000_000, donors: 5 }, 'USD', { donors: 5 }],
      ['raised rounded down to whole units', { raised: 143_150, goal: 10_000_000 }, 'USD', { raised: 143_100, percent: 1 }],
      ['a currency with no minor unit keeps its figure', { raised: 143_150, goal: 10_000_000 }, 'JPY', { raised: 143_150 }],
      ['the percent floors: 99.9% is not yet the goal', { raised: 9_990_000, goal: 10_000_000 }, 'USD', { percent: 99, fill: 99.9 }],
      ['past the goal: uncapped percent, full bar', { raised: 11_250_000, goal: 10_000_000 }, 'USD', { percent: 112, fill: 100 }],
      ['no goal: nothing to show but the goal', { raised: 5, goal: 0 }, 'USD', { goalOnly: true, fill: 0 }],
    ];
    for (const [name, figures, currency, expected] of cases) {
      it(name, () => {
        const progress = progressOf(figures, currency);
        for (const [key, value] of Object.entries(expected)) expect(progress[key as keyof typeof progress], key).to.equal(value);
      });
    }
  });

  describe('the split of the locale files', () => {
    it('sends every group of strings with the first-load strings or with the first-intent chunk, none with both', () => {
      for (const locale of [en, es, pt]) {
        expect([...FIRST_LOAD_GROUPS, ...FIRST_INTENT_GROUPS].sort()).to.deep.equal(Object.keys(locale).sort());
      }
    });
    it('gives each language the same first-load groups, as they are in its file', () => {
      for (const [terms, locale] of [[ENGLISH, en], [spanish, es], [portuguese, pt]] as const) {
        expect(Object.keys(terms).sort()).to.deep.equal([...FIRST_LOAD_GROUPS].sort());
        for (const group of FIRST_LOAD_GROUPS) expect(terms[group], group).to.deep.equal(locale[group]);
      }
    });
  });

  describe('atLeast (gifts made here count at once)', () => {
    const figures = { goal: 10_000_000, raised: 108_695, donors: 23 };
    it('adds the gift while the endpoint has not counted it', () => {
      expect(atLeast(figures, { raised: 113_695, donors: 24 })).to.deep.equal({ goal: 10_000_000, raised: 113_695, donors: 24 });
    });
    it('takes the endpoint\'s figures once they include it, and more when others gave too', () => {
      expect(atLeast({ ...figures, raised: 113_695, donors: 24 }, { raised: 113_695, donors: 24 })).to.deep.equal({ goal: 10_000_000, raised: 113_695, donors: 24 });
      expect(atLeast({ ...figures, raised: 120_000, donors: 26 }, { raised: 113_695, donors: 24 })).to.deep.equal({ goal: 10_000_000, raised: 120_000, donors: 26 });
    });
  });
});
