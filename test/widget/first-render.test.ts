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
});
