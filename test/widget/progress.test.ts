import { afterEach, describe, it } from './mocha.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/widget/mira-donate.js';
import type { MiraDonate } from '../../src/widget/mira-donate.js';
import { CAMPAIGN, CONFIG, deferred, part, settle, text } from './helpers.js';
import { ENDPOINT, json, restoreFetch, stubEndpoint } from './first-intent/fakes.js';

const mount = (lang = 'en') => fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint=${ENDPOINT} lang=${lang}></mira-donate>`);
const bar = (el: MiraDonate) => part(el, 'progress-bar');
const fillWidth = (el: MiraDonate) => part(el, 'progress-fill').getBoundingClientRect().width / bar(el).clientWidth;

describe('<mira-donate> progress toward the goal', () => {
  afterEach(restoreFetch);

  it('is accessible', async () => {
    stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => json(CAMPAIGN) });
    const el = await mount();
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('asks the endpoint for its config and the campaign', async () => {
    const sent = stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => json(CAMPAIGN) });
    const el = await mount();
    await settle(el);
    expect(sent.map((request) => request.url).sort()).to.deep.equal([`${ENDPOINT}/api/campaigns/mira`, `${ENDPOINT}/api/config`]);
  });

  describe('when the figures are on their way', () => {
    it('shows a busy progress bar with no value yet', async () => {
      stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => deferred().answer });
      const el = await mount();
      expect(part(el, 'progress').getAttribute('aria-busy')).to.equal('true');
      expect(bar(el).getAttribute('role')).to.equal('progressbar');
      expect(bar(el).hasAttribute('aria-valuenow')).to.equal(false);
      expect(text(part(el, 'progress'))).to.equal('Loading progress…');
    });

    it('reserves their space: nothing moves when they arrive', async () => {
      const campaign = deferred();
      stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => campaign.answer });
      const el = await mount();
      // The config (test mode: its notice shows) has arrived; only the figures are still on their way.
      await settle(el);
      const before = { height: el.getBoundingClientRect().height, button: part(el, 'submit-button').getBoundingClientRect().top, frequency: part(el, 'frequency').getBoundingClientRect().top };
      campaign.release(json(CAMPAIGN));
      await settle(el);
      expect(text(part(el, 'progress'))).to.contain('$1,086.95 raised');
      const after = { height: el.getBoundingClientRect().height, button: part(el, 'submit-button').getBoundingClientRect().top, frequency: part(el, 'frequency').getBoundingClientRect().top };
      expect(after).to.deep.equal(before);
    });

    it('shows static goal and raised meanwhile, if the page gave them', async () => {
      stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => deferred().answer });
      const el = await fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint=${ENDPOINT} lang="en" goal="50000" raised="1250"></mira-donate>`);
      expect(text(part(el, 'progress'))).to.contain('$1,250 raised');
      expect(text(part(el, 'progress'))).to.contain('of a $50,000 goal');
    });
  });

  describe('when the figures have arrived', () => {
    it('speaks the raised amount and goal in the page language', async () => {
      const cases: Array<[string, string]> = [
        ['en', '$1,086.95 raised of a $100,000 goal, 1%'],
        ['es', '$1,086.95 recaudados de una meta de $100,000, 1%'],
        ['pt', 'US$ 1.086,95 arrecadados de uma meta de US$ 100.000, 1%'],
      ];
      for (const [lang, spoken] of cases) {
        stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => json(CAMPAIGN) });
        const el = await mount(lang);
        await settle(el);
        expect(bar(el).getAttribute('aria-valuetext')!.replace(/[\u00a0\u202f]/g, ' '), lang).to.equal(spoken);
        expect(bar(el).getAttribute('aria-valuenow')).to.equal('1');
      }
    });

    it('counts donors with the right plural', async () => {
      stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => json({ ...CAMPAIGN, donors: 1 }) });
      const one = await mount('es');
      await settle(one);
      expect(text(part(one, 'progress'))).to.contain('1 donante');
      stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => json({ ...CAMPAIGN, donors: 1204 }) });
      const many = await mount('pt');
      await settle(many);
      expect(text(part(many, 'progress'))).to.contain('1.204 doadores');
    });

    describe('when only a little has been raised', () => {
      const cases: Array<[string, string]> = [
        ['en', '$245 raised of a $100,000 goal, less than 1%'],
        ['es', '$245 recaudados de una meta de $100,000, menos del 1%'],
        ['pt', 'US$ 245 arrecadados de uma meta de US$ 100.000, menos de 1%'],
      ];
      for (const [lang, spoken] of cases) {
        it(`says "<1%", not "0%", with a thin but visible fill, in ${lang}`, async () => {
          const el = await fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang=${lang} goal="100000" raised="245"></mira-donate>`);
          await settle(el);
          const percent = text(part(el, 'progress').querySelector('.progress-line > span'));
          expect(percent.replace(/[\u00a0\u202f]/g, ' ')).to.equal('<1%');
          expect(bar(el).getAttribute('aria-valuetext')!.replace(/[\u00a0\u202f]/g, ' ')).to.equal(spoken);
          // The share itself, not a rounded-down 0 that would say nothing was raised.
          expect(Number(bar(el).getAttribute('aria-valuenow'))).to.be.greaterThan(0).and.lessThan(1);
          const fill = part(el, 'progress-fill').getBoundingClientRect().width;
          expect(fill).to.be.at.least(6);
          expect(fill).to.be.below(bar(el).clientWidth * 0.05);
        });
      }

      it('leaves the bar empty and says 0% when nothing has been raised yet', async () => {
        const el = await fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang="en" goal="100000" raised="0"></mira-donate>`);
        await settle(el);
        expect(text(part(el, 'progress').querySelector('.progress-line > span'))).to.equal('0%');
        expect(bar(el).getAttribute('aria-valuenow')).to.equal('0');
        expect(part(el, 'progress-fill').getBoundingClientRect().width).to.equal(0);
      });
    });

    it('shows more than 100% past the goal, with the bar full but not overflowing', async () => {
      stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => json({ ...CAMPAIGN, raised: 11_250_000 }) });
      const el = await mount();
      await settle(el);
      expect(text(part(el, 'progress'))).to.contain('112%');
      expect(bar(el).getAttribute('aria-valuetext')).to.contain('112%');
      expect(bar(el).getAttribute('aria-valuenow')).to.equal('100');
      expect(fillWidth(el)).to.be.closeTo(1, 0.01);
    });
  });

  describe('when the endpoint fails', () => {
    it('says progress is unavailable, and the form still works', async () => {
      stubEndpoint({ '/api/config': () => json({ error: { code: 'internal_error' } }, 500), '/api/campaigns/mira': () => json({}, 500) });
      const el = await mount();
      await settle(el);
      expect(text(part(el, 'progress'))).to.equal("Progress isn't available right now.");
      expect(bar(el).hasAttribute('role')).to.equal(false);
      expect(text(part(el, 'submit-button'))).to.equal('Donate $50');
      expect(text(part(el, 'amount-option'))).to.equal('$25');
    });

    it('leaves everything below where it was', async () => {
      const campaign = deferred();
      stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => campaign.answer });
      const el = await mount();
      await settle(el); // the config, with its test-mode notice, first
      const before = el.getBoundingClientRect().height;
      campaign.release(json({}, 503));
      await settle(el);
      expect(text(part(el, 'progress'))).to.equal("Progress isn't available right now.");
      expect(el.getBoundingClientRect().height).to.equal(before);
    });

    it('falls back to static goal and raised', async () => {
      stubEndpoint({});
      const el = await fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint=${ENDPOINT} lang="en" goal="100000" raised="1086.95" donors="2"></mira-donate>`);
      await settle(el);
      expect(bar(el).getAttribute('aria-valuetext')).to.equal('$1,086.95 raised of a $100,000 goal, 1%');
      expect(text(part(el, 'progress'))).to.contain('2 donors');
    });
  });

  describe('when the page gives no endpoint', () => {
    it('shows only the static figures and asks nothing of the network', async () => {
      const sent = stubEndpoint({});
      const el = await fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang="en" goal="100000" raised="112000"></mira-donate>`);
      await settle(el);
      expect(sent).to.deep.equal([]);
      expect(text(part(el, 'progress'))).to.contain('112%');
    });
  });
});
