import { describe, expect, it } from 'vitest';
import { currencyName, currencySign, formatMoney, minorDigits, parseAmount } from '../../src/core/money.js';
import { LANGUAGES, matchLanguage } from '../../src/core/locale.js';

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
    ['US$ 1.000,50', 'pt', 100_050],
    ['US$\u00a01.000,50', 'pt', 100_050],
    ['1 000,50', 'pt', 100_050],
    ['0.99', 'en', 99],
    ['0', 'en', 0],
    // A decimal mark with nothing after it is the whole amount, as donors leave it on the way to cents.
    ['5.', 'en', 500],
    ['5,', 'en', 500],
    ['5.', 'es', 500],
    ['5,', 'es', 500],
    ['5.', 'pt', 500],
    ['5,', 'pt', 500],
    ['1,000.', 'en', 100_000],
    ['1.000,', 'pt', 100_000],
    // Spaces group thousands, and only that.
    ['1 000', 'en', 100_000],
    ['1 000', 'es', 100_000],
    ['1 000', 'pt', 100_000],
    ['1\u202f000', 'pt', 100_000],
    ['12 345 678,90', 'pt', 1_234_567_890],
    ['1 000.50', 'en', 100_050],
    // The campaign's own currency, written any way the three languages write it, before or after.
    ['$ 30', 'pt', 3000],
    ['30 $', 'es', 3000],
    ['USD 30', 'en', 3000],
    ['30 usd', 'es', 3000],
    ['US $30', 'en', 3000],
    ['$30 USD', 'en', 3000],
  ] as const)('%j in %s is %i cents', (text, language, minor) => {
    expect(parseAmount(text, 'USD', language)).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'amount_required'],
    ['   ', 'amount_required'],
    ['US$', 'amount_required'],
    ['abc', 'amount_invalid'],
    ['-25', 'amount_invalid'],
    ['25..', 'amount_invalid'],
    ['.,', 'amount_invalid'],
    ['25.505.5', 'amount_invalid'],
    ['1,00,000', 'amount_invalid'],
    ['1.000.50', 'amount_invalid'],
    ['1.000.', 'amount_invalid'],
    ['12,345.6.7', 'amount_invalid'],
    ['1e5', 'amount_invalid'],
    ['25.123.45', 'amount_invalid'],
    ['99999999999999999999', 'amount_invalid'],
    ['<b>5</b>', 'amount_invalid'],
    ['30 dollars', 'amount_invalid'],
    // A space that is not a thousands group is not read past: `25 50` is not 2,550.
    ['25 50', 'amount_invalid'],
    ['2 5', 'amount_invalid'],
    ['1 00', 'amount_invalid'],
    ['1000 000', 'amount_invalid'],
    ['1 000 00', 'amount_invalid'],
    ['1,000 000', 'amount_invalid'],
    ['1 000.000', 'amount_invalid'],
    // Another currency's symbol or code is not read as dollars.
    ['R$ 30', 'amount_wrong_currency'],
    ['R$30', 'amount_wrong_currency'],
    ['30 R$', 'amount_wrong_currency'],
    ['€30', 'amount_wrong_currency'],
    ['30 €', 'amount_wrong_currency'],
    ['£5', 'amount_wrong_currency'],
    ['¥500', 'amount_wrong_currency'],
    ['MX$ 20', 'amount_wrong_currency'],
    ['CA$10', 'amount_wrong_currency'],
    ['EUR 30', 'amount_wrong_currency'],
    ['30 BRL', 'amount_wrong_currency'],
    ['brl 30', 'amount_wrong_currency'],
    ['EUR', 'amount_wrong_currency'],
  ] as const)('%j is refused with %s, in every language', (text, code) => {
    for (const language of LANGUAGES) expect(parseAmount(text, 'USD', language), language).toEqual({ ok: false, code });
  });

  it('takes the sign of the campaign currency, whatever it is, and refuses the dollar sign for another', () => {
    expect(parseAmount('R$ 1.000,50', 'BRL', 'pt')).toEqual({ ok: true, minor: 100_050 });
    expect(parseAmount('30 €', 'EUR', 'es')).toEqual({ ok: true, minor: 3000 });
    expect(parseAmount('US$ 30', 'BRL', 'pt')).toEqual({ ok: false, code: 'amount_wrong_currency' });
    expect(parseAmount('$30', 'EUR', 'en')).toEqual({ ok: false, code: 'amount_wrong_currency' });
  });

  it('takes no decimals for a currency without a minor unit', () => {
    expect(parseAmount('1,000', 'JPY')).toEqual({ ok: true, minor: 1000 });
    expect(parseAmount('10,5', 'JPY')).toEqual({ ok: false, code: 'amount_invalid' });
    expect(parseAmount('10.', 'JPY')).toEqual({ ok: true, minor: 10 });
  });
});

describe('currencySign', () => {
  it.each([
    ['USD', 'en', '$'],
    ['USD', 'es', '$'],
    ['USD', 'pt', 'US$'],
    ['EUR', 'pt', '€'],
    ['BRL', 'pt', 'R$'],
  ] as const)('%s in %s is shown as %s, before the amount', (currency, language, sign) => {
    expect(currencySign(currency, language)).toEqual({ sign, before: true });
  });

  it('is what formatMoney writes beside the figures', () => {
    for (const language of LANGUAGES) {
      const { sign } = currencySign('USD', language);
      expect(formatMoney(2500, 'USD', language, { trimWhole: true }).replace(/\u00a0/g, ' ')).toMatch(new RegExp(`^${sign.replace('$', '\\$')} ?25$`));
    }
  });
});

describe('currencyName', () => {
  it.each([
    ['en', 'US dollars'],
    ['es', 'dólares estadounidenses'],
    ['pt', 'dólares americanos'],
  ] as const)('USD in %s, as a sentence says it: %s', (language, name) => {
    expect(currencyName('USD', language)).toBe(name);
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
