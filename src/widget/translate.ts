/**
 * The form's translator: a private i18next instance (createInstance), never the host page's i18next
 * or its language. i18next reads locales/*.json as they are: nested groups read with dotted keys
 * (`summary.once`), `{{name}}` placeholders, plural forms for `count` by each language's rules
 * (`donors_one`, `donors_other`, Spanish and Portuguese `donors_many`), and English for any string a
 * language lacks. English is here from the start; another language's strings are added as they load.
 *
 * Setting i18next up, and its first calls, cost tens of milliseconds on a phone that a page's first
 * paint should not wait for: `warm()` and `prime()` do them in tasks of their own before the first
 * render. Each string is kept once made (the form renders all of them on every keystroke), until
 * more strings arrive.
 */
import { createInstance, type i18n } from 'i18next';
import type { Language } from '../core/locale.js';
import type { Terms } from './terms.js';

export type TermOptions = Record<string, unknown>;

/**
 * Fresh for each instance (i18next keeps its strings in the `resources` object it is given). Made
 * apart from the call, so an option i18next 24's types lack (showSupportNotice) passes with either line.
 * The pasted script's i18next leaves out what these options never reach (build/trim-i18next.ts).
 */
export const i18nextOptions = () => ({
  lng: 'en',
  fallbackLng: 'en',
  // Resources are given, never fetched: init has nothing to wait for.
  initAsync: false,
  resources: {},
  // Lit renders every value as text, never as markup, so i18next need not escape it.
  interpolation: { escapeValue: false },
  // A group asked for as a string reads as its key, like any other missing string.
  returnedObjectHandler: (key: string) => key,
  // i18next 25 otherwise writes a notice to the host page's console.
  showSupportNotice: false,
});

/** Bounds the strings kept: a donor typing amounts makes a new summary for each. */
const KEPT = 400;

export class Translator {
  private instance?: i18n;
  private readonly made = new Map<string, string>();
  /** Strings added before i18next is set up, in the order they came. */
  private readonly waiting: [Language, Terms][];

  constructor(english: Terms) {
    this.waiting = [['en', english]];
  }

  /** Sets i18next up now (once): the element calls it in a task of its own, before its first render. */
  warm(): i18n {
    if (this.instance) return this.instance;
    const instance = createInstance(i18nextOptions());
    void instance.init();
    for (const [language, terms] of this.waiting.splice(0)) instance.addResourceBundle(language, 'translation', terms, true, true);
    return (this.instance = instance);
  }

  /** More strings for a language: merged group by group with those already here. */
  add(language: Language, terms: Terms): void {
    this.made.clear();
    if (this.instance) this.instance.addResourceBundle(language, 'translation', terms, true, true);
    else this.waiting.push([language, terms]);
  }

  /** The string for `key` in `language`, else in English, else the key itself. */
  translate(language: Language, key: string, options: TermOptions = {}): string {
    const id = `${language}\n${key}\n${JSON.stringify(options)}`;
    let text = this.made.get(id);
    if (text === undefined) {
      text = this.warm().t(key, { ...options, lng: language }) as string;
      if (this.made.size >= KEPT) this.made.clear();
      this.made.set(id, text);
    }
    return text;
  }

  /**
   * Makes every string of these groups ahead of the first render: those that need no value are then
   * made already, and i18next has run (and so compiled) its paths for the others, filling their
   * placeholders with a stand-in value here as it fills them with the form's values then.
   */
  prime(language: Language, terms: Terms, prefix = ''): void {
    for (const [key, value] of Object.entries(terms)) {
      if (value && typeof value === 'object') this.prime(language, value as Terms, `${prefix}${key}.`);
      else if (typeof value === 'string') {
        const plural = /^(.+)_(zero|one|two|few|many|other)$/.exec(key);
        const values: TermOptions = Object.fromEntries([...value.matchAll(/\{\{\s*(\w+)/g)].map(([, name]) => [name, '0']));
        this.translate(language, prefix + (plural ? plural[1] : key), plural ? { ...values, count: 1 } : values);
      }
    }
  }
}
