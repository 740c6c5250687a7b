/**
 * Money is an integer count of the currency's minor unit everywhere (2500 = $25.00).
 * These functions are the only place it turns into text or back.
 */
import { intlLocale, LANGUAGES, type Language } from './locale.js';

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point for a currency, as Intl knows them (USD 2, JPY 0). */
export function minorDigits(currency: string): number {
  // Cached: building an Intl.NumberFormat costs far more than the lookup, and every format calls this.
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

export interface FormatOptions {
  /** Drop `.00` from whole amounts, as in preset buttons and the goal ("$25", "$100,000"). */
  trimWhole?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(language: Language, currency: string, fraction: number): Intl.NumberFormat {
  const key = `${language}|${currency}|${fraction}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlLocale(language), {
      style: 'currency',
      currency,
      minimumFractionDigits: fraction,
      maximumFractionDigits: fraction,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatMoney(minor: number, currency: string, language: Language, options: FormatOptions = {}): string {
  const digits = minorDigits(currency);
  const whole = minor % 10 ** digits === 0;
  const fraction = options.trimWhole && whole ? 0 : digits;
  return formatterFor(language, currency, fraction).format(minor / 10 ** digits);
}

/**
 * The currency's sign as the language writes it beside an amount ("$" in English and Spanish, "US$"
 * in Portuguese), and whether it comes before the figures, so a field for an amount can show it where
 * the donor expects it. From the formatter whole amounts (the presets) already use: no second Intl object.
 */
export function currencySign(currency: string, language: Language): { sign: string; before: boolean } {
  const parts = formatterFor(language, currency, 0).formatToParts(1);
  const at = parts.findIndex((part) => part.type === 'currency');
  return { sign: parts[at]?.value ?? currency, before: at < parts.findIndex((part) => part.type === 'integer') };
}

const currencyNames = new Map<string, string>();

/** The currency's name as a sentence says it ("US dollars", "dólares americanos"), for messages. */
export function currencyName(currency: string, language: Language): string {
  const key = `${language}|${currency}`;
  let name = currencyNames.get(key);
  if (name === undefined) {
    const format = new Intl.NumberFormat(intlLocale(language), { style: 'currency', currency, currencyDisplay: 'name' });
    name = format.formatToParts(2).find((part) => part.type === 'currency')?.value ?? currency;
    // Portuguese data capitalise the name as if it stood alone ("Dólares americanos"); in a sentence it
    // is lower case, as it already is in Spanish. English names may start with a capital that stays ("US").
    if (language !== 'en') name = name.charAt(0).toLocaleLowerCase(intlLocale(language)) + name.slice(1);
    currencyNames.set(key, name);
  }
  return name;
}

export type AmountProblem = 'amount_required' | 'amount_invalid' | 'amount_wrong_currency';
export type ParsedAmount = { ok: true; minor: number } | { ok: false; code: AmountProblem };

/** The ways the three languages write a currency beside an amount: its sign in each, and its code. */
const signsByCurrency = new Map<string, Set<string>>();

function signsOf(currency: string): Set<string> {
  let signs = signsByCurrency.get(currency);
  if (!signs) {
    signs = new Set([currency]);
    for (const language of LANGUAGES) signs.add(currencySign(currency, language).sign.toUpperCase());
    const narrow = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(1);
    signs.add(narrow.find((part) => part.type === 'currency')?.value.toUpperCase() ?? currency);
    signsByCurrency.set(currency, signs);
  }
  return signs;
}

let isoCodes: Set<string> | undefined;

/** A currency's sign ("R$", "€", "MX$") or ISO code ("EUR", "brl"), as opposed to a stray word. */
function namesACurrency(marker: string): boolean {
  if (/\p{Sc}/u.test(marker)) return true;
  if (!/^[a-z]{3}$/i.test(marker)) return false;
  isoCodes ??= new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);
  return isoCodes.size ? isoCodes.has(marker.toUpperCase()) : marker === marker.toUpperCase();
}

/** Spaces as they arrive from a keyboard, a paste of formatted money (no-break and narrow no-break) or a phone. */
const SPACES = /[\s\u00a0\u2007\u2009\u202f]+/g;

/**
 * Reads an amount the way donors type it in any of the three languages, in `currency`:
 * `25`, `25.50`, `25,50`, `1,000`, `1.000,50`, `1 000`, `5.`, `$ 1,000.00`, `US$ 30`.
 * - The currency's own sign or code may stand before or after the figures; another currency's
 *   (`R$ 30`, `€30`, `EUR 30`) is refused with its own code, so the donor is told which currency
 *   the gift is in rather than charged a different sum.
 * - With both separators the last one is the decimal mark; a lone separator followed by exactly
 *   three digits groups thousands (no currency we take has three decimals), otherwise it is decimal.
 *   A decimal mark with nothing after it (`5.`) is the whole amount.
 * - A space only ever groups thousands (`1 000`): `25 50` is refused, never read as 2,550.
 * The language breaks no ties today but is kept so a future locale can.
 */
export function parseAmount(text: string, currency: string, _language?: Language): ParsedAmount {
  const trimmed = text.replace(SPACES, ' ').trim();
  // Whatever stands before the first figure or after the last one is a currency's sign or a mistake.
  const [, before = '', figures = '', after = ''] = /^([^\d.,]*)(.*?)([^\d.,]*)$/u.exec(trimmed) ?? [];
  let wrongCurrency = false;
  for (const marker of [before, after].map((side) => side.replace(/ /g, '')).filter(Boolean)) {
    if (signsOf(currency).has(marker.toUpperCase())) continue;
    if (!namesACurrency(marker)) return { ok: false, code: 'amount_invalid' };
    wrongCurrency = true;
  }
  if (wrongCurrency) return { ok: false, code: 'amount_wrong_currency' };
  const number = figures.trim();
  if (number === '') return { ok: false, code: 'amount_required' };
  const minor = readFigures(number, minorDigits(currency));
  return minor === undefined ? { ok: false, code: 'amount_invalid' } : { ok: true, minor };
}

/** `1,000.50` → 100050 (with two decimals), or undefined when the figures do not read as one amount. */
function readFigures(figures: string, digits: number): number | undefined {
  if (!/^\d[\d., ]*$/.test(figures)) return undefined;
  let integerPart = figures;
  let fractionPart = '';
  let decimalMark: string | undefined;
  const lastDot = figures.lastIndexOf('.');
  const lastComma = figures.lastIndexOf(',');

  if (/[.,]$/.test(figures)) {
    decimalMark = figures[figures.length - 1];
    integerPart = figures.slice(0, -1);
  } else if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    decimalMark = figures[decimalAt];
    integerPart = figures.slice(0, decimalAt);
    fractionPart = figures.slice(decimalAt + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = figures.split(mark);
    if (parts.length === 2 && parts[1].length !== 3) {
      decimalMark = mark;
      [integerPart, fractionPart] = parts;
    }
  }
  if (decimalMark && integerPart.includes(decimalMark)) return undefined;

  // What is left of the integer part is figures, grouped in thousands by one mark at most.
  const groupMarks = [...new Set(integerPart.replace(/\d/g, ''))];
  if (groupMarks.length > 1) return undefined;
  if (groupMarks.length === 1) {
    const groups = integerPart.split(groupMarks[0]);
    const wellGrouped = groups[0].length >= 1 && groups[0].length <= 3 && groups.slice(1).every((group) => group.length === 3);
    if (!wellGrouped) return undefined;
    integerPart = groups.join('');
  }

  if (!/^\d+$/.test(integerPart) || !/^\d*$/.test(fractionPart) || fractionPart.length > digits) return undefined;
  const minor = Number(integerPart) * 10 ** digits + Number(fractionPart.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : undefined;
}
