import { describe, expect, it } from 'vitest';
import { validateDonation, type DonationRequest } from '../../src/core/donation.js';
import { ERROR_CODES } from '../../src/core/errors.js';

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

describe('text that is not well-formed Unicode', () => {
  // A lone UTF-16 surrogate cannot be encoded as UTF-8: Stripe, the ledger and a receipt would each
  // fail on it later, so it is refused here, naming the field, before anything is sent anywhere.
  const broken = [
    ['a lone high surrogate at the end', 'Ana \uD800'],
    ['a lone low surrogate at the start', '\uDC00Ana'],
    ['a pair in the wrong order', 'Ana \uDC00\uD800 Souza'],
    ['a high surrogate followed by a letter', 'A\uD83Dna'],
  ] as const;
  const fields: Array<[string, (r: any, text: string) => void, string]> = [
    ['donor.name', (r, text) => (r.donor.name = text), 'donor.name'],
    ['donor.email', (r, text) => (r.donor.email = `ana${text}@example.org`), 'donor.email'],
    ['tribute.name', (r, text) => (r.tribute.name = text), 'tribute.name'],
    ['tribute.notifyEmail', (r, text) => (r.tribute.notifyEmail = `family${text}@example.org`), 'tribute.notifyEmail'],
    ['tribute.message', (r, text) => (r.tribute.message = text), 'tribute.message'],
  ];
  for (const [field, set] of fields) {
    it.each(broken)(`refuses ${field} with %s as text_invalid`, (_what, text) => {
      expect(errorsOf((r) => set(r, text))).toEqual([{ code: 'text_invalid', field }]);
    });
  }

  it.each([
    ['an emoji (a surrogate pair)', 'Ana 😀'],
    ['a CJK character outside the BMP', '𠮷野 Ana'],
    ['accents', 'Zoë Gonçalves Núñez'],
  ])('accepts %s in names and messages', (_what, text) => {
    expect(errorsOf((r) => ((r.donor.name = text), (r.tribute.name = text), (r.tribute.message = text)))).toEqual([]);
  });

  it('agrees with String.prototype.isWellFormed, which older browsers lack', () => {
    const samples = ['', 'Ana', 'Ana 😀', '\uD800', '\uDFFF', '\uD800\uDC00', '\uDC00\uD800', 'a\uD800b', '\uD83D\uDE00\uD83D'];
    for (const text of samples) {
      const refused = errorsOf((r) => (r.tribute.message = text)).some((e) => e.code === 'text_invalid');
      expect(refused, JSON.stringify(text)).toBe(!(text as unknown as { isWellFormed(): boolean }).isWellFormed());
    }
  });
});

describe('every field of the request, given a value of the wrong type', () => {
  // What each field holds; any other JSON value must be refused with a code the widget can translate.
  const fields: Record<string, 'string' | 'number' | 'boolean' | 'object'> = {
    campaign: 'string',
    currency: 'string',
    gift: 'number',
    frequency: 'string',
    coverFee: 'boolean',
    donor: 'object',
    'donor.email': 'string',
    'donor.name': 'string',
    anonymous: 'boolean',
    tribute: 'object',
    'tribute.kind': 'string',
    'tribute.name': 'string',
    'tribute.notifyEmail': 'string',
    'tribute.message': 'string',
    locale: 'string',
    website: 'string',
  };
  const values: unknown[] = ['text', 1, 0, -1, 1.5, true, false, null, [], ['x'], {}, { a: 1 }];
  const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

  for (const [path, type] of Object.entries(fields)) {
    it(`answers ${path} of any other type with a stable code`, () => {
      for (const value of values.filter((v) => typeOf(v) !== type)) {
        const errors = errorsOf((r) => {
          const keys = path.split('.');
          const parent = keys.slice(0, -1).reduce((o, k) => o[k], r);
          parent[keys.at(-1)!] = value;
        });
        expect(errors.length, `${path} = ${JSON.stringify(value)}`).toBeGreaterThan(0);
        for (const error of errors) expect(ERROR_CODES, `${path} = ${JSON.stringify(value)}`).toContain(error.code);
      }
    });
  }

  it('answers a missing field with a stable code', () => {
    for (const path of Object.keys(fields).filter((p) => !['tribute', 'website', 'tribute.notifyEmail', 'tribute.message'].includes(p))) {
      const errors = errorsOf((r) => {
        const keys = path.split('.');
        delete keys.slice(0, -1).reduce((o, k) => o[k], r)[keys.at(-1)!];
      });
      expect(errors.length, path).toBeGreaterThan(0);
      for (const error of errors) expect(ERROR_CODES, path).toContain(error.code);
    }
  });
});
