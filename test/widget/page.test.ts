import { afterEach, describe, it } from './mocha.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MiraDonate, register } from '../../src/widget/mira-donate.js';
import { byId, checked, click, option, part, press, settle, text, tributeDetails, type, typeInto } from './helpers.js';

describe('<mira-donate> on a real page', () => {
  it('is accessible', async () => {
    const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="en"></mira-donate>`);
    await expect(el).to.be.accessible();
  });

  it('is defined as <mira-donate> by importing the module', () => {
    expect(customElements.get('mira-donate')).to.equal(MiraDonate);
    expect(document.createElement('mira-donate')).to.be.instanceOf(MiraDonate);
  });

  describe('when axe checks it in each language', () => {
    for (const lang of ['en', 'es', 'pt']) {
      it(`finds no violations in ${lang}, with errors showing and not`, async () => {
        const el = await fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang=${lang} goal="100000" raised="1086.95" donors="23"></mira-donate>`);
        await click(el.shadowRoot!.querySelector('[part~="tribute"] input[type=checkbox]')!);
        await tributeDetails(el);
        await expect(el).to.be.accessible();
        await typeInto(byId(el, 'custom-amount'), '1');
        await click(part(el, 'submit-button'));
        // The first press in a page may wait for the first-intent chunk (validation) to arrive.
        await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="error"]').length > 2, 'the errors', { timeout: 3000 });
        await settle(el);
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('when the donor reads the section headings', () => {
    it('"Your details" stands apart from the "Full name" label below it, as the other headings do from theirs', async () => {
      const el = await fixture<MiraDonate>(html`<mira-donate endpoint="" lang="en"></mira-donate>`);
      await el.updateComplete;
      const heading = el.shadowRoot!.querySelector<HTMLElement>('[part~="donor"] legend')!;
      const label = el.shadowRoot!.querySelector<HTMLElement>('label[for="donor-name"]')!;
      expect(text(heading)).to.equal('Your details');
      const size = (node: Element) => parseFloat(getComputedStyle(node).fontSize);
      expect(size(heading)).to.be.greaterThan(size(label));
      // The same heading style, and the same space below it, as "How often" over its options.
      const often = byId(el, 'frequency-legend');
      expect(size(often)).to.equal(size(heading));
      expect(getComputedStyle(often).fontWeight).to.equal(getComputedStyle(heading).fontWeight);
      const below = (top: Element, next: Element) => next.getBoundingClientRect().top - top.getBoundingClientRect().bottom;
      expect(below(heading, label)).to.be.closeTo(below(often, part(el, 'frequency')), 1).and.above(4);
    });
  });

  describe('when the column is narrow', () => {
    it('fits 320 px with no sideways scrolling and 24 px targets', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div style="inline-size: 320px"><mira-donate endpoint="" lang="pt" goal="100000" raised="112345.67"></mira-donate></div>`);
      const el = wrapper.querySelector('mira-donate')!;
      await el.updateComplete;
      const base = el.shadowRoot!.querySelector('[part~="base"]')!;
      expect(base.scrollWidth).to.be.at.most(320);
      const targets = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, input:not([tabindex="-1"])')];
      for (const target of targets) {
        const box = (target.closest('label') ?? target).getBoundingClientRect();
        expect(Math.min(box.width, box.height), target.outerHTML.slice(0, 60)).to.be.at.least(24);
      }
    });
  });

  describe('when two copies share the page', () => {
    it('each keeps its own choices and language', async () => {
      const page = await fixture<HTMLElement>(html`<div>
        <mira-donate endpoint="" lang="en"></mira-donate>
        <mira-donate endpoint="" lang="pt" frequency="month"></mira-donate>
      </div>`);
      const [first, second] = [...page.querySelectorAll('mira-donate')];
      await Promise.all([first.updateComplete, second.updateComplete]);
      await click(option(first, 'amount-option', '$250'));
      await click(option(first, 'language-option', 'ES'));
      await settle(first);
      expect(checked(first, 'amount-option')).to.equal('$250');
      expect(text(part(first, 'submit-button'))).to.equal('Donar $250');
      expect(checked(second, 'frequency-option')).to.equal('Mensal');
      expect(text(part(second, 'submit-button')).replace(/\u00a0/g, ' ')).to.equal('Doar US$ 25/mês');
      expect(first.shadowRoot!.querySelectorAll('#custom-amount')).to.have.length(1);
    });
  });

  describe('when the script is loaded twice', () => {
    it('a second definition is refused with a warning, not an error', async () => {
      const warnings: unknown[][] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args);
      try {
        register('mira-donate', class extends MiraDonate {
          static override readonly version = '9.9.9';
        });
        register();
      } finally {
        console.warn = warn;
      }
      expect(customElements.get('mira-donate')).to.equal(MiraDonate);
      expect(warnings.map(String)).to.deep.equal([`<mira-donate> ${MiraDonate.version} is already defined; this copy (9.9.9) is not used. Load mira-donate.js once.`]);
    });

    it('the built script pasted twice still gives one working form, and calls the origin it came from', async () => {
      const frame = await builtPage(`
        <script src="/dist/mira-donate.js" defer></script>
        <script src="/dist/mira-donate.js" defer></script>
        <mira-donate campaign="mira" lang="es"></mira-donate>`);
      expect(frame.errors).to.deep.equal([]);
      expect(frame.warnings).to.have.length(1);
      expect(text(frame.el.shadowRoot!.querySelector('[part~="submit-button"]'))).to.equal('Donar $50');
      expect(frame.requested).to.include(`${location.origin}/api/campaigns/mira`);
    });

    it('the built script loads its first-intent chunk from beside itself on the first interaction, and not before', async () => {
      const frame = await builtPage(`<script src="/dist/mira-donate.js" defer></script><mira-donate campaign="mira" lang="en"></mira-donate>`);
      const chunk = () => frame.win.performance.getEntriesByType('resource').filter((entry) => entry.name.includes('mira-donate-intent.js'));
      expect(chunk()).to.have.length(0);
      (frame.el.shadowRoot!.querySelector('[part~="custom-amount"]') as HTMLElement).focus();
      const start = performance.now();
      while (chunk().length === 0 && performance.now() - start < 3000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(chunk().map((entry) => new URL(entry.name).pathname)).to.deep.equal(['/dist/mira-donate-intent.js']);
      // It ran: validation and its messages now work in the page.
      await type('1');
      await press('Tab');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(text(frame.el.shadowRoot!.querySelector('#custom-amount-error'))).to.equal('The smallest gift is $5.');
      expect(frame.errors).to.deep.equal([]);
    });

    it('the built script speaks English with nothing more, and loads Spanish from beside itself when the donor switches', async () => {
      const frame = await builtPage(`<script src="/dist/mira-donate.js" defer></script><mira-donate campaign="mira" lang="en"></mira-donate>`);
      const strings = () => frame.win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => path.includes('mira-donate-strings'));
      expect(strings()).to.deep.equal([]);
      (frame.el.shadowRoot!.querySelector('[part~="language-option"][lang="es"]') as HTMLElement).click();
      const start = performance.now();
      while (!text(frame.el.shadowRoot!.querySelector('[part~="submit-button"]')).startsWith('Donar') && performance.now() - start < 3000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(text(frame.el.shadowRoot!.querySelector('[part~="submit-button"]'))).to.equal('Donar $50');
      expect(strings()).to.deep.equal(['/dist/mira-donate-strings-es.js']);
      expect(frame.errors).to.deep.equal([]);
    });

    it('the built script also works pasted as a module', async () => {
      const frame = await builtPage(`<script type="module" src="/dist/mira-donate.js"></script><mira-donate campaign="mira" lang="pt"></mira-donate>`);
      expect(frame.errors).to.deep.equal([]);
      expect(text(frame.el.shadowRoot!.querySelector('[part~="submit-button"]')).replace(/\u00a0/g, ' ')).to.equal('Doar US$ 50');
      expect(frame.requested).to.include(`${location.origin}/api/config`);
    });
  });
});

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

/** A fresh page (own registry) with the built file pasted in, recording errors, warnings and requests. */
async function builtPage(body: string) {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><head><script>
    window.errors = []; window.warnings = []; window.requested = [];
    addEventListener('error', (e) => errors.push(String(e.message)));
    console.warn = (...args) => warnings.push(args.join(' '));
    window.fetch = (url) => { requested.push(String(url)); return Promise.reject(new TypeError('offline')); };
  </script></head><body>${body}</body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as Window & { errors: string[]; warnings: string[]; requested: string[] };
  await win.customElements.whenDefined('mira-donate');
  const el = win.document.querySelector('mira-donate') as MiraDonate;
  await el.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 20));
  frames.push(frame);
  return { el, win, errors: win.errors, warnings: win.warnings, requested: win.requested };
}
