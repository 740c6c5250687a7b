/**
 * What axe cannot see on the manage page: from 320 px to desktop nothing runs past the page's edge in
 * any state or language, targets are at least 24 px, focus is drawn, and in forced colours the chosen
 * options take the system's highlight and the busy controls stay told apart.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { afterEach, beforeEach, describe, it } from '../mocha.js';
import type { MiraDonateManage } from '../../../src/widget/manage/index.js';
import { click, press } from '../helpers.js';
import { json, restoreFetch, stubEndpoint, waitFor } from '../first-intent/fakes.js';
import { giftAnswer, installSetupStripe, openLink, TOKEN } from './fakes.js';

const $ = (el: MiraDonateManage, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

/** Every box in the shadow root that reaches past the viewport's right edge (the visually hidden ones are 1 px and clipped). */
function overflowing(el: MiraDonateManage): string[] {
  const width = document.documentElement.clientWidth;
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
    .filter((node) => !node.classList.contains('visually-hidden') && node.getBoundingClientRect().right > width + 0.5)
    .map((node) => `${node.tagName.toLowerCase()}#${node.id}.${node.className}`);
}

beforeEach(() => {
  installSetupStripe();
  stubEndpoint({
    '/api/manage/gift': () => json(giftAnswer({ locale: 'pt', tribute: { kind: 'honor', name: 'Maria Aparecida dos Santos Oliveira' } })),
    '/api/manage/card': () => json({ clientSecret: 'seti_1_secret_x' }),
  });
});

afterEach(async () => {
  restoreFetch();
  history.replaceState(null, '', location.pathname);
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ forcedColors: 'none' });
});

describe('<mira-donate-manage> layout', () => {
  for (const width of [320, 768, 1280]) {
    it(`fits ${width} px in every state, in Portuguese (the longest words)`, async () => {
      await setViewport({ width, height: 800 });
      const el = await openLink(`#${TOKEN}`);
      await waitFor(() => !!$(el, '#gift-amount'), 'the gift');
      expect(overflowing(el), 'the gift').to.deep.equal([]);
      await click($(el, '#cancel-start')!);
      await click($(el, '#card-update')!);
      await waitFor(() => !!el.querySelector('.fake-payment-element'), 'the card form');
      expect(overflowing(el), 'the card form and the cancel question').to.deep.equal([]);
      const small = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, input')].filter((node) => {
        const box = node.getBoundingClientRect();
        return box.width < 24 || box.height < 24;
      });
      expect(small.map((node) => node.id || node.textContent)).to.deep.equal([]);
    });
  }

  it('draws focus, and in forced colours the chosen option takes the highlight', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const el = await openLink(`#${TOKEN}`);
    await waitFor(() => !!$(el, '#gift-amount'), 'the gift');
    const chosen = $(el, '[part~="pause-option"][aria-checked="true"]')!;
    const other = $(el, '[part~="pause-option"][aria-checked="false"]')!;
    expect(getComputedStyle(chosen).backgroundColor).to.not.equal(getComputedStyle(other).backgroundColor);
    // By keyboard, as :focus-visible draws it.
    $(el, '#pause-save')!.focus();
    await press('Shift+Tab');
    expect(el.shadowRoot!.activeElement).to.equal(chosen);
    expect(getComputedStyle(chosen).outlineStyle).to.equal('solid');
  });
});
