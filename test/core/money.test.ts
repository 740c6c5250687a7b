import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, parseAmount } from '../../src/core/money.js';
import { matchLanguage } from '../../src/core/locale.js';

describe('parseAmount', () => {
  it.each([
    // text, language, cents
    ['25', 'en', 2500],
    ['25.50', 'en', 2550],
    ['25.5', 'en', 2550],
    ['25,50', 'en', 2550],
    ['1,000', 'en', 100_000],
    ['1,000.50', 'en', 100_050],
    ['1,000,000', 'en', 100_000_000],
    ['$25', 'en', 2500],
    [' $ 1,234.56 ', 'en', 123_456],
    ['25', 'es', 2500],
    ['25,50', 'es', 2550],
    ['1,000.50', 'es', 100_050],
    ['US$ 40', 'es', 4000],
    ['25', 'pt', 2500],
    ['25,50', 'pt', 2550],
    ['1.000', 'pt', 100_000],
    ['1.000,50', 'pt', 100_050],
    ['R$ 1.000,50', 'pt', 100_050],
    ['US$ 1.000,50', 'pt', 100_050],
    ['1 000,50', 'pt', 100_050],
    ['0.99', 'en', 99],
  ] as const)('%j in %s is %i cents', (text, language, minor) => {
    expect(parseAmount(text, 'USD', language)).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'amount_required'],
    ['   ', 'amount_required'],
    ['abc', 'amount_invalid'],
    ['-25', 'amount_invalid'],
    ['25.', 'amount_invalid'],
    ['25.505.5', 'amount_invalid'],
    ['1,00,000', 'amount_invalid'],
    ['1.000.50', 'amount_invalid'],
    ['12,345.6.7', 'amount_invalid'],
    ['1e5', 'amount_invalid'],
    ['25.123.45', 'amount_invalid'],
    ['99999999999999999999', 'amount_invalid'],
    ['<b>5</b>', 'amount_invalid'],
  ] as const)('%j is refused with %s', (text, code) => {
    expect(parseAmount(text, 'USD', 'en')).toEqual({ ok: false, code });
  });

  it('takes no decimals for a currency without a minor unit', () => {
    expect(parseAmount('1,000', 'JPY')).toEqual({ ok: true, minor: 1000 });
    expect(parseAmount('10,5', 'JPY')).toEqual({ ok: false, code: 'amount_invalid' });
  });
});

describe('formatMoney', () => {
  it.each([
    [108_695, 'en', false, '$1,086.95'],
    [108_695, 'es', false, '$1,086.95'],
    [108_695, 'pt', false, 'US$ 1.086,95'],
    [10_000_000, 'en', true, '$100,000'],
    [10_000_000, 'pt', true, 'US$ 100.000'],
    [2_500, 'en', true, '$25'],
    [2_550, 'en', true, '$25.50'],
    [2_500, 'en', false, '$25.00'],
  ] as const)('%i cents in %s (trimWhole %s) is %s', (minor, language, trimWhole, text) => {
    expect(formatMoney(minor, 'USD', language, { trimWhole }).replace(/\u00a0/g, ' ')).toBe(text);
  });

  it('round-trips what it formats, in every language', () => {
    for (const language of ['en', 'es', 'pt'] as const) {
      for (const minor of [500, 2550, 100_050, 123_456_78]) {
        expect(parseAmount(formatMoney(minor, 'USD', language), 'USD', language)).toEqual({ ok: true, minor });
      }
    }
  });

  it('knows the minor unit of each currency from Intl', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
  });
});

describe('matchLanguage', () => {
  it.each([
    ['pt-BR', 'pt'],
    ['es-419', 'es'],
    ['EN_us', 'en'],
    ['fr', undefined],
    ['', undefined],
    [null, undefined],
  ] as const)('%s → %s', (tag, language) => {
    expect(matchLanguage(tag)).toBe(language);
  });
});
