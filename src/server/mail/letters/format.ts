/** Figures, dates and payment methods as a donor reads them in their language. */
import { formatMoney } from '../../../core/money.js';
import { intlLocale, type Language } from '../../../core/locale.js';
import type { PaymentMethod } from './index.js';
import { fill, termsFor } from './terms.js';

/**
 * Dates are MIRA's, in Massachusetts: a gift made at 11 pm on December 31 in Boston belongs to that
 * year on the receipt and the year-end statement, though it is already January 1 in UTC.
 */
export const ORGANIZATION_TIME_ZONE = 'America/New_York';

export function money(minor: number, currency: string, language: Language): string {
  return formatMoney(minor, currency, language);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function date(iso: string, language: Language, style: 'long' | 'medium' = 'long'): string {
  const key = `${language}|${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: style, timeZone: ORGANIZATION_TIME_ZONE });
    dateFormats.set(key, format);
  }
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) throw new RangeError(`not an ISO 8601 date: ${iso}`);
  return format.format(when);
}

/** A calendar day of MIRA's (noon, so no time zone moves it) for sentences like "from January 1 to December 31". */
export function day(year: number, month: number, dayOfMonth: number, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, dayOfMonth, 12));
}

/** Card brands as Stripe spells them → as the brands write themselves (not translated). */
const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  american_express: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  cartes_bancaires: 'Cartes Bancaires',
  eftpos_au: 'eftpos',
  interac: 'Interac',
  link: 'Link',
};

/** "Visa ending in 4242", "Transferencia bancaria", "Cheque": the method in the donor's words. */
export function paymentMethod(method: PaymentMethod, language: Language): string {
  const t = termsFor(language).method;
  switch (method.kind) {
    case 'card': {
      const brand = BRANDS[method.brand.toLowerCase()] ?? t.cardBrand;
      return method.last4 ? fill(t.card, { brand, last4: oneLine(method.last4) }) : brand;
    }
    case 'bank':
      if (!method.last4) return t.bank;
      return method.bankName
        ? fill(t.bankNamed, { bank: oneLine(method.bankName), last4: oneLine(method.last4) })
        : fill(t.bankAccount, { last4: oneLine(method.last4) });
    case 'cheque':
      return t.cheque;
    case 'cash':
      return t.cash;
    case 'other':
      // Only "other" shows the operator's note: it names what the method was (a stock transfer, a
      // donor-advised fund). A cheque's or cash gift's note is the operator's own and stays in the ledger.
      return method.note?.trim() ? fill(t.otherNoted, { note: oneLine(method.note) }) : t.other;
  }
}

/**
 * A value a person typed, on one line: control characters and line breaks become one space, so a
 * name cannot add lines to the text part, a table row, or a header made from the subject.
 */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}
