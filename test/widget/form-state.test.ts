/**
 * The form's derived state as a table: what the donor sees (gift, fee, total, which errors show)
 * and what may be submitted, from the draft, the language and whether validation is here yet.
 */
import { describe, it } from './mocha.js';
import { expect } from '@open-wc/testing';
import { validateDonation } from '../../src/core/donation.js';
import type { FieldError } from '../../src/core/errors.js';
import { emptyDraft, type Draft } from '../../src/widget/draft.js';
import { formState, type FormInputs } from '../../src/widget/form-state.js';

const LIMITS = { currencies: ['USD'], minimum: 500, maximum: 10_000_000 };
const filled = (change: Partial<Draft> = {}): Draft => ({ ...emptyDraft('once', 10_000), donor: { name: 'Ana', email: 'ana@example.org' }, ...change });
const inputs = (change: Partial<FormInputs> = {}): FormInputs => ({
  draft: filled(),
  campaign: 'mira',
  currency: 'USD',
  language: 'en',
  limits: LIMITS,
  feeRates: { basisPoints: 220, fixed: 30 },
  validate: validateDonation,
  touched: new Set(),
  submitted: false,
  endpointErrors: [],
  ...change,
});

describe('formState', () => {
  describe('gift, fee and total', () => {
    // [case, inputs, gift, feeIfCovered, total]: $100 at 2.2% + 30¢ grosses up to $102.56.
    const cases: Array<[string, Partial<FormInputs>, number | undefined, number | undefined, number | undefined]> = [
      ['a preset, fee not covered', {}, 10_000, 256, 10_000],
      ['a preset, fee covered', { draft: filled({ coverFee: true }) }, 10_000, 256, 10_256],
      ['a typed English amount', { draft: filled({ preset: undefined, customAmount: '1,000.50' }) }, 100_050, 2_282, 100_050],
      ['a typed Portuguese amount', { language: 'pt', draft: filled({ preset: undefined, customAmount: '1.000,50' }) }, 100_050, 2_282, 100_050],
      ['a typed Spanish amount with a decimal comma', { language: 'es', draft: filled({ preset: undefined, customAmount: '25,50' }) }, 2_550, 89, 2_550],
      ['no amount yet', { draft: filled({ preset: undefined, customAmount: '' }) }, undefined, undefined, undefined],
      ['an amount that does not read as one', { draft: filled({ preset: undefined, customAmount: '12,3,4' }) }, undefined, undefined, undefined],
      ['before validation is here, the same figures', { validate: undefined, draft: filled({ coverFee: true }) }, 10_000, 256, 10_256],
      ['a trailing decimal mark, read as the whole amount', { draft: filled({ preset: undefined, customAmount: '5.' }) }, 500, 42, 500],
      // No figure for a gift the form cannot take: nothing shows a total or a fee beside its error.
      ['zero', { draft: filled({ preset: undefined, customAmount: '0', coverFee: true }) }, undefined, undefined, undefined],
      ['below the minimum', { draft: filled({ preset: undefined, customAmount: '4', coverFee: true }) }, undefined, undefined, undefined],
      ['above the maximum', { language: 'pt', draft: filled({ preset: undefined, customAmount: '100000000', coverFee: true }) }, undefined, undefined, undefined],
      ['a preset above the maximum', { draft: filled({ preset: 10_000_100 }) }, undefined, undefined, undefined],
      ['at the minimum', { draft: filled({ preset: undefined, customAmount: '5' }) }, 500, 42, 500],
      ['at the maximum, before validation is here', { validate: undefined, draft: filled({ preset: 10_000_000 }) }, 10_000_000, 224_980, 10_000_000],
      ['below the minimum, before validation is here', { validate: undefined, draft: filled({ preset: undefined, customAmount: '4' }) }, undefined, undefined, undefined],
      ['another currency', { language: 'pt', draft: filled({ preset: undefined, customAmount: 'R$ 30' }) }, undefined, undefined, undefined],
      ['spaces that are not thousands', { draft: filled({ preset: undefined, customAmount: '25 50' }) }, undefined, undefined, undefined],
    ];
    for (const [name, change, gift, feeIfCovered, total] of cases) {
      it(name, () => {
        const state = formState(inputs(change));
        expect([state.gift, state.feeIfCovered, state.total]).to.deep.equal([gift, feeIfCovered, total]);
      });
    }
  });

  describe('errors and what may be submitted', () => {
    const tribute = { kind: 'honor' as const, name: '', notifyEmail: 'nope', message: '' };
    // [case, inputs, every error, the request's gift when it may be submitted]
    const cases: Array<[string, Partial<FormInputs>, FieldError[], number | undefined]> = [
      ['a whole draft may be submitted', {}, [], 10_000],
      ['before validation is here, nothing is wrong and nothing may be submitted', { validate: undefined, draft: emptyDraft('once') }, [], undefined],
      ['an unreadable amount says so, not "too small"', { draft: filled({ preset: undefined, customAmount: '12,3,4' }) }, [{ code: 'amount_invalid', field: 'gift' }], undefined],
      ['no amount is required', { draft: filled({ preset: undefined }) }, [{ code: 'amount_required', field: 'gift' }], undefined],
      ['below the minimum', { draft: filled({ preset: undefined, customAmount: '4' }) }, [{ code: 'amount_too_small', field: 'gift' }], undefined],
      ['zero is below the minimum', { draft: filled({ preset: undefined, customAmount: '0' }) }, [{ code: 'amount_too_small', field: 'gift' }], undefined],
      ['another currency says gifts are in the campaign\'s', { language: 'pt', draft: filled({ preset: undefined, customAmount: 'R$ 30' }) }, [{ code: 'amount_wrong_currency', field: 'gift' }], undefined],
      ['a trailing decimal mark may be submitted', { language: 'es', draft: filled({ preset: undefined, customAmount: '25,' }) }, [], 2_500],
      ['above the maximum', { draft: filled({ preset: 10_000_100 }) }, [{ code: 'amount_too_large', field: 'gift' }], undefined],
      ['the donor left out', { draft: filled({ donor: { name: '', email: 'ana@' } }) }, [{ code: 'email_invalid', field: 'donor.email' }, { code: 'name_required', field: 'donor.name' }], undefined],
      ['tribute problems by field', { draft: filled({ withTribute: true, tribute }) }, [{ code: 'tribute_name_required', field: 'tribute.name' }, { code: 'tribute_email_invalid', field: 'tribute.notifyEmail' }], undefined],
      ['a tribute not asked for is left out, however filled', { draft: filled({ tribute }) }, [], 10_000],
      ['a currency the endpoint does not take', { currency: 'EUR' }, [{ code: 'currency_unsupported', field: 'currency' }], undefined],
    ];
    for (const [name, change, errors, gift] of cases) {
      it(name, () => {
        const state = formState(inputs(change));
        expect(state.errors).to.deep.equal(errors);
        expect(state.request?.gift).to.equal(gift);
      });
    }

    it('the request is the contract\'s, with the language and no tribute unless asked for', () => {
      expect(formState(inputs({ language: 'pt', draft: filled({ coverFee: true, anonymous: true }) })).request).to.deep.equal({
        campaign: 'mira',
        currency: 'USD',
        gift: 10_000,
        frequency: 'once',
        coverFee: true,
        donor: { name: 'Ana', email: 'ana@example.org' },
        anonymous: true,
        locale: 'pt',
        website: '',
      });
    });
  });

  describe('which errors show', () => {
    const empty = filled({ donor: { name: '', email: '' } });
    const endpointErrors = [{ code: 'email_invalid' as const, field: 'donor.email' }];
    const tribute = { kind: 'honor' as const, name: '', notifyEmail: '', message: '' };
    // [case, inputs, the fields whose error shows, the fields the summary beside Donate names, the errors no field shows]
    const cases: Array<[string, Partial<FormInputs>, string[], string[], FieldError[]]> = [
      ['none on a fresh form', { draft: empty }, [], [], []],
      ['none before Donate for fields merely passed through (not touched)', { draft: empty, touched: new Set() }, [], [], []],
      ['a field the donor typed in and left', { draft: empty, touched: new Set(['donor.email']) }, ['donor.email'], [], []],
      ['a touched field that is right shows nothing', { touched: new Set(['donor.email']) }, [], [], []],
      ['every field after Donate, and the summary names them in form order', { draft: { ...empty, withTribute: true, tribute }, submitted: true }, ['tribute.name', 'donor.name', 'donor.email'], ['tribute.name', 'donor.name', 'donor.email'], []],
      ['the amount first, where the form shows it', { draft: { ...empty, preset: undefined, customAmount: '2' }, submitted: true }, ['gift', 'donor.name', 'donor.email'], ['gift', 'donor.name', 'donor.email'], []],
      ['after Donate, a field fixed leaves the summary', { draft: filled({ donor: { name: 'Ana', email: '' } }), submitted: true }, ['donor.email'], ['donor.email'], []],
      ["the endpoint's, whether or not the field was left", { endpointErrors }, ['donor.email'], [], []],
      ['an error no field shows, only after Donate', { currency: 'EUR' }, [], [], []],
      ['an error no field shows, after Donate', { currency: 'EUR', submitted: true }, [], [], [{ code: 'currency_unsupported', field: 'currency' }]],
    ];
    for (const [name, change, fields, toFix, unplaced] of cases) {
      it(name, () => {
        const state = formState(inputs(change));
        expect(Object.keys(state.shown).sort()).to.deep.equal([...fields].sort());
        expect(state.toFix).to.deep.equal(toFix);
        expect(state.unplaced).to.deep.equal(unplaced);
      });
    }
  });
});
