/**
 * What the page the snippet is pasted into notices, with the built script (dist/mira-donate.js) and
 * the snippet exactly as README.md gives it: the element is there in the task after the script's,
 * and the form's first render waits for tasks of its own; nothing on the page moves as the form
 * appears, under a Content-Security-Policy that refuses inline styles too; and the form's first
 * render is its final size, so nothing in it moves when the campaign's figures arrive.
 */
import { afterEach, describe, it } from './mocha.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/widget/mira-donate.js';
import type { MiraDonate } from '../../src/widget/mira-donate.js';
import { CAMPAIGN, CONFIG, part, settle } from './helpers.js';
import { ENDPOINT, json, restoreFetch, stubEndpoint } from './first-intent/fakes.js';

/** The snippet in README.md's "Paste it into a page", the script served by the test server. */
async function readmeSnippet(): Promise<string> {
  const readme = await (await fetch('/README.md')).text();
  const snippet = /## Paste it into a page\s+```html\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!snippet) throw new Error('README.md has no snippet under "Paste it into a page"');
  // The pinned URL and its integrity name a release; here the script is the one just built.
  return snippet.replace(/https:\/\/donate\.miracoalition\.org\/(v\/[^/]+\/)?mira-donate\.js/, '/dist/mira-donate.js').replace(/ integrity="[^"]*"/, '');
}

const PARAGRAPH = '<p>MIRA is the largest coalition in New England promoting the rights and integration of immigrants and refugees.</p>';

/** The endpoint's answers, a moment late, as a page's first visit gets them. */
const ENDPOINT_STUB = `
  const answers = { '/api/config': ${JSON.stringify({ ...CONFIG, mode: 'live' })}, '/api/campaigns/mira': ${JSON.stringify(CAMPAIGN)} };
  window.fetch = (url) => new Promise((resolve, reject) => setTimeout(() => {
    const body = answers[new URL(String(url), location.href).pathname];
    body ? resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })) : reject(new TypeError('offline'));
  }, 30));`;

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));
afterEach(restoreFetch);

interface HostPage {
  win: Window & { shifts: { value: number }[]; seen: { top: number; whole: boolean }[]; nextTask?: { defined: boolean; upgraded: boolean; rendered: boolean }; atParsed?: { styled: boolean; shown: boolean } };
  el: MiraDonate;
  below: HTMLElement;
}

/** A host page the size of a phone's screen: a heading, the snippet, then the page's own content. */
async function hostPage(body: string, policy = ''): Promise<HostPage> {
  const frame = document.createElement('iframe');
  frame.width = '390';
  frame.height = '700';
  frame.srcdoc = `<!doctype html><html lang="en"><head>
    ${policy ? `<meta http-equiv="Content-Security-Policy" content="${policy}">` : ''}
    <script nonce="test">
      window.shifts = [];
      new PerformanceObserver((list) => shifts.push(...list.getEntries())).observe({ type: 'layout-shift', buffered: true });
      // Each frame: where the page's content below the form is, and whether the form is whole yet.
      window.seen = [];
      const look = () => {
        const below = document.getElementById('below');
        const root = document.querySelector('mira-donate')?.shadowRoot;
        if (below) seen.push({ top: below.getBoundingClientRect().top, whole: !!root?.querySelector('[part~="submit-button"]') && !root.querySelector('slot:not([name])') });
        if (!seen.at(-1)?.whole && seen.length < 1000) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
      ${ENDPOINT_STUB}
    </script></head>
    <body><h1>Support our state policy work</h1>${PARAGRAPH}${body}<h2 id="below">Our priorities</h2>${PARAGRAPH.repeat(6)}</body></html>`;
  document.body.append(frame);
  frames.push(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as HostPage['win'];
  await win.customElements.whenDefined('mira-donate');
  const el = win.document.querySelector('mira-donate') as MiraDonate;
  await el.updateComplete;
  // Layout shifts are reported after the frame that made them.
  await new Promise((resolve) => win.requestAnimationFrame(() => setTimeout(resolve, 50)));
  return { win, el, below: win.document.getElementById('below')! };
}

const shifted = (page: HostPage) => page.win.shifts.reduce((sum, shift) => sum + shift.value, 0);

describe('<mira-donate> on the page it is pasted into', () => {
  it('is defined and upgraded by the page\'s next task, and renders the form in tasks of its own after that', async () => {
    const page = await hostPage(`
      <mira-donate campaign="mira"></mira-donate>
      <script src="/dist/mira-donate.js"></script>
      <script nonce="test">
        const el = document.querySelector('mira-donate');
        const state = () => ({ defined: !!customElements.get('mira-donate'), upgraded: !!el.shadowRoot, rendered: !!el.shadowRoot?.querySelector('form') });
        setTimeout(() => (window.nextTask = state()));
      </script>`);
    // The script's run and the upgrade are a task each (together they would be one long task on a
    // phone), the upgrade ahead of the page's own next task.
    expect(page.win.nextTask).to.deep.equal({ defined: true, upgraded: true, rendered: false });
    expect(page.el.shadowRoot!.querySelector('form')).to.exist;
  });

  it('begins the form\'s first render only once the page is parsed (DOMContentLoaded), however long the page', async () => {
    const page = await hostPage(`
      <script src="/dist/mira-donate.js" async></script>
      <mira-donate campaign="mira"></mira-donate>
      <script nonce="test">
        document.addEventListener('DOMContentLoaded', () => {
          const root = document.querySelector('mira-donate').shadowRoot;
          window.atParsed = { styled: root?.adoptedStyleSheets.length > 0, shown: !!root?.querySelector('[part]') };
        });
      </script>
      ${'<p>Our coalition works across New England for the rights and integration of immigrants and refugees.</p>'.repeat(30000)}`);
    expect(page.win.atParsed).to.deep.equal({ styled: false, shown: false });
    expect(part(page.el, 'submit-button')).to.exist;
  });

  it('with the README\'s snippet, nothing on the page moves as the form appears (layout shift 0), under a policy refusing inline styles', async () => {
    const page = await hostPage(await readmeSnippet(), "default-src 'self'; script-src 'self' 'nonce-test'; style-src 'self'");
    expect(part(page.el, 'submit-button')).to.exist;
    expect(page.win.shifts.map((shift) => shift.value)).to.deep.equal([]);
    // The placeholder is gone with the form whole: the page's content follows the form at once.
    const formBottom = page.el.getBoundingClientRect().bottom;
    expect(page.below.getBoundingClientRect().top - formBottom).to.be.within(0, 60);
    expect(shifted(page)).to.equal(0);
  });

  it('with the README\'s snippet, the page\'s content below stays below the screen in every frame until the form is whole', async () => {
    const page = await hostPage(await readmeSnippet());
    const before = page.win.seen.filter((frame) => !frame.whole);
    // The form takes several tasks, and the page paints in between: frames to look at.
    expect(before.length).to.be.greaterThan(0);
    expect(before.filter((frame) => frame.top < page.win.innerHeight)).to.deep.equal([]);
    expect(page.el.querySelector('svg')?.getAttribute('aria-hidden'), 'the snippet\'s placeholder is out of the accessibility tree').to.equal('true');
    expect(shifted(page)).to.equal(0);
  });
});

describe('<mira-donate>\'s first render', () => {
  it('is its final size: the endpoint\'s figures and mode arriving a moment later move nothing in it', async () => {
    const answer = (body: unknown) => () => new Promise<Response>((resolve) => setTimeout(() => resolve(json(body)), 100));
    stubEndpoint({ '/api/config': answer(CONFIG), '/api/campaigns/mira': answer(CAMPAIGN) });
    const el = await fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint=${ENDPOINT} lang="en"></mira-donate>`);
    const measure = () => ({ height: el.getBoundingClientRect().height, donate: part(el, 'submit-button').getBoundingClientRect().top, frequency: part(el, 'frequency').getBoundingClientRect().top });
    const first = measure();
    await waitUntil(() => part(el, 'progress-bar').hasAttribute('aria-valuetext'), 'the figures', { timeout: 3000 });
    await settle(el);
    expect(part(el, 'mode-notice'), 'test mode says so').to.exist;
    expect(measure()).to.deep.equal(first);
  });
});
