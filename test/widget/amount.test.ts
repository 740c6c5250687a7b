/**
 * The amount as a donor types it and the fee cover as a donor reads it, in each language: the field
 * says which currency it takes, another currency is refused in words, nothing shows a figure for a gift
 * the form cannot take, and the fee cover says what it adds, with the decline drawn like the accept.
 */
import { afterEach, describe, it } from './mocha.js';
import { expect, fixture, html } from '@open-wc/testing';
import 'axe-core/axe.min.js';
import '../../src/widget/mira-donate.js';
import type { MiraDonate } from '../../src/widget/mira-donate.js';
import { byId, checked, click, option, part, parts, settle, text, typeInto } from './helpers.js';
import { restoreFetch } from './first-intent/fakes.js';

type Lang = 'en' | 'es' | 'pt';
const form = async (lang: Lang) => {
  const el = await fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang=${lang}></mira-donate>`);
  await settle(el);
  return el;
};
/** Intl separates "US$" from the figures with a no-break space; a donor reads a space. */
const plain = (node: Element | null | undefined) => text(node).replace(/[\u00a0\u202f]/g, ' ');

interface Axe {
  setup(node: Node): void;
  teardown(): void;
  utils: { getNodeFromTree(node: Node): unknown };
  commons: { text: { accessibleTextVirtual(node: unknown): string } };
}

/** The name a screen reader announces for the node, as axe computes it (through shadow roots too). */
function accessibleName(node: Element): string {
  const axe = (window as unknown as { axe: Axe }).axe;
  axe.setup(document.documentElement);
  try {
    return axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(node)).replace(/[\u00a0\u202f]/g, ' ');
  } finally {
    axe.teardown();
  }
}

describe('the amount a donor types', () => {
  afterEach(restoreFetch);

  for (const [lang, sign, label] of [
    ['en', '$', 'Other amount'],
    ['es', '$', 'Otro monto'],
    ['pt', 'US$', 'Outro valor'],
  ] as const) {
    it(`shows the currency beside the field, in ${lang}, and names it with the field`, async () => {
      const el = await form(lang);
      const input = byId<HTMLInputElement>(el, 'custom-amount');
      const affix = byId(el, 'custom-amount-currency');
      expect(plain(affix)).to.equal(sign);
      const a = affix.getBoundingClientRect();
      const i = input.getBoundingClientRect();
      expect(a.width, 'the sign is drawn').to.be.greaterThan(4);
      expect(a.right, 'before the field').to.be.at.most(i.left + 1);
      expect(Math.abs(a.top + a.height / 2 - (i.top + i.height / 2)), 'on the field\'s line').to.be.below(2);
      expect(getComputedStyle(affix).visibility).to.equal('visible');
      expect(accessibleName(input)).to.equal(`${label} ${sign}`);
      await expect(el).to.be.accessible();
    });
  }

  // [language, typed, the Donate button before anything is pressed, the amount's error after Donate]
  const cases: Array<[Lang, string, string, string | null]> = [
    ['pt', 'R$ 30', 'Doar', 'As doações aqui são em dólares americanos. Digite só o valor, como 25 ou 25,50.'],
    ['es', '€30', 'Donar', 'Las donaciones aquí son en dólares estadounidenses. Escribe solo el monto, como 25 o 25.50.'],
    ['en', 'EUR 30', 'Donate', 'Gifts here are in US dollars. Please type just the amount, like 25 or 25.50.'],
    ['en', '25 50', 'Donate', 'Please type an amount like 25 or 25.50.'],
    ['en', '0', 'Donate', 'The smallest gift is $5.'],
    ['en', '4', 'Donate', 'The smallest gift is $5.'],
    ['pt', '100000000', 'Doar', 'A doação máxima on-line é de US$ 100.000. Para doações maiores, fale com a MIRA.'],
    ['en', '5.', 'Donate $5', null],
    ['pt', '5,', 'Doar US$ 5', null],
    ['es', '1 000', 'Donar $1,000', null],
    ['pt', 'US$ 30', 'Doar US$ 30', null],
  ];
  for (const [lang, typed, button, error] of cases) {
    it(`${lang} ${JSON.stringify(typed)}: ${error ? 'refused, and no figure shows' : button}`, async () => {
      const el = await form(lang);
      // Covering the fee, where no figure may show: a total or a fee would then differ from what was typed.
      if (error) await click(parts(el, 'fee-option')[0]);
      await typeInto(byId(el, 'custom-amount'), typed);
      await settle(el);
      expect(plain(part(el, 'submit-button'))).to.equal(button);
      if (error) {
        // No figure anywhere but the limits, the presets and the error itself.
        expect(text(part(el, 'summary')), 'summary').to.not.match(/\d/);
        for (const choice of parts(el, 'fee-option')) expect(text(choice), 'fee cover').to.not.match(/\d/);
      }
      await el.submit();
      await settle(el);
      const shown = byId(el, 'custom-amount-error');
      expect(shown && plain(shown)).to.equal(error);
      expect(byId(el, 'custom-amount').getAttribute('aria-invalid')).to.equal(error ? 'true' : 'false');
    });
  }

  it('shows no total beside the maximum error, however large the amount', async () => {
    const el = await form('pt');
    await click(parts(el, 'fee-option')[0]);
    await typeInto(byId(el, 'custom-amount'), '100000000');
    await el.submit();
    await settle(el);
    expect(plain(part(el, 'form'))).to.not.contain('102.249.489');
    expect(plain(part(el, 'form'))).to.not.contain('100.000.000');
  });
});

describe('the fee cover', () => {
  afterEach(restoreFetch);

  // [language, the cover for the default $50, the cover for $100, the decline]
  const cases: Array<[Lang, string, string, string, string]> = [
    ['en', 'Be More Extraordinary', 'Add $1.44 so MIRA receives the full $50', 'Add $2.56 so MIRA receives the full $100', 'No, thanks'],
    ['es', 'Llega aún más lejos', 'Agrega $1.44 para que MIRA reciba tus $50 completos', 'Agrega $2.56 para que MIRA reciba tus $100 completos', 'No, gracias'],
    ['pt', 'Vá ainda mais longe', 'Adicione US$ 1,44 para a MIRA receber o valor integral de US$ 50', 'Adicione US$ 2,56 para a MIRA receber o valor integral de US$ 100', 'Não, prefiro não'],
  ];
  for (const [lang, legend, cover50, cover100, decline] of cases) {
    it(`says plainly what covering adds for the gift chosen, in ${lang}`, async () => {
      const el = await form(lang);
      expect(text(byId(el, 'fee-legend'))).to.equal(legend);
      expect(parts(el, 'fee-option').map(plain)).to.deep.equal([cover50, decline]);
      await click(option(el, 'amount-option', lang === 'pt' ? 'US$ 100' : '$100'));
      await settle(el);
      expect(plain(parts(el, 'fee-option')[0])).to.equal(cover100);
      expect(checked(el, 'fee-option'), 'the decline stays chosen').to.equal(decline);
    });
  }

  it('draws the decline no heavier than the accept, chosen or not', async () => {
    const el = await form('en');
    const [accept, decline] = parts(el, 'fee-option');
    const look = (node: HTMLElement) => {
      const style = getComputedStyle(node);
      return { weight: style.fontWeight, size: style.fontSize, background: style.backgroundColor, color: style.color };
    };
    const mark = (node: HTMLElement) => getComputedStyle(node, '::before').borderTopWidth;
    for (const choose of [null, accept, decline]) {
      if (choose) await click(choose);
      await settle(el);
      const chosen = accept.getAttribute('aria-checked') === 'true' ? accept : decline;
      const other = chosen === accept ? decline : accept;
      expect(look(chosen), 'the chosen one looks like the other').to.deep.equal(look(other));
      expect(mark(chosen), 'but has its mark filled').to.not.equal(mark(other));
    }
  });
});
