import { afterEach, describe, it } from './mocha.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/widget/mira-donate.js';
import type { MiraDonate } from '../../src/widget/mira-donate.js';
import type { DonateChangeEvent } from '../../src/widget/mira-donate.events.js';
import { checked, click, focused, option, part, parts, press, settle, text } from './helpers.js';

describe('<mira-donate> languages', () => {
  const pageLang = document.documentElement.getAttribute('lang');
  afterEach(() => {
    if (pageLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', pageLang);
  });

  it('is accessible', async () => {
    const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="pt"></mira-donate>`);
    await expect(el).to.be.accessible();
  });

  it('speaks English by default in an English browser, with the language marked on its content', async () => {
    const el = await fixture<MiraDonate>(html`<mira-donate endpoint=""></mira-donate>`);
    expect(navigator.language.startsWith('en')).to.equal(true);
    expect(text(part(el, 'submit-button'))).to.equal('Donate $50');
    expect(part(el, 'base').getAttribute('lang')).to.equal('en');
  });

  describe('when the language is chosen by the page', () => {
    it('follows its own lang attribute', async () => {
      const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="es"></mira-donate>`);
      expect(text(part(el, 'submit-button'))).to.equal('Donar $50');
      expect(checked(el, 'frequency-option')).to.equal('Única');
    });

    it('follows the nearest [lang] ancestor, and pt-BR means Portuguese', async () => {
      const wrapper = await fixture<HTMLElement>(html`<section lang="pt-BR"><div><mira-donate endpoint=""></mira-donate></div></section>`);
      const el = wrapper.querySelector('mira-donate')!;
      await el.updateComplete;
      expect(text(part(el, 'submit-button')).replace(/\u00a0/g, ' ')).to.equal('Doar US$ 50');
      expect(part(el, 'base').getAttribute('lang')).to.equal('pt');
    });

    it('skips a language it does not speak and goes on to the next clue', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div lang="es"><mira-donate endpoint="" lang="fr"></mira-donate></div>`);
      const el = wrapper.querySelector('mira-donate')!;
      await el.updateComplete;
      expect(text(part(el, 'submit-button'))).to.equal('Donar $50');
    });

    it('follows <html lang> when the page changes it', async () => {
      document.documentElement.setAttribute('lang', 'en');
      const el = await fixture<MiraDonate>(html`<mira-donate endpoint=""></mira-donate>`);
      document.documentElement.setAttribute('lang', 'es');
      await settle(el);
      expect(text(part(el, 'submit-button'))).to.equal('Donar $50');
    });
  });

  describe('when the donor uses the EN / ES / PT switch', () => {
    it('names each language in that language, starting with the code it shows, marked with its lang', async () => {
      const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="en"></mira-donate>`);
      const buttons = parts(el, 'language-option');
      expect(buttons.map((b) => [text(b), b.getAttribute('lang'), b.getAttribute('aria-label')])).to.deep.equal([
        ['EN', 'en', 'EN – English'],
        ['ES', 'es', 'ES – Español'],
        ['PT', 'pt', 'PT – Português'],
      ]);
    });

    it('by mouse, switches every string and tells the page', async () => {
      const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="en"></mira-donate>`);
      const changed = oneEvent(el, 'mira-donate-change') as Promise<DonateChangeEvent>;
      await click(option(el, 'language-option', 'ES'));
      expect((await changed).detail.field).to.equal('lang');
      await settle(el);
      expect(el.getAttribute('lang')).to.equal('es');
      expect(text(part(el, 'summary'))).to.equal('Pagas $50 hoy y MIRA recibe $50.');
      expect(part(el, 'form').getAttribute('aria-label')).to.equal('Dona a MIRA');
      expect(part(el, 'language-switch').getAttribute('aria-label')).to.equal('Idioma');
    });

    it('by keyboard, arrows move through the languages and Space chooses one', async () => {
      const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="en"></mira-donate>`);
      parts(el, 'language-option')[0].focus();
      await press('ArrowLeft');
      await settle(el);
      expect(checked(el, 'language-option'), 'not before Space').to.equal('EN');
      await press('Space');
      await settle(el);
      expect(checked(el, 'language-option')).to.equal('PT');
      expect(focused(el)).to.equal(parts(el, 'language-option')[2]);
      expect(text(part(el, 'submit-button')).replace(/\u00a0/g, ' ')).to.equal('Doar US$ 50');
    });
  });
});
