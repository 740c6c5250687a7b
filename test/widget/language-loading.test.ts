/**
 * Spanish and Portuguese load when the form is to speak them (English is in the first-load script):
 * nothing untranslated shows while they come, and a language that cannot load leaves the form in
 * the language it speaks, saying nothing broke. Its own file: a language, once loaded, stays for
 * the page.
 */
import { afterEach, describe, it } from './mocha.js';
import { expect, fixture, html } from '@open-wc/testing';
import { MiraDonate } from '../../src/widget/mira-donate.js';
import type { Terms } from '../../src/widget/terms.js';
import { checked, click, option, part, settle, text } from './helpers.js';

const loads = MiraDonate.loads;
afterEach(() => {
  MiraDonate.loads = loads;
});

/** The languages' loader, answering when the test says. */
function slowLanguages() {
  const asked: string[] = [];
  let answer!: (outcome: 'load' | 'fail') => void;
  MiraDonate.loads = {
    ...loads,
    language: (language) => {
      asked.push(language);
      return new Promise<Terms>((resolve, reject) => {
        answer = (outcome) => (outcome === 'load' ? resolve(loads.language(language)) : reject(new TypeError('Failed to fetch')));
      });
    },
  };
  return { asked, answer: (outcome: 'load' | 'fail') => answer(outcome) };
}

const pause = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));
/** What a donor reads, and any i18n key left showing (`group.key`). */
const keysShowing = (el: MiraDonate) => (el.shadowRoot!.textContent ?? '').match(/\b[a-z]+[A-Z]?[a-z]*\.[a-z][A-Za-z]+\b/g) ?? [];

describe('<mira-donate> loading a language', () => {
  // Declared first: Spanish is not in this page yet.
  it('on a page in a language not loaded yet, the first render is already in it: nothing shows before, no English first', async () => {
    const languages = slowLanguages();
    const wrapper = await fixture<HTMLElement>(html`<div></div>`);
    const el = document.createElement('mira-donate') as MiraDonate;
    el.setAttribute('endpoint', '');
    el.setAttribute('lang', 'es');
    wrapper.append(el);
    await pause();
    expect(languages.asked).to.deep.equal(['es']);
    expect(el.hasUpdated).to.equal(false);
    expect(el.shadowRoot!.textContent?.trim() ?? '').to.equal('');
    languages.answer('load');
    await el.updateComplete;
    expect(text(part(el, 'submit-button'))).to.equal('Donar $50');
    expect(part(el, 'base').getAttribute('lang')).to.equal('es');
  });

  it('when it cannot load, stays in its language, shows no error and tells the page of no change; the next press tries again', async () => {
    const languages = slowLanguages();
    const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="en"></mira-donate>`);
    const changes: string[] = [];
    el.addEventListener('mira-donate-change', (event) => changes.push(event.detail.field));
    await click(option(el, 'language-option', 'PT'));
    languages.answer('fail');
    await settle(el);
    expect(text(part(el, 'submit-button'))).to.equal('Donate $50');
    expect(checked(el, 'language-option')).to.equal('EN');
    expect(part(el, 'base').getAttribute('lang')).to.equal('en');
    expect(el.shadowRoot!.querySelectorAll('[part~="error"]')).to.have.length(0);
    expect(changes).to.deep.equal([]);

    // While it loads, the form goes on in its language, still usable, with no key showing.
    await click(option(el, 'language-option', 'PT'));
    await click(option(el, 'amount-option', '$100'));
    await pause();
    expect(text(part(el, 'submit-button'))).to.equal('Donate $100');
    expect(checked(el, 'language-option')).to.equal('EN');
    expect(keysShowing(el)).to.deep.equal([]);
    languages.answer('load');
    await el.updateComplete;
    expect(languages.asked).to.deep.equal(['pt', 'pt']);
    expect(text(part(el, 'submit-button')).replace(/\u00a0/g, ' ')).to.equal('Doar US$ 100');
    expect(checked(el, 'language-option')).to.equal('PT');
    expect(keysShowing(el)).to.deep.equal([]);
    expect(changes).to.deep.equal(['amount', 'lang']);
  });
});
