/**
 * When the form says something is wrong, and how: never for a field the donor merely passed
 * through, not by submitting the whole form from the amount field, the hint before the error, a
 * summary beside Donate that names the fields and takes the donor to each, and required fields
 * marked as such for everyone.
 */
import { before, describe, it } from './mocha.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/widget/mira-donate.js';
import type { MiraDonate } from '../../src/widget/mira-donate.js';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import pt from '../../locales/pt.json';
import { byId, click, focused, part, parts, press, settle, text, tributeDetails, type, typeInto } from './helpers.js';

const labels = (terms: typeof en) => ({ name: terms.donor.name, email: terms.donor.email, amount: terms.amount.other });
const form = (lang = 'en') => fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang=${lang}></mira-donate>`);
const shownErrors = (el: MiraDonate) => [...el.shadowRoot!.querySelectorAll('[part~="error"]')].map(text).filter(Boolean);
const invalid = (el: MiraDonate) => [...el.shadowRoot!.querySelectorAll('[aria-invalid="true"]')].map((node) => node.id);
const submits = (el: MiraDonate) => {
  const seen = { count: 0 };
  el.shadowRoot!.querySelector('form')!.addEventListener('submit', () => seen.count++);
  return seen;
};

describe('<mira-donate> errors', () => {
  before(async () => {
    // Validation comes with the first-intent chunk: loaded once, so each test has it at once.
    const el = await form();
    byId(el, 'donor-name').focus();
    await waitUntil(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/first-intent/index.')), 'the first-intent chunk', { timeout: 5000 });
  });

  describe('before the first Donate', () => {
    it('says nothing about fields the donor tabbed through, forwards or backwards', async () => {
      const el = await form();
      await settle(el);
      byId(el, 'custom-amount').focus();
      for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await press(key);
        await settle(el);
      }
      expect(shownErrors(el)).to.deep.equal([]);
      expect(invalid(el)).to.deep.equal([]);
      // Those very fields do say so once the donor presses Donate.
      await click(part(el, 'submit-button'));
      await settle(el);
      expect(invalid(el)).to.deep.equal(['donor-name', 'donor-email']);
    });

    it('says what is wrong with a field the donor typed in, once they leave it', async () => {
      const el = await form();
      await typeInto(byId(el, 'donor-email'), 'ana@');
      await settle(el);
      expect(shownErrors(el), 'not while typing').to.deep.equal([]);
      await press('Tab');
      await settle(el);
      expect(shownErrors(el)).to.deep.equal(['Please enter an email like name@example.org.']);
    });
  });

  describe('Enter in Other amount (a phone\'s Go key)', () => {
    it('takes the amount and moves on to the fee cover, without submitting the form', async () => {
      const el = await form();
      const seen = submits(el);
      const amount = byId(el, 'custom-amount');
      expect(amount.getAttribute('enterkeyhint'), 'the key says "next"').to.equal('next');
      await typeInto(amount, '30');
      await press('Enter');
      await settle(el);
      expect(seen.count).to.equal(0);
      expect(shownErrors(el), 'no error for the fields below').to.deep.equal([]);
      expect(text(part(el, 'submit-button'))).to.equal('Donate $30');
      expect(focused(el)).to.equal(parts(el, 'fee-option').find((option) => option.tabIndex === 0));
    });

    it('says at once when the amount it takes is wrong', async () => {
      const el = await form();
      const seen = submits(el);
      await typeInto(byId(el, 'custom-amount'), '2');
      await press('Enter');
      await settle(el);
      expect(seen.count).to.equal(0);
      expect(text(byId(el, 'custom-amount-error'))).to.equal('The smallest gift is $5.');
    });
  });

  describe('a field with a hint and an error', () => {
    for (const [field, hint] of [['custom-amount', 'amount-limits'], ['donor-email', 'donor-email-hint']]) {
      it(`${field}: the hint stands between the field and its error, and both describe the field`, async () => {
        const el = await form();
        if (field === 'custom-amount') await typeInto(byId(el, field), '2');
        await click(part(el, 'submit-button'));
        await settle(el);
        const input = byId(el, field);
        const error = byId(el, `${field}-error`);
        expect(text(error)).to.not.equal('');
        const follows = (a: Node, b: Node) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
        expect(follows(input, byId(el, hint)) && follows(byId(el, hint), error), 'field, hint, error').to.equal(true);
        expect(byId(el, hint).getBoundingClientRect().top).to.be.below(error.getBoundingClientRect().top);
        expect(input.getAttribute('aria-describedby')).to.equal(`${hint} ${field}-error`);
      });
    }
  });

  describe('the summary beside Donate', () => {
    // The fields by the labels the donor reads above them, in their language.
    const words = {
      en: { lead: 'Please check these fields:', ...labels(en) },
      es: { lead: 'Revisa estos campos:', ...labels(es) },
      pt: { lead: 'Confira estes campos:', ...labels(pt) },
    };
    for (const [lang, { lead, name, email, amount }] of Object.entries(words)) {
      it(`names each field to fix as a link to it, in form order, in ${lang}`, async () => {
        const el = await form(lang);
        await typeInto(byId(el, 'custom-amount'), '2');
        await click(part(el, 'submit-button'));
        await settle(el);
        const summary = byId(el, 'error-summary');
        expect(summary.getAttribute('role')).to.equal('alert');
        const links = [...summary.querySelectorAll('a')];
        expect(links.map(text)).to.deep.equal([amount, name, email]);
        expect(text(summary)).to.contain(lead);
        expect(text(summary), 'nothing that relies on sight').to.not.match(/highlighted|marcados|destacados/);
        // A click on a name takes the donor to its field.
        await click(links[2]);
        await settle(el);
        expect(focused(el)).to.equal(byId(el, 'donor-email'));
        // And so does Enter, for a keyboard.
        const again = [...byId(el, 'error-summary').querySelectorAll('a')];
        again[1].focus();
        await press('Enter');
        await settle(el);
        expect(focused(el)).to.equal(byId(el, 'donor-name'));
        expect(location.hash, 'the host page\'s address is left alone').to.equal('');
        await expect(el).to.be.accessible();
      });
    }

    it('follows the fields as the donor fixes them', async () => {
      const el = await form();
      await click(part(el, 'submit-button'));
      await settle(el);
      await typeInto(byId(el, 'donor-name'), 'Ana');
      await settle(el);
      expect([...byId(el, 'error-summary').querySelectorAll('a')].map(text)).to.deep.equal(['Email']);
    });
  });

  describe('required fields', () => {
    const marks = { en: '(required)', es: '(obligatorio)', pt: '(obrigatório)' } as const;
    for (const [lang, mark] of Object.entries(marks)) {
      it(`are required for assistive technology and marked in words, in ${lang}`, async () => {
        const el = await form(lang);
        await click(el.shadowRoot!.querySelector('[part~="tribute"] input[type=checkbox]')!);
        await tributeDetails(el);
        const label = (id: string) => text(el.shadowRoot!.querySelector(`label[for="${id}"]`));
        for (const id of ['donor-name', 'donor-email', 'tribute-name']) {
          expect(byId<HTMLInputElement>(el, id).required, id).to.equal(true);
          expect(label(id), id).to.contain(mark);
        }
        for (const id of ['tribute-email', 'tribute-message']) {
          expect(byId<HTMLInputElement>(el, id).required, id).to.equal(false);
          expect(label(id), id).to.not.contain(mark);
        }
        await expect(el).to.be.accessible();
      });
    }
  });

  it('typing in a field after a Donate updates its error as the donor goes', async () => {
    const el = await form();
    await click(part(el, 'submit-button'));
    await waitUntil(() => focused(el) === byId(el, 'donor-name'), 'focus on the first field to fix');
    byId(el, 'donor-email').focus();
    await type('ana@example.org');
    await settle(el);
    expect(byId<HTMLInputElement>(el, 'donor-email').value, 'typed').to.equal('ana@example.org');
    expect(focused(el)).to.equal(byId(el, 'donor-email'));
    expect(byId(el, 'donor-email').getAttribute('aria-invalid')).to.equal('false');
  });
});
