/**
 * The first render's pace (controllers/first-render.ts): each update adds as many templates as the
 * last one's pace says fit in a short task, so a slow phone gets the form in more, shorter tasks and
 * a fast computer in one or two; and whatever the pace, the form comes whole, in document order.
 * The clock is made slow or fast here (performance.now), so the test does not hang on the machine's speed.
 */
import { afterEach, describe, it } from './mocha.js';
import { expect, fixture, html as fixtureHtml } from '@open-wc/testing';
import { html, LitElement, type TemplateResult } from 'lit';
import { FirstRenderController } from '../../src/widget/controllers/first-render.js';
import { MiraDonate } from '../../src/widget/mira-donate.js';

/** Ten sections of four lines: 51 templates, each section (5) always whole. */
const section = (i: number): TemplateResult => html`<section>${[0, 1, 2, 3].map((j) => html`<p>${i * 4 + j}</p>`)}</section>`;

class PacedForm extends LitElement {
  readonly firstRender = new FirstRenderController(this, []);
  /** Sections shown by each update, until the form is whole. */
  readonly shownByUpdate: number[] = [];

  protected override render(): TemplateResult {
    const s = section;
    return this.firstRender.shown(html`<div>${s(0)}${s(1)}${s(2)}${s(3)}${s(4)}${s(5)}${s(6)}${s(7)}${s(8)}${s(9)}</div>`);
  }

  protected override updated(): void {
    this.shownByUpdate.push(this.renderRoot.querySelectorAll('section').length);
  }
}
customElements.define('paced-form', PacedForm);

/**
 * Rows whose markup goes on after their parts, like a field with a currency sign before its input:
 * a row shown without its first parts would have them pushed in later, moving what is already shown.
 */
const row = (i: number): TemplateResult => {
  const part = (j: number) => html`<i>part ${i}.${j}</i>`;
  return html`<div class="row">${html`<span>sign ${i}</span>`}${part(0)}${part(1)}${part(2)}${part(3)}${part(4)}${part(5)}<b>input ${i}</b></div>`;
};

class RowsForm extends LitElement {
  readonly firstRender = new FirstRenderController(this, []);
  /** The text of every leaf shown by each update, in document order. */
  readonly leavesByUpdate: string[][] = [];

  protected override render(): TemplateResult {
    const [r, p] = [row, (i: number) => html`<p>note ${i}</p>`];
    return this.firstRender.shown(html`<form>${r(0)}${p(0)}${r(1)}${p(1)}${r(2)}${p(2)}${r(3)}${p(3)}${r(4)}${p(4)}${r(5)}${p(5)}</form>`);
  }

  protected override updated(): void {
    this.leavesByUpdate.push([...this.renderRoot.querySelectorAll('span, i, b, p')].map((leaf) => leaf.textContent!));
  }
}
customElements.define('rows-form', RowsForm);

/** Each reading of the clock `step` ms after the last: every update seems to take that long. */
function clockStepping(step: number): void {
  let time = 0;
  Object.defineProperty(performance, 'now', { value: () => (time += step), configurable: true });
}

afterEach(() => {
  delete (performance as { now?: unknown }).now;
});

async function firstRender(step: number): Promise<PacedForm> {
  clockStepping(step);
  const el = await fixture<PacedForm>(fixtureHtml`<paced-form></paced-form>`);
  await el.firstRender.rendered;
  return el;
}

async function rowsRender(step: number): Promise<RowsForm> {
  clockStepping(step);
  const el = await fixture<RowsForm>(fixtureHtml`<rows-form></rows-form>`);
  await el.firstRender.rendered;
  return el;
}

describe('the first render', () => {
  it('comes in one or two updates where updates are quick', async () => {
    const el = await firstRender(1);
    expect(el.shownByUpdate.length).to.be.at.most(2);
    expect(el.shownByUpdate.at(-1)).to.equal(10);
  });

  it('comes in more, smaller updates where updates are slow, a section at least each time, in order', async () => {
    const el = await firstRender(200);
    expect(el.shownByUpdate.length).to.be.at.least(6);
    expect(el.shownByUpdate.at(-1)).to.equal(10);
    el.shownByUpdate.forEach((shown, index) => index > 0 && expect(shown).to.be.greaterThan(el.shownByUpdate[index - 1]!));
    const [one, two, three] = [...el.renderRoot.querySelectorAll('p')].map((p) => p.textContent);
    expect([one, two, three]).to.deep.equal(['0', '1', '2']);
  });

  it('only ever adds below what it has shown: nothing shown moves as the rest arrives', async () => {
    for (const step of [1, 30, 200]) {
      const el = await rowsRender(step);
      const whole = el.leavesByUpdate.at(-1)!;
      expect(whole).to.have.length(6 * 9);
      if (step === 200) expect(el.leavesByUpdate.length, 'a slow clock gives several updates').to.be.at.least(3);
      for (const leaves of el.leavesByUpdate) expect(leaves, `with updates of ${step} ms`).to.deep.equal(whole.slice(0, leaves.length));
    }
  });
});

describe('<mira-donate>\'s first render, in however many parts', () => {
  /** What each update shows, element by element in document order, the snippet's placeholder aside. */
  function recordUpdates(): string[][] {
    const shown: string[][] = [];
    const proto = MiraDonate.prototype as unknown as { updated(changed: unknown): void };
    const updated = proto.updated;
    proto.updated = function (this: MiraDonate, changed: unknown) {
      const elements = [...this.renderRoot.querySelectorAll('*')].filter((node) => !(node instanceof HTMLSlotElement && !node.name));
      shown.push(elements.map((node) => `${node.tagName.toLowerCase()}#${node.id}.${node.getAttribute('class') ?? ''}`));
      updated.call(this, changed);
    };
    afterEachRestore = () => (proto.updated = updated);
    return shown;
  }
  let afterEachRestore = () => {};
  afterEach(() => afterEachRestore());

  for (const lang of ['en', 'pt']) {
    it(`only ever adds below what it has shown (${lang}): a field's currency sign never arrives beside its input`, async () => {
      const shown = recordUpdates();
      clockStepping(200);
      const el = await fixture<MiraDonate>(fixtureHtml`<mira-donate endpoint="" goal="100000" raised="1086" donors="23" lang=${lang}></mira-donate>`);
      await el.updateComplete;
      const whole = shown.at(-1)!;
      expect(whole.some((element) => element.includes('.affix')), 'the form is whole, currency sign and all').to.equal(true);
      expect(shown.length, 'a slow clock gives several updates').to.be.at.least(4);
      for (const elements of shown) expect(elements).to.deep.equal(whole.slice(0, elements.length));
    });
  }
});
