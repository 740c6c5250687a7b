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
      expect(text(part(el, 'progress'))).to.contain('$1,086 raised');
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
        ['en', '$1,086 raised of a $100,000 goal, 1%'],
        ['es', '$1,086 recaudados de una meta de $100,000, 1%'],
        ['pt', 'US$ 1.086 arrecadados de uma meta de US$ 100.000, 1%'],
      ];
      for (const [lang, spoken] of cases) {
        stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => json(CAMPAIGN) });
        const el = await mount(lang);
        await settle(el);
        expect(bar(el).getAttribute('aria-valuetext')!.replace(/[\u00a0\u202f]/g, ' '), lang).to.equal(spoken);
        expect(bar(el).getAttribute('aria-valuenow')).to.equal('1');
      }
    });

    it('counts donors in the page language', async () => {
      stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => json({ ...CAMPAIGN, donors: 1204 }) });
      const many = await mount('pt');
      await settle(many);
      expect(text(part(many, 'progress'))).to.contain('1.204 doadores');
    });

    describe('while the campaign is young', () => {
      // What a fundraiser shows a first visitor: under 1% of the goal, the goal alone, as an invitation
      // (no "$0 raised · 0%"); from 1%, what was raised, in whole units, never more than it was; the
      // number of donors from five (one or two donors read as nobody came).
      const WORDS = {
        en: { goalOnly: 'Help us reach $100,000', invitation: 'Be one of the first to give.', raised: (amount: string) => `$${amount} raised`, donors: '5 donors', percent: '1%' },
        es: { goalOnly: 'Ayúdanos a llegar a $100,000', invitation: 'Sé de las primeras personas en donar.', raised: (amount: string) => `$${amount} recaudados`, donors: '5 donantes', percent: '1%' },
        pt: { goalOnly: 'Ajude-nos a chegar a US$ 100.000', invitation: 'Seja uma das primeiras pessoas a doar.', raised: (amount: string) => `US$ ${amount.replace(',', '.')} arrecadados`, donors: '5 doadores', percent: '1%' },
      };
      const clean = (value: string) => value.replace(/[\u00a0\u202f]/g, ' ');
      const progressOf = async (lang: string, raised: number, donors: number) => {
        stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => json({ ...CAMPAIGN, raised, donors }) });
        const el = await mount(lang);
        await settle(el);
        return { el, shown: clean(text(part(el, 'progress'))) };
      };

      for (const [lang, words] of Object.entries(WORDS)) {
        describe(`in ${lang}`, () => {
          for (const [raised, donors, what] of [[0, 0, 'nothing raised'], [24_500, 3, 'a little raised'], [99_999, 40, 'a cent under 1%, however many donors']] as const) {
            it(`${what}: the goal only, as an invitation, with no bar to read as empty`, async () => {
              const { el, shown } = await progressOf(lang, raised, donors);
              expect(shown).to.equal(`${words.goalOnly} ${words.invitation}`);
              expect(shown).to.not.match(/%|raised|recaudados|arrecadados|donor|donante|doador/);
              expect(bar(el).hasAttribute('role'), 'no progress bar to read').to.equal(false);
              expect(getComputedStyle(bar(el)).visibility).to.equal('hidden');
              await expect(el).to.be.accessible();
            });
          }

          it('1% of the goal from four donors: what was raised and the share, not yet the count', async () => {
            const { el, shown } = await progressOf(lang, 100_000, 4);
            expect(shown).to.contain(words.raised('1,000'));
            expect(shown).to.contain(words.percent);
            expect(shown).to.not.match(/donor|donante|doador/);
            expect(bar(el).getAttribute('role')).to.equal('progressbar');
          });

          it('raised in whole units, rounded down, and the count from five donors', async () => {
            const { el, shown } = await progressOf(lang, 143_150, 5);
            expect(shown).to.contain(words.raised('1,431'));
            expect(shown).to.not.match(/431[.,]50/);
            expect(shown).to.contain(words.donors);
            expect(clean(bar(el).getAttribute('aria-valuetext')!)).to.contain(words.raised('1,431'));
          });
        });
      }

      it('a static figure under 1% shows the goal only too', async () => {
        const el = await fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint="" lang="en" goal="100000" raised="245"></mira-donate>`);
        await settle(el);
        expect(text(part(el, 'progress'))).to.equal('Help us reach $100,000 Be one of the first to give.');
      });

      it('nothing below moves when the goal-only line arrives', async () => {
        const campaign = deferred();
        stubEndpoint({ '/api/config': () => json(CONFIG), '/api/campaigns/mira': () => campaign.answer });
        const el = await mount();
        await settle(el);
        const before = { height: el.getBoundingClientRect().height, frequency: part(el, 'frequency').getBoundingClientRect().top };
        campaign.release(json({ ...CAMPAIGN, raised: 0, donors: 0 }));
        await settle(el);
        expect(text(part(el, 'progress'))).to.equal('Help us reach $100,000 Be one of the first to give.');
        expect({ height: el.getBoundingClientRect().height, frequency: part(el, 'frequency').getBoundingClientRect().top }).to.deep.equal(before);
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
      expect(bar(el).getAttribute('aria-valuetext')).to.equal('$1,086 raised of a $100,000 goal, 1%');
      // Two donors are not yet a crowd: the count waits for five.
      expect(text(part(el, 'progress'))).to.not.contain('donor');
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
