/**
 * Money is an integer count of the currency's minor unit everywhere (2500 = $25.00).
 * These functions are the only place it turns into text or back.
 */
import { intlLocale, type Language } from './locale.js';

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

export function formatMoney(minor: number, currency: string, language: Language, options: FormatOptions = {}): string {
  const digits = minorDigits(currency);
  const whole = minor % 10 ** digits === 0;
  const fraction = options.trimWhole && whole ? 0 : digits;
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
  return formatter.format(minor / 10 ** digits);
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; code: 'amount_required' | 'amount_invalid' };

/**
 * Reads an amount the way donors type it in any of the three languages:
 * `25`, `25.50`, `25,50`, `1,000`, `1.000,50`, `$ 1,000.00`, `R$ 30`.
 * With both separators the last one is the decimal mark; a lone separator followed by exactly
 * three digits groups thousands (no currency we take has three decimals), otherwise it is decimal.
 * The language only breaks no ties today but is kept so a future locale can.
 */
export function parseAmount(text: string, currency: string, _language?: Language): ParsedAmount {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^(?:[A-Za-z]{0,3}\$|[A-Z]{3})|(?:[A-Z]{3})$/g, '');
  if (cleaned === '') return { ok: false, code: 'amount_required' };
  if (!/^\d[\d.,]*$/.test(cleaned) || /[.,]$/.test(cleaned)) return { ok: false, code: 'amount_invalid' };

  const lastDot = cleaned.lastIndexOf('.');
  const lastComma = cleaned.lastIndexOf(',');
  let integerPart = cleaned;
  let fractionPart = '';
  let groupMark: string | undefined;

  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    groupMark = decimalAt === lastDot ? ',' : '.';
    integerPart = cleaned.slice(0, decimalAt);
    fractionPart = cleaned.slice(decimalAt + 1);
    if (integerPart.includes(cleaned[decimalAt])) return { ok: false, code: 'amount_invalid' };
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = cleaned.split(mark);
    const lastLength = parts[parts.length - 1].length;
    if (parts.length === 2 && lastLength !== 3) {
      integerPart = parts[0];
      fractionPart = parts[1];
    } else {
      groupMark = mark;
    }
  }

  if (groupMark) {
    const groups = integerPart.split(groupMark);
    const wellGrouped = groups[0].length >= 1 && groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3);
    if (!wellGrouped) return { ok: false, code: 'amount_invalid' };
    integerPart = groups.join('');
  }

  const digits = minorDigits(currency);
  if (fractionPart.length > digits || /\D/.test(integerPart + fractionPart)) return { ok: false, code: 'amount_invalid' };
  const minor = Number(integerPart) * 10 ** digits + Number(fractionPart.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, code: 'amount_invalid' };
  return { ok: true, minor };
}
