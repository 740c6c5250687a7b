/**
 * Language for one <mira-donate>: its own `lang`, else the nearest `[lang]` ancestor, else the
 * browser's languages, else English. Strings come from a private i18next instance so a host page's
 * own i18next (and its language) is never touched.
 */
import i18next, { type i18n, type TFunction } from 'i18next';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { intlLocale, LANGUAGES, matchLanguage, type Language } from '../../core/locale.js';
import { formatMoney, type FormatOptions } from '../../core/money.js';
import { FIRST_LOAD_TERMS } from '../terms.js';

let translator: i18n | undefined;
/** Intl formatters are slow to build and cheap to reuse. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** One instance shared by every copy of the element; each copy reads it through a fixed language. */
function sharedTranslator(): i18n {
  if (!translator) {
    translator = i18next.createInstance();
    translator.init({
      resources: { en: { translation: FIRST_LOAD_TERMS.en }, es: { translation: FIRST_LOAD_TERMS.es }, pt: { translation: FIRST_LOAD_TERMS.pt } },
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      initAsync: false,
      // Lit renders every value as text, never as markup, so i18next need not escape it.
      interpolation: { escapeValue: false },
      // i18next 25 otherwise writes a notice to the host page's console.
      showSupportNotice: false,
    });
  }
  return translator;
}

/** Strings that arrive later (the intent chunk's error messages and thank-you), for every copy of the element. */
export function addTerms(terms: Record<Language, Record<string, unknown>>): void {
  const translator = sharedTranslator();
  for (const language of LANGUAGES) translator.addResourceBundle(language, 'translation', terms[language], true, true);
}

/** Walks out of shadow roots too, so an element nested in another component finds the page's lang. */
function ancestorLanguage(host: Element): Language | undefined {
  let node: Node | null = host.parentNode;
  while (node) {
    if (node instanceof Element) {
      const tagged = node.closest('[lang]');
      if (tagged) {
        const language = matchLanguage(tagged.getAttribute('lang'));
        if (language) return language;
        node = tagged.parentNode;
        continue;
      }
    }
    const root: Node = node instanceof Element ? node.getRootNode() : node;
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}

export function resolveLanguage(host: Element, browserLanguages: readonly string[] = navigator.languages ?? []): Language {
  return (
    matchLanguage(host.getAttribute('lang')) ??
    ancestorLanguage(host) ??
    browserLanguages.map(matchLanguage).find((language) => language !== undefined) ??
    'en'
  );
}

export class LocalizeController implements ReactiveController {
  language: Language = 'en';
  private t: TFunction = sharedTranslator().getFixedT('en');
  private observer?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
    // Follow the page (`<html lang>`) and the element's own `lang` as they change.
    this.observer = new MutationObserver(() => this.refresh() && this.host.requestUpdate());
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  /** Re-reads the language; true when it changed. */
  refresh(): boolean {
    const language = resolveLanguage(this.host);
    if (language === this.language) return false;
    this.language = language;
    this.t = sharedTranslator().getFixedT(language);
    return true;
  }

  term(key: string, options?: Record<string, unknown>): string {
    return this.t(key, options ?? {}) as string;
  }

  /** A term in another language, e.g. each language's own name on the switch. */
  termIn(language: Language, key: string): string {
    return sharedTranslator().getFixedT(language)(key) as string;
  }

  money(minor: number, currency: string, options?: FormatOptions): string {
    return formatMoney(minor, currency, this.language, options);
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    const key = `${this.language}|${JSON.stringify(options ?? {})}`;
    let format = numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(intlLocale(this.language), options);
      numberFormats.set(key, format);
    }
    return format.format(value);
  }
}
