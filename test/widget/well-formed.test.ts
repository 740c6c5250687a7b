import { describe, it } from './mocha.js';
import { expect } from '@open-wc/testing';
import { validateDonation } from '../../src/core/donation.js';

// The same schema the endpoint uses, run by the browser: a lone surrogate (a half-pasted emoji)
// is caught inline with text_invalid on its field, before anything is sent.
const request = (name: string) => ({
  campaign: 'mira',
  currency: 'USD',
  gift: 2500,
  frequency: 'once',
  coverFee: false,
  donor: { email: 'ana@example.org', name },
  anonymous: false,
  locale: 'en',
});

describe('text that is not well-formed Unicode, in the browser', () => {
  it('is refused with text_invalid on its field', () => {
    expect(validateDonation(request('Ana \uD83D'))).to.deep.equal({ ok: false, errors: [{ code: 'text_invalid', field: 'donor.name' }] });
  });

  it('lets emoji and accents through', () => {
    expect(validateDonation(request('Zoë 😀 𠮷')).ok).to.equal(true);
  });
});
