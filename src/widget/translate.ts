/**
 * The form's translator, for the JSON of locales/*.json: nested groups read with dotted keys
 * (`summary.once`), `{{name}}` placeholders filled from the options, plural forms chosen for
 * `count` by the language's own rules (`donors_one`, `donors_other`, Spanish and Portuguese
 * `donors_many`), and English for any string a language lacks. That is the whole of what the form
 * asks of a translation library (it is i18next's format), in a few hundred bytes rather than the 13 KB
 * gzip of i18next, which alone was near half the first-load budget. Values are returned as text,
 * never markup: Lit renders them as text.
 */
import type { Language } from '../core/locale.js';
import type { Terms } from './terms.js';

export type TermOptions = Record<string, unknown>;

const pluralRules = new Map<Language, Intl.PluralRules>();

function pluralOf(language: Language, count: number): string {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

function lookup(terms: Terms | undefined, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Terms)[part] : undefined), terms);
}

/** `add` merges group by group, so strings that arrive later join those already here. */
function merge(into: Terms, terms: Terms): Terms {
  for (const [key, value] of Object.entries(terms)) {
    const known = into[key];
    into[key] = value && typeof value === 'object' && known && typeof known === 'object' ? merge({ ...(known as Terms) }, value as Terms) : value;
  }
  return into;
}

export class Translator {
  private readonly catalogs = new Map<Language, Terms>();

  constructor(english: Terms) {
    this.catalogs.set('en', merge({}, english));
  }

  add(language: Language, terms: Terms): void {
    this.catalogs.set(language, merge(this.catalogs.get(language) ?? {}, terms));
  }

  /** The string for `key` in `language`, else in English, else the key itself. */
  translate(language: Language, key: string, options: TermOptions = {}): string {
    const { count } = options;
    for (const each of language === 'en' ? (['en'] as const) : [language, 'en' as const]) {
      const keys = typeof count === 'number' ? [`${key}_${pluralOf(each, count)}`, `${key}_other`, key] : [key];
      for (const candidate of keys) {
        const text = lookup(this.catalogs.get(each), candidate);
        if (typeof text === 'string') return text.replace(/{{\s*(\w+)\s*}}/g, (placeholder, name: string) => (name in options ? String(options[name]) : placeholder));
      }
    }
    return key;
  }
}
