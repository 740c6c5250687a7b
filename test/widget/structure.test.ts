/**
 * What a screen reader user finds and hears: headings to move by, the total spoken when it changes
 * (once, when the donor pauses, not at every key), and a language group they can walk with the arrow
 * keys without the whole form being translated under them at each press.
 */
import { describe, it } from './mocha.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/widget/mira-donate.js';
import type { MiraDonate } from '../../src/widget/mira-donate.js';
import type { DonateChangeEvent } from '../../src/widget/mira-donate.events.js';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import pt from '../../locales/pt.json';
import { byId, checked, click, focused, option, part, parts, press, settle, text, type } from './helpers.js';
import { sleep } from './first-intent/fakes.js';

const form = (lang = 'en') => fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang=${lang}></mira-donate>`);
const headings = (el: MiraDonate) => [...el.shadowRoot!.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')].map((node) => `${node.tagName} ${text(node)}`);

/** The live region that speaks the total, and every text it was given. */
function announcements(el: MiraDonate) {
  const region = el.shadowRoot!.querySelector<HTMLElement>('[aria-live="polite"]#summary-announcement')!;
  const said: string[] = [];
  new MutationObserver(() => {
    if (text(region)) said.push(text(region));
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return { region, said };
}

describe('<mira-donate> structure', () => {
  describe('headings', () => {
    for (const [lang, terms] of [['en', en], ['es', es], ['pt', pt]] as const) {
      it(`one for the form and one for each section, one level below it, in ${lang}`, async () => {
        const el = await form(lang);
        expect(headings(el)).to.deep.equal([
          `H2 ${terms.form.label}`,
          `H3 ${terms.frequency.legend}`,
          `H3 ${terms.amount.legend}`,
          `H3 ${terms.fee.legend}`,
          `H3 ${terms.donor.legend}`,
        ]);
        // The form and its groups are named by their headings.
        const named = (node: Element) => text(el.shadowRoot!.getElementById(node.getAttribute('aria-labelledby')!));
        expect(part(el, 'form').getAttribute('aria-label')).to.equal(terms.form.label);
        expect(named(part(el, 'frequency'))).to.equal(terms.frequency.legend);
        expect(named(part(el, 'amounts'))).to.equal(terms.amount.legend);
        expect(named(part(el, 'fee-cover'))).to.equal(terms.fee.legend);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('the total, spoken when it changes', () => {
    it('is a polite live region that says nothing on load', async () => {
      const el = await form();
      await settle(el);
      const { region } = announcements(el);
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(text(region)).to.equal('');
    });

    it('says the new total once when the donor stops typing, not at every key', async () => {
      const el = await form();
      await settle(el);
      const { said } = announcements(el);
      byId(el, 'custom-amount').focus();
      await type('2');
      await type('5');
      await type('0');
      await settle(el);
      expect(said, 'nothing while typing').to.deep.equal([]);
      await sleep(1500);
      expect(said).to.deep.equal([text(part(el, 'summary'))]);
      expect(said[0]).to.equal('You give $250 today. MIRA receives $250.');
    });

    it('says it after a choice, in the donor\'s language', async () => {
      const el = await form('pt');
      await settle(el);
      const { said } = announcements(el);
      await click(option(el, 'frequency-option', 'Mensal'));
      await sleep(1500);
      expect(said).to.deep.equal([text(part(el, 'summary'))]);
      expect(said[0]).to.contain('por mês');
    });

    it('says nothing when only the language changes: what is charged did not', async () => {
      const el = await form();
      await settle(el);
      const { said } = announcements(el);
      await click(option(el, 'language-option', 'ES'));
      await settle(el);
      await sleep(1500);
      expect(said).to.deep.equal([]);
    });
  });

  describe('the language group, by keyboard', () => {
    it('arrows move focus without translating the form; Space or Enter chooses', async () => {
      const el = await form();
      await settle(el);
      let changes = 0;
      el.addEventListener('mira-donate-change', () => changes++);
      const languages = parts(el, 'language-option');
      languages[0].focus();
      await press('ArrowRight');
      await settle(el);
      expect(focused(el)).to.equal(languages[1]);
      expect(part(el, 'base').getAttribute('lang'), 'still English').to.equal('en');
      expect(checked(el, 'language-option')).to.equal('EN');
      await press('ArrowRight');
      await settle(el);
      expect(focused(el)).to.equal(languages[2]);
      expect(part(el, 'base').getAttribute('lang')).to.equal('en');
      expect(changes).to.equal(0);
      const changed = oneEvent(el, 'mira-donate-change') as Promise<DonateChangeEvent>;
      await press('Space');
      expect((await changed).detail.field).to.equal('lang');
      await settle(el);
      expect(part(el, 'base').getAttribute('lang')).to.equal('pt');
      expect(checked(el, 'language-option')).to.equal('PT');
      expect(focused(el), 'focus stays on the chosen language').to.equal(parts(el, 'language-option')[2]);
      await press('ArrowLeft');
      await press('Enter');
      await settle(el);
      expect(part(el, 'base').getAttribute('lang')).to.equal('es');
      expect(changes).to.equal(2);
    });
  });
});
