import { describe, expect, it } from 'vitest';
import { formatCardNumber, formatExpiry, validateCard } from '../../src/standin/browser/card-input.js';
import { declineMessage, langOf } from '../../src/standin/browser/messages.js';
import { cardForToken, lookupCard } from '../../src/standin/cards.js';

describe('Stripe\'s test cards', () => {
  it.each([
    ['4242424242424242', undefined],
    ['4242 4242 4242 4242', undefined],
    ['5555555555554444', undefined],
    ['4000000000000002', 'generic_decline'],
    ['4000000000009995', 'insufficient_funds'],
    ['4000000000009987', 'lost_card'],
  ])('%s declines with %s', (number, declineCode) => {
    const card = lookupCard(number);
    expect('invalid' in card).toBe(false);
    expect(!('invalid' in card) && card.decline?.decline_code).toBe(declineCode ?? undefined);
  });

  it('answers incorrect_number for a number that fails the checksum', () => {
    expect(lookupCard('4242424242424241')).toEqual({ invalid: expect.objectContaining({ code: 'incorrect_number' }) });
  });

  it('maps pm_card_* ids to their cards', () => {
    expect(cardForToken('pm_card_visa')).toBe('4242424242424242');
    expect(cardForToken('pm_card_chargeDeclined')).toBe('4000000000000002');
    expect(cardForToken('pm_nope')).toBeUndefined();
  });
});

describe('the card form\'s input', () => {
  it.each([
    ['4242424242424242', '4242 4242 4242 4242'],
    ['42424', '4242 4'],
    ['378282246310005', '3782 822463 10005'],
    ['4242-4242 4242x4242 9', '4242 4242 4242 4242 9'],
  ])('formats the number %s as %s', (typed, shown) => expect(formatCardNumber(typed)).toBe(shown));

  it.each([
    ['1', '1'],
    ['4', '04'],
    ['1234', '12 / 34'],
    ['12 / 3', '12 / 3'],
  ])('formats the expiry %s as %s', (typed, shown) => expect(formatExpiry(typed)).toBe(shown));

  const now = new Date(2026, 10, 21);
  const good = { number: '4242 4242 4242 4242', expiry: '12 / 30', cvc: '123', postalCode: '02111' };

  it('accepts a complete card', () => expect(validateCard(good, now)).toEqual({}));
  it.each([
    [{ number: '4242 4242' }, { number: 'incomplete_number' }],
    [{ number: '4242 4242 4242 4241' }, { number: 'invalid_number' }],
    [{ expiry: '12' }, { expiry: 'incomplete_expiry' }],
    [{ expiry: '13 / 30' }, { expiry: 'invalid_expiry_month' }],
    [{ expiry: '10 / 26' }, { expiry: 'invalid_expiry_year_past' }],
    [{ cvc: '12' }, { cvc: 'incomplete_cvc' }],
    [{ postalCode: ' ' }, { postalCode: 'incomplete_zip' }],
  ])('reports %o as %o', (change, errors) => expect(validateCard({ ...good, ...change }, now)).toEqual(errors));

  it('accepts this month as an expiry', () => expect(validateCard({ ...good, expiry: '11 / 26' }, now)).toEqual({}));
});

describe('decline messages in the donor\'s language', () => {
  it.each([
    ['en', { code: 'card_declined', decline_code: 'generic_decline' }, 'Your card was declined.'],
    ['es', { code: 'card_declined', decline_code: 'insufficient_funds' }, 'Tu tarjeta no tiene fondos suficientes.'],
    ['pt-BR', { code: 'card_declined', decline_code: 'stolen_card' }, 'Seu cartão foi recusado.'],
    ['pt-BR', { code: 'expired_card' }, 'Seu cartão está vencido.'],
  ] as const)('%s %o', (lang, error, message) => expect(declineMessage(lang, error)).toBe(message));

  it.each([
    ['es-419', 'es'],
    ['pt', 'pt-BR'],
    ['pt-BR', 'pt-BR'],
    ['fr', 'en'],
  ])('locale %s speaks %s', (locale, lang) => expect(langOf(locale)).toBe(lang));
});
