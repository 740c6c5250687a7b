import { afterEach, describe, it } from './mocha.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/widget/mira-donate.js';
import type { MiraDonate } from '../../src/widget/mira-donate.js';
import type { DonateChangeEvent, DonateSubmitEvent } from '../../src/widget/mira-donate.events.js';
import { CONFIG, byId, checked, click, fillDonor, focused, option, part, parts, press, settle, text, tributeDetails, type, typeInto } from './helpers.js';
import { ENDPOINT, json, restoreFetch, stubEndpoint } from './first-intent/fakes.js';

/** A form with no endpoint, so nothing leaves the page. */
const form = () => fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang="en"></mira-donate>`);

describe('<mira-donate>', () => {
  afterEach(restoreFetch);

  it('is accessible', async () => {
    const el = await form();
    await expect(el).to.be.accessible();
  });

  it('starts with a one-time $50 gift, the fee not covered, in English', async () => {
    const el = await form();
    expect(checked(el, 'frequency-option')).to.equal('One time');
    expect(parts(el, 'amount-option').map(text)).to.deep.equal(['$25', '$50', '$100', '$250']);
    expect(checked(el, 'amount-option')).to.equal('$50');
    expect(checked(el, 'fee-option')).to.equal('No, thanks');
    expect(text(part(el, 'summary'))).to.equal('You give $50 today. MIRA receives $50.');
    expect(text(part(el, 'submit-button'))).to.equal('Donate $50');
    expect(part(el, 'progress')).to.equal(null);
  });

  describe('when the donor chooses a frequency', () => {
    it('by mouse, the monthly amounts read "/month" and the button says so', async () => {
      const el = await form();
      await click(option(el, 'frequency-option', 'Monthly'));
      await settle(el);
      expect(checked(el, 'frequency-option')).to.equal('Monthly');
      expect(parts(el, 'amount-option').map(text)).to.deep.equal(['$10/month', '$25/month', '$50/month', '$100/month']);
      expect(checked(el, 'amount-option')).to.equal('$25/month');
      expect(text(part(el, 'submit-button'))).to.equal('Donate $25/month');
      expect(el.frequency).to.equal('month');
    });

    it('by keyboard, arrow keys move and select within one tab stop', async () => {
      const el = await form();
      const radios = parts(el, 'frequency-option');
      expect(radios.map((radio) => radio.tabIndex)).to.deep.equal([0, -1, -1]);
      radios[0].focus();
      await press('ArrowRight');
      await settle(el);
      expect(checked(el, 'frequency-option')).to.equal('Monthly');
      expect(focused(el)).to.equal(radios[1]);
      await press('ArrowDown');
      await settle(el);
      expect(checked(el, 'frequency-option')).to.equal('Annual');
      expect(parts(el, 'amount-option').map(text)[0]).to.equal('$100/year');
      await press('ArrowRight');
      await settle(el);
      expect(checked(el, 'frequency-option')).to.equal('One time');
      await press('End');
      await settle(el);
      expect(checked(el, 'frequency-option')).to.equal('Annual');
      expect(parts(el, 'frequency-option').map((radio) => radio.tabIndex)).to.deep.equal([-1, -1, 0]);
    });

    it('offers only the frequencies asked for, and hides the group with one', async () => {
      const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="en" frequencies="once month"></mira-donate>`);
      expect(parts(el, 'frequency-option').map(text)).to.deep.equal(['One time', 'Monthly']);
      const single = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="en" frequencies="month"></mira-donate>`);
      expect(parts(single, 'frequency-option')).to.have.length(0);
      expect(text(part(single, 'submit-button'))).to.equal('Donate $25/month');
    });
  });

  describe('when the donor chooses an amount', () => {
    it('by mouse, a preset is the gift', async () => {
      const el = await form();
      await click(option(el, 'amount-option', '$250'));
      await settle(el);
      expect(checked(el, 'amount-option')).to.equal('$250');
      expect(text(part(el, 'summary'))).to.equal('You give $250 today. MIRA receives $250.');
    });

    it('by keyboard, arrows walk the presets from one tab stop', async () => {
      const el = await form();
      const presets = parts(el, 'amount-option');
      expect(presets.filter((preset) => preset.tabIndex === 0)).to.deep.equal([presets[1]]);
      presets[1].focus();
      await press('ArrowLeft');
      await settle(el);
      expect(checked(el, 'amount-option')).to.equal('$25');
      expect(focused(el)).to.equal(presets[0]);
    });

    it('reads typed amounts the way each language writes them', async () => {
      const cases: Array<[string, string, string]> = [
        ['en', '1,000', 'Donate $1,000'],
        ['en', '25.50', 'Donate $25.50'],
        ['es', '25,50', 'Donar $25.50'],
        ['pt', '1.000,50', 'Doar US$ 1.000,50'],
        ['pt', '25,50', 'Doar US$ 25,50'],
      ];
      for (const [lang, typed, button] of cases) {
        const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang=${lang}></mira-donate>`);
        await typeInto(byId(el, 'custom-amount'), typed);
        await settle(el);
        expect(text(part(el, 'submit-button')).replace(/\u00a0/g, ' '), `${lang} ${typed}`).to.equal(button);
        expect(checked(el, 'amount-option'), 'no preset stays chosen').to.equal('');
      }
    });

    it('follows presets set by code, choosing the usual one when the old choice is gone', async () => {
      const el = await form();
      el.amounts = '10 20 30';
      await settle(el);
      expect(parts(el, 'amount-option').map(text)).to.deep.equal(['$10', '$20', '$30']);
      expect(checked(el, 'amount-option')).to.equal('$20');
      expect(text(part(el, 'submit-button'))).to.equal('Donate $20');
    });

    it('says so inline when the amount is under the minimum, once the donor leaves the field', async () => {
      const el = await form();
      const input = byId<HTMLInputElement>(el, 'custom-amount');
      await typeInto(input, '2');
      await settle(el);
      expect(byId(el, 'custom-amount-error')).to.equal(null);
      await press('Tab');
      await settle(el);
      expect(text(byId(el, 'custom-amount-error'))).to.equal('The smallest gift is $5.');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('custom-amount-error');
    });
  });

  describe('when the donor covers the fee', () => {
    it('shows the exact fee and the grossed-up total', async () => {
      const el = await form();
      await click(option(el, 'amount-option', '$100'));
      await settle(el);
      expect(text(parts(el, 'fee-option')[0])).to.equal('Add $2.56 so MIRA receives the full $100');
      await click(parts(el, 'fee-option')[0]);
      await settle(el);
      expect(checked(el, 'fee-option')).to.equal('Add $2.56 so MIRA receives the full $100');
      expect(text(part(el, 'summary'))).to.equal('You give $102.56 today. MIRA receives $100.');
      expect(text(part(el, 'submit-button'))).to.equal('Donate $102.56');
    });

    it('by keyboard, an arrow key switches between cover and no thanks', async () => {
      const el = await form();
      const choices = parts(el, 'fee-option');
      expect(choices[1].tabIndex).to.equal(0);
      choices[1].focus();
      await press('ArrowUp');
      await settle(el);
      expect(checked(el, 'fee-option')).to.contain('Add $1.44 so MIRA receives the full $50');
    });
  });

  describe('when the donor gives in honor or memory of someone', () => {
    it('opens the tribute fields and puts them in the request', async () => {
      const el = await form();
      await click(el.shadowRoot!.querySelector('[part~="tribute"] input[type=checkbox]')!);
      await tributeDetails(el);
      await click(option(el, 'tribute-kind', 'In memory of'));
      await typeInto(byId(el, 'tribute-name'), 'Rosa Parks');
      await typeInto(byId(el, 'tribute-message'), 'With love');
      await fillDonor(el);
      const submitted = oneEvent(el, 'mira-donate-submit') as Promise<DonateSubmitEvent>;
      await click(part(el, 'submit-button'));
      const { detail } = await submitted;
      expect(JSON.parse(JSON.stringify(detail.request.tribute))).to.deep.equal({ kind: 'memory', name: 'Rosa Parks', message: 'With love' });
    });

    it('by keyboard, Space opens the tribute and arrows choose honor or memory', async () => {
      const el = await form();
      el.shadowRoot!.querySelector<HTMLInputElement>('[part~="tribute"] input[type=checkbox]')!.focus();
      await press('Space');
      await tributeDetails(el);
      expect(focused(el), 'focus stays on the checkbox').to.equal(el.shadowRoot!.querySelector('[part~="tribute"] input[type=checkbox]'));
      await press('Tab');
      expect(text(focused(el))).to.equal('In honor of');
      await press('ArrowRight');
      await settle(el);
      expect(checked(el, 'tribute-kind')).to.equal('In memory of');
      await press('Tab');
      expect(focused(el)).to.equal(byId(el, 'tribute-name'));
    });

    it('renders whatever is typed as text, never as markup', async () => {
      const el = await form();
      const hostile = '<img src=x onerror="window.__pwned=1">';
      await click(el.shadowRoot!.querySelector('[part~="tribute"] input[type=checkbox]')!);
      await tributeDetails(el);
      await typeInto(byId(el, 'tribute-name'), hostile);
      await typeInto(byId(el, 'custom-amount'), hostile);
      await press('Tab');
      await settle(el);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      expect(byId<HTMLInputElement>(el, 'tribute-name').value).to.equal(hostile);
      expect(text(byId(el, 'custom-amount-error'))).to.equal('Please type an amount like 25 or 25.50.');
    });
  });

  describe('when the donor presses Donate', () => {
    it('with fields missing, shows each error, fires nothing and focuses the first field to fix', async () => {
      const el = await form();
      let fired = 0;
      el.addEventListener('mira-donate-submit', () => fired++);
      await click(part(el, 'submit-button'));
      await settle(el);
      expect(fired).to.equal(0);
      expect(text(byId(el, 'donor-name-error'))).to.equal('Please enter your name.');
      expect(text(byId(el, 'donor-email-error'))).to.equal('Please enter your email so we can send your receipt.');
      expect(text(byId(el, 'error-summary').querySelector('p'))).to.equal('Please check these fields:');
      expect([...byId(el, 'error-summary').querySelectorAll('a')].map(text)).to.deep.equal(['Full name', 'Email']);
      expect(focused(el)).to.equal(byId(el, 'donor-name'));
    });

    it('with everything valid, dispatches the contract request with an empty honeypot', async () => {
      const el = await form();
      await fillDonor(el, ' Ana Souza ', 'ana@example.org');
      const submitted = oneEvent(el, 'mira-donate-submit') as Promise<DonateSubmitEvent>;
      await click(part(el, 'submit-button'));
      const event = await submitted;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.request).to.deep.equal({
        campaign: 'mira',
        currency: 'USD',
        gift: 5000,
        frequency: 'once',
        coverFee: false,
        donor: { name: 'Ana Souza', email: 'ana@example.org' },
        anonymous: false,
        locale: 'en',
        website: '',
      });
    });

    it('keeps the honeypot out of sight, out of the tab order and out of autofill', async () => {
      const el = await form();
      const trap = byId<HTMLInputElement>(el, 'website');
      expect(trap.tabIndex).to.equal(-1);
      expect(trap.autocomplete).to.equal('off');
      expect(trap.closest('[aria-hidden="true"]')).to.not.equal(null);
      expect(trap.parentElement!.getBoundingClientRect().width).to.be.at.most(1);
    });

    it('a whole donation can be made with the keyboard alone', async () => {
      const start = await fixture<HTMLElement>(html`<div><button id="before">before</button><mira-donate campaign="mira" endpoint="" lang="en"></mira-donate></div>`);
      const el = start.querySelector('mira-donate')!;
      await el.updateComplete;
      start.querySelector<HTMLButtonElement>('#before')!.focus();
      const submitted = oneEvent(el, 'mira-donate-submit') as Promise<DonateSubmitEvent>;
      await press('Tab'); // language
      expect(focused(el)?.getAttribute('part')).to.equal('language-option');
      await press('Tab'); // frequency
      await press('ArrowRight'); // monthly
      await press('Tab'); // amounts
      await press('ArrowRight'); // $50/month
      await press('Tab'); // other amount
      await press('Tab'); // fee cover
      await press('ArrowUp'); // cover the fee
      await press('Tab'); // tribute checkbox
      await press('Tab'); // name
      await type('Ana Souza');
      await press('Tab'); // email
      await type('ana@example.org');
      await press('Tab'); // anonymous
      await press('Space');
      await press('Tab'); // Donate
      expect(focused(el)).to.equal(part(el, 'submit-button'));
      await press('Enter');
      const { detail } = await submitted;
      expect(detail.request).to.include({ frequency: 'month', gift: 5000, coverFee: true, anonymous: true });
      expect(detail.request.donor).to.deep.equal({ name: 'Ana Souza', email: 'ana@example.org' });
    });
  });

  describe('when the donor changes something', () => {
    it('fires mira-donate-change on user input, bubbling out of the shadow root, with no personal data', async () => {
      const el = await form();
      const changed = oneEvent(el, 'mira-donate-change') as Promise<DonateChangeEvent>;
      await click(option(el, 'amount-option', '$100'));
      const event = await changed;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ field: 'amount', frequency: 'once', gift: 10000, coverFee: false, currency: 'USD' });
    });

    it('never fires it when code sets a property', async () => {
      const el = await form();
      let fired = 0;
      el.addEventListener('mira-donate-change', () => fired++);
      el.frequency = 'year';
      el.amounts = '5 10';
      el.lang = 'es';
      el.campaign = 'other';
      await settle(el);
      expect(checked(el, 'frequency-option')).to.equal('Anual');
      expect(fired).to.equal(0);
    });

    it('keeps every choice when the language changes', async () => {
      const el = await form();
      await click(option(el, 'frequency-option', 'Monthly'));
      await typeInto(byId(el, 'donor-name'), 'Ana');
      await click(option(el, 'language-option', 'PT'));
      await settle(el);
      expect(checked(el, 'frequency-option')).to.equal('Mensal');
      expect(byId<HTMLInputElement>(el, 'donor-name').value).to.equal('Ana');
    });
  });

  describe('when the page loads the config from the endpoint', () => {
    it('uses its fee rates and limits', async () => {
      stubEndpoint({ '/api/config': () => json({ ...CONFIG, feeRates: { basisPoints: 290, fixed: 30 }, minimum: 1000 }) });
      const el = await fixture<MiraDonate>(html`<mira-donate endpoint=${ENDPOINT} lang="en"></mira-donate>`);
      await settle(el);
      await click(option(el, 'amount-option', '$100'));
      await click(parts(el, 'fee-option')[0]);
      await settle(el);
      expect(text(part(el, 'submit-button'))).to.equal('Donate $103.30');
      expect(text(byId(el, 'amount-limits'))).to.equal('From $10 to $100,000');
    });
  });
});
