import { describe, expect, it } from 'vitest';
import { validateDonation, type DonationRequest } from '../../src/core/donation.js';

const valid: DonationRequest = {
  campaign: 'mira',
  currency: 'USD',
  gift: 2500,
  frequency: 'month',
  coverFee: true,
  donor: { email: 'ana@example.org', name: 'Ana Souza' },
  anonymous: false,
  tribute: { kind: 'memory', name: 'Maria Souza', notifyEmail: 'family@example.org', message: 'Com carinho' },
  locale: 'pt',
};

const limits = { currencies: ['USD'], minimum: 500, maximum: 10_000_000 };

function errorsOf(change: (request: any) => void) {
  const request = structuredClone(valid) as any;
  change(request);
  const result = validateDonation(request, limits);
  return result.ok ? [] : result.errors;
}

describe('validateDonation', () => {
  it('accepts a complete request and returns it cleaned', () => {
    const result = validateDonation({ ...valid, donor: { email: ' ana@example.org ', name: ' Ana Souza ' }, currency: 'usd' }, limits);
    expect(result).toEqual({ ok: true, donation: { ...valid } });
  });

  it('accepts a request without a tribute, and blank optional tribute fields as absent', () => {
    expect(validateDonation({ ...valid, tribute: undefined }, limits).ok).toBe(true);
    const result = validateDonation({ ...valid, tribute: { kind: 'honor', name: 'Rosa', notifyEmail: '  ', message: '' } }, limits);
    expect(result).toEqual({ ok: true, donation: { ...valid, tribute: { kind: 'honor', name: 'Rosa' } } });
  });

  it.each([
    ['a gift in dollars with cents', (r: any) => (r.gift = 25.5), 'amount_invalid', 'gift'],
    ['a gift sent as text', (r: any) => (r.gift = '2500'), 'amount_invalid', 'gift'],
    ['a gift below the minimum', (r: any) => (r.gift = 499), 'amount_too_small', 'gift'],
    ['a negative gift', (r: any) => (r.gift = -2500), 'amount_too_small', 'gift'],
    ['a gift above the maximum', (r: any) => (r.gift = 10_000_001), 'amount_too_large', 'gift'],
    ['a currency not taken', (r: any) => (r.currency = 'EUR'), 'currency_unsupported', 'currency'],
    ['a weekly frequency', (r: any) => (r.frequency = 'week'), 'frequency_invalid', 'frequency'],
    ['coverFee as text', (r: any) => (r.coverFee = 'yes'), 'cover_fee_invalid', 'coverFee'],
    ['no email', (r: any) => (r.donor.email = ''), 'email_required', 'donor.email'],
    ['a malformed email', (r: any) => (r.donor.email = 'ana@'), 'email_invalid', 'donor.email'],
    ['no name', (r: any) => (r.donor.name = '   '), 'name_required', 'donor.name'],
    ['a name too long', (r: any) => (r.donor.name = 'a'.repeat(101)), 'name_too_long', 'donor.name'],
    ['no donor', (r: any) => delete r.donor, 'body_invalid', 'donor'],
    ['anonymous as a number', (r: any) => (r.anonymous = 1), 'anonymous_invalid', 'anonymous'],
    ['a tribute of another kind', (r: any) => (r.tribute.kind = 'birthday'), 'tribute_kind_invalid', 'tribute.kind'],
    ['a tribute with no name', (r: any) => (r.tribute.name = ''), 'tribute_name_required', 'tribute.name'],
    ['a tribute email malformed', (r: any) => (r.tribute.notifyEmail = 'nope'), 'tribute_email_invalid', 'tribute.notifyEmail'],
    ['a tribute message too long', (r: any) => (r.tribute.message = 'a'.repeat(501)), 'tribute_message_too_long', 'tribute.message'],
    ['a language not spoken', (r: any) => (r.locale = 'fr'), 'locale_invalid', 'locale'],
    ['a campaign id with markup', (r: any) => (r.campaign = '<script>'), 'campaign_invalid', 'campaign'],
  ])('refuses %s with %s', (_what, change, code, field) => {
    const errors = errorsOf(change as (r: any) => void);
    expect(errors).toContainEqual(field ? { code, field } : { code });
  });

  it.each([['x'], [null], [[]], [42]])('refuses a body that is not an object (%j) with body_invalid', (body) => {
    expect(validateDonation(body, limits)).toEqual({ ok: false, errors: [{ code: 'body_invalid' }] });
  });

  it('reports every wrong field at once, one error each', () => {
    const errors = errorsOf((r) => {
      r.gift = 1;
      r.donor.email = 'x';
      r.donor.name = '';
    });
    expect(errors).toEqual([
      { code: 'amount_too_small', field: 'gift' },
      { code: 'email_invalid', field: 'donor.email' },
      { code: 'name_required', field: 'donor.name' },
    ]);
  });
});
