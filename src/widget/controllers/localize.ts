/**
 * Language for one <mira-donate>: its own `lang`, else the nearest `[lang]` ancestor, else the
 * browser's languages, else English. Strings come from the form's own i18next instance
 * (translate.ts), so a host page's i18next (and its language) is never touched. English is always here;
 * another language's strings are loaded the first time the form is to speak it, and until they are
 * here it goes on speaking the language it speaks (never showing keys); if they cannot load, it
 * stays there.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { intlLocale, LANGUAGES, matchLanguage, type Language } from '../../core/locale.js';
import { formatMoney, type FormatOptions } from '../../core/money.js';
import { ENGLISH, type Terms } from '../terms.js';
import { nextTask } from '../next-task.js';
import { Translator, type TermOptions } from '../translate.js';

/** One translator shared by every copy of the element; each copy reads it in its own language. */
const translator = new Translator(ENGLISH);
/** Languages whose first-load strings are in the translator. */
const spoken = new Set<Language>(['en']);
/** Intl formatters are slow to build and cheap to reuse. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Strings that arrive later (the first-intent chunk's error messages and thank-you), for every copy of the element. */
export function addTerms(terms: Partial<Record<Language, Terms>>): void {
  for (const language of LANGUAGES) if (terms[language]) translator.add(language, terms[language]);
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

/** Loads a language's first-load strings (see loads.ts); rejects when it cannot. */
export type LoadLanguage = (language: Exclude<Language, 'en'>) => Promise<Terms>;

export class LocalizeController implements ReactiveController {
  /** The language the form speaks now. */
  language: Language = 'en';
  /** While the strings of the language the form is to speak are on their way. */
  pending?: Promise<boolean>;
  /** The language the form is to speak: `language` once its strings are here. */
  private wanted: Language = 'en';
  private observer?: MutationObserver;
  /** Until the language has been read after the element first came onto the page. */
  connecting?: Promise<void>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly hasUpdated: boolean },
    private readonly load: LoadLanguage,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // On the way onto the page the language is read a task later: the upgrade's task is long enough
    // on a phone already (first-render.ts waits for the language).
    if (this.host.hasUpdated) void this.refresh();
    else this.connecting = nextTask().then(() => void this.refresh());
    // Follow the page (`<html lang>`) and the element's own `lang` as they change.
    this.observer = new MutationObserver(() => void this.refresh());
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  /**
   * Re-reads the language and speaks it: at once when its strings are here, else once they have
   * loaded. Resolves to true when the language changed (the host then renders again), false when it
   * did not, or its strings could not load (offline): the form stays as it was, and the next
   * refresh tries again.
   */
  refresh(): Promise<boolean> {
    const wanted = resolveLanguage(this.host);
    // Already on its way (the switch sets `lang`, which the observer sees too).
    if (wanted === this.wanted && this.pending) return this.pending;
    this.wanted = wanted;
    if (wanted === this.language) return Promise.resolve(false);
    if (wanted === 'en' || spoken.has(wanted)) return Promise.resolve(this.speak(wanted));
    const pending: Promise<boolean> = this.load(wanted)
      .then((terms) => {
        translator.add(wanted, terms);
        spoken.add(wanted);
        // A later choice may have won meanwhile.
        return this.wanted === wanted && this.speak(wanted);
      })
      .catch(() => false)
      .finally(() => {
        if (this.pending === pending) this.pending = undefined;
      });
    this.pending = pending;
    return pending;
  }

  private speak(language: Language): true {
    this.language = language;
    this.host.requestUpdate();
    return true;
  }

  /** Sets the translator up (i18next), so the first render does not pay for it: see first-render.ts. */
  warm(): void {
    translator.warm();
  }

  /** Makes a group's strings in the form's language ahead of the first render (i18next's first calls are its slowest). */
  prime(group: string): void {
    translator.prime(this.language, { [group]: ENGLISH[group] });
  }

  /**
   * Steps that make the Intl formatters the first render uses, ahead of it, one a step: each new one
   * costs milliseconds on a phone, the first one of a kind tens (see first-render.ts).
   */
  formatWarmers(currency: () => string): (() => void)[] {
    return [
      () => this.money(100, currency(), { trimWhole: true }),
      () => this.money(1, currency()),
      // As templates/progress.ts asks for them.
      () => this.number(0.5, { style: 'percent', maximumFractionDigits: 0 }),
      () => this.number(1),
    ];
  }

  term(key: string, options?: TermOptions): string {
    return translator.translate(this.language, key, options);
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
