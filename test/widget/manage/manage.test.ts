/**
 * <mira-donate-manage> against a stubbed endpoint: every state the donor can meet (loading, the gift,
 * a change under way, done, refused, lost; paused; canceled; the card form; an expired or tampered
 * link; no link), in all three languages, axe in each; the keyboard path; the amount held to the
 * form's limits and fee cover; one Idempotency-Key per change, reused by its retry.
 */
import { expect } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from '../mocha.js';
import { charge } from '../../../src/core/fees.js';
import { formatMoney } from '../../../src/core/money.js';
import type { Language } from '../../../src/core/locale.js';
import type { ManageResponse } from '../../../src/core/manage-api.js';
import type { MiraDonateManage } from '../../../src/widget/manage/index.js';
import en from '../../../locales/manage/en.json';
import es from '../../../locales/manage/es.json';
import pt from '../../../locales/manage/pt.json';
import { click, deferred, press, type } from '../helpers.js';
import { json, restoreFetch, stubEndpoint, waitFor, type SentRequest } from '../first-intent/fakes.js';
import { changed, ENDPOINT, giftAnswer, installSetupStripe, openLink, RATES, TOKEN, type SetupCalls } from './fakes.js';

const TERMS = { en, es, pt };
const clean = (value: string) => value.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const text = (node: Element | null | undefined) => clean(node?.textContent ?? '');
const $ = <T extends HTMLElement = HTMLElement>(el: MiraDonateManage, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const focused = (el: MiraDonateManage) => el.shadowRoot!.activeElement as HTMLElement | null;
const usd = (minor: number, language: Language = 'en') => clean(formatMoney(minor, 'USD', language, { trimWhole: true }));

/** The amount typed over, as a donor selects what is there and types. */
async function typeAmount(el: MiraDonateManage, amount: string): Promise<HTMLInputElement> {
  const field = $<HTMLInputElement>(el, '#custom-amount')!;
  field.select();
  field.focus();
  await type(amount);
  return field;
}

async function settle(el: MiraDonateManage) {
  for (let i = 0; i < 6; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
  }
}

let sent: SentRequest[];
let gift: ManageResponse;
let answerChange: (request: SentRequest) => Response | Promise<Response>;
let setup: SetupCalls;
const posts = (path = '/api/manage/gift') => sent.filter((request) => request.method === 'POST' && request.url === `${ENDPOINT}${path}`);

beforeEach(() => {
  sessionStorage.clear();
  gift = giftAnswer();
  setup = installSetupStripe();
  answerChange = (request) => {
    gift = changed(gift, request.body);
    return json(gift);
  };
  sent = stubEndpoint({
    '/api/manage/gift': (request) => (request.method === 'GET' ? json(gift) : answerChange(request)),
    '/api/manage/card': () => json({ clientSecret: 'seti_123_secret_abc' }),
    '/api/manage/card/confirm': () => {
      gift = { ...gift, gift: { ...gift.gift, card: { brand: 'mastercard', last4: '4444', expMonth: 3, expYear: 2031 } } };
      return json(gift);
    },
    '/api/manage/links': () => json({ sent: true }, 202),
  });
});

afterEach(() => {
  restoreFetch();
  history.replaceState(null, '', location.pathname);
  document.documentElement.removeAttribute('lang');
});

describe('<mira-donate-manage>', () => {
  it('is accessible with the gift shown', async () => {
    const el = await openLink(`#${TOKEN}`);
    await expect(el).to.be.accessible();
  });

  it('asks for the gift with the link token as a Bearer, never in the URL', async () => {
    await openLink(`#${TOKEN}`);
    const [read] = sent;
    expect(read.url).to.equal(`${ENDPOINT}/api/manage/gift`);
    expect(read.method).to.equal('GET');
    expect(read.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
  });

  it('shows the gift: amount, frequency, campaign, tribute, card, next payment and the last payments', async () => {
    const el = await openLink(`#${TOKEN}`);
    const { total, fee } = charge(2500, true, RATES);
    expect(text($(el, '#gift-amount'))).to.equal(`${usd(total)} every month`);
    const facts = text($(el, '[part~="gift"]'));
    expect(facts).to.include(`MIRA receives $25; ${usd(fee)} covers the card fee.`);
    expect(facts).to.include('State policy work');
    expect(facts).to.include('In memory of Rosa Lima');
    expect(text($(el, '#gift-card'))).to.equal('Visa ending in 4242, expires 12/29');
    expect(text($(el, '#gift-next'))).to.equal('December 15, 2026');
    const rows = [...el.shadowRoot!.querySelectorAll('[part~="payments"] tbody tr')].map((row) => [...row.children].map(text));
    expect(rows).to.deep.equal([
      ['November 15, 2026', usd(total), 'Paid'],
      ['October 15, 2026', usd(total), "Didn't go through"],
    ]);
    expect(text($(el, 'h1'))).to.equal('Your gift to MIRA');
  });

  it('says it is loading until the gift arrives', async () => {
    const held = deferred();
    sent = stubEndpoint({ '/api/manage/gift': () => held.answer });
    const el = await openLink(`#${TOKEN}`);
    expect(text($(el, '#loading'))).to.equal('Loading your gift…');
    await expect(el).to.be.accessible();
    held.release(json(gift));
    await settle(el);
    expect($(el, '#gift-amount')).to.not.equal(null);
  });

  describe('in each language', () => {
    for (const language of ['en', 'es', 'pt'] as const) {
      it(`opens in the gift's language (${language}), with the form's switch, and axe finds nothing`, async () => {
        gift = giftAnswer({ locale: language });
        const el = await openLink(`#${TOKEN}`);
        await settle(el);
        expect($(el, '[part~="base"]')!.getAttribute('lang')).to.equal(language);
        expect(text($(el, 'h1'))).to.equal(TERMS[language].title);
        expect(text($(el, '#change-heading'))).to.equal(TERMS[language].change.heading);
        expect(text($(el, '#change-save'))).to.equal(TERMS[language].change.save);
        const checkedLanguage = el.shadowRoot!.querySelector('[part~="language-option"][aria-checked="true"]');
        expect(checkedLanguage!.getAttribute('lang')).to.equal(language);
        expect(text($(el, '#gift-card'))).to.include('4242');
        await expect(el).to.be.accessible();
      });
    }

    it('switches language with the EN / ES / PT switch, and says money and dates as that language does', async () => {
      const el = await openLink(`#${TOKEN}`);
      await click(el.shadowRoot!.querySelector('[part~="language-option"][lang="pt"]')!);
      await settle(el);
      const { total } = charge(2500, true, RATES);
      expect(text($(el, '#gift-amount'))).to.equal(`${usd(total, 'pt')} por mês`);
      expect(text($(el, '#gift-next'))).to.equal('15 de dezembro de 2026');
      expect(text($(el, '#gift-card'))).to.equal('Visa final 4242, validade 12/29');
      expect(($(el, '#custom-amount') as HTMLInputElement).value).to.equal('25');
    });
  });

  describe('when the donor changes the amount', () => {
    it('sends one change with an Idempotency-Key and says it is saved, politely', async () => {
      const el = await openLink(`#${TOKEN}`);
      await typeAmount(el, '20');
      await click($(el, '#change-save')!);
      await waitFor(() => !!$(el, '#change-done'), 'the confirmation');
      await settle(el);
      const [post] = posts();
      expect(JSON.parse(post.body)).to.deep.equal({ action: 'change', coverFee: true, frequency: 'month', gift: 2000 });
      expect(post.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
      expect(post.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
      const { total } = charge(2000, true, RATES);
      expect(text($(el, '#change-done'))).to.equal(`Saved. Your gift is now ${usd(total)} every month.`);
      expect(text($(el, '#announcement'))).to.equal(text($(el, '#change-done')));
      expect($(el, '#announcement')!.getAttribute('aria-live')).to.equal('polite');
      expect(text($(el, '#gift-amount'))).to.equal(`${usd(total)} every month`);
      await expect(el).to.be.accessible();
    });

    it('grosses the fee up as the form does, and covering it or not is a change', async () => {
      const el = await openLink(`#${TOKEN}`);
      await typeAmount(el, '100');
      await settle(el);
      expect(text($(el, '[part~="fee-option"]'))).to.equal(`Add ${usd(charge(10_000, true, RATES).fee)} so MIRA receives the full $100`);
      expect(text($(el, '#change-summary'))).to.equal(`You give ${usd(10_256)} every month. MIRA receives $100 each month.`);
      await click(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="fee-option"]')[1]);
      await settle(el);
      expect(text($(el, '#change-summary'))).to.equal('You give $100 every month. MIRA receives $100 each month.');
    });

    for (const [typed, message] of [
      ['2', 'The smallest gift is $5.'],
      ['200000', 'The largest gift online is $100,000. Please contact MIRA for larger gifts.'],
      ['abc', 'Please type an amount like 25 or 25.50.'],
    ] as const) {
      it(`refuses ${typed} on Save, linked to the field, focus on it, and sends nothing`, async () => {
        const el = await openLink(`#${TOKEN}`);
        const field = await typeAmount(el, typed);
        await click($(el, '#change-save')!);
        await settle(el);
        expect(posts()).to.have.length(0);
        expect(field.getAttribute('aria-invalid')).to.equal('true');
        expect(field.getAttribute('aria-describedby')).to.include('custom-amount-error');
        expect(text($(el, '#custom-amount-error'))).to.equal(message);
        expect(focused(el)).to.equal(field);
        await expect(el).to.be.accessible();
      });
    }

    it('reads an amount as the donor types it in Portuguese (25,50)', async () => {
      gift = giftAnswer({ locale: 'pt' });
      const el = await openLink(`#${TOKEN}`);
      await typeAmount(el, '25,50');
      await click($(el, '#change-save')!);
      await waitFor(() => posts().length === 1, 'the change');
      expect(JSON.parse(posts()[0].body).gift).to.equal(2550);
    });

    it('says so when nothing was changed, and sends nothing', async () => {
      const el = await openLink(`#${TOKEN}`);
      await click($(el, '#change-save')!);
      await settle(el);
      expect(posts()).to.have.length(0);
      expect(text($(el, '#change-done'))).to.equal(en.change.unchanged);
    });
  });

  describe('while a change is under way', () => {
    it('keeps every control inert but the busy button, which takes no second press', async () => {
      const held = deferred();
      answerChange = () => held.answer;
      const el = await openLink(`#${TOKEN}`);
      await click(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="frequency-option"]')[1]);
      await click($(el, '#change-save')!);
      await settle(el);
      const save = $(el, '#change-save')!;
      expect(save.getAttribute('aria-busy')).to.equal('true');
      expect(save.getAttribute('aria-disabled')).to.equal('true');
      expect(text(save)).to.equal('Saving…');
      expect($(el, '[part~="change"] .controls')!.hasAttribute('inert')).to.equal(true);
      for (const section of ['card', 'pause', 'cancel']) expect($(el, `[part~="${section}"]`)!.hasAttribute('inert'), section).to.equal(true);
      await click(save);
      await settle(el);
      expect(posts()).to.have.length(1);
      await expect(el).to.be.accessible();
      held.release(json(changed(gift, posts()[0].body)));
      await settle(el);
      expect(el.shadowRoot!.querySelectorAll('[inert]')).to.have.length(0);
      expect(text($(el, '#gift-amount'))).to.include('every year');
    });
  });

  describe('when a change is lost on the way', () => {
    it('says so, and Try again sends the same change with the same Idempotency-Key; the next change gets a new one', async () => {
      let fail = true;
      answerChange = (request) => {
        if (fail) {
          fail = false;
          throw new TypeError('Failed to fetch');
        }
        gift = changed(gift, request.body);
        return json(gift);
      };
      const el = await openLink(`#${TOKEN}`);
      await click(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="pause-option"]')[1]);
      await click($(el, '#pause-save')!);
      await waitFor(() => !!$(el, '#pause-error'), 'the error');
      await settle(el);
      expect(text($(el, '#pause-error p'))).to.equal("We couldn't reach the server. Please check your connection and try again.");
      expect($(el, '#pause-error')!.getAttribute('role')).to.equal('alert');
      await expect(el).to.be.accessible();
      await click($(el, '#pause-retry')!);
      await waitFor(() => !!$(el, '#pause-done'), 'the confirmation');
      const [first, retry] = posts();
      expect(JSON.parse(retry.body)).to.deep.equal({ action: 'pause', months: 2 });
      expect(retry.headers.get('idempotency-key')).to.equal(first.headers.get('idempotency-key'));
      await click($(el, '#pause-resume')!);
      await waitFor(() => posts().length === 3 && !!$(el, '#pause-done'), 'the resume');
      expect(posts()[2].headers.get('idempotency-key')).to.not.equal(first.headers.get('idempotency-key'));
    });

    it('a refused change is definite: pressing again is a new change with a new key', async () => {
      answerChange = () => json({ error: { code: 'amount_too_small', message: 'x', field: 'gift' } }, 400);
      const el = await openLink(`#${TOKEN}`);
      await typeAmount(el, '6');
      await click($(el, '#change-save')!);
      await waitFor(() => posts().length === 1 && !!$(el, '#change-error'), 'the refusal');
      await settle(el);
      expect($(el, '#change-retry')).to.equal(null);
      await click($(el, '#change-save')!);
      await waitFor(() => posts().length === 2, 'the second press');
      expect(posts()[1].headers.get('idempotency-key')).to.not.equal(posts()[0].headers.get('idempotency-key'));
    });
  });

  describe('when the donor pauses', () => {
    it('pauses for the months chosen, then offers to resume', async () => {
      const el = await openLink(`#${TOKEN}`);
      const options = el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="pause-option"]');
      expect([...options].map(text)).to.deep.equal(['1 month', '2 months', '3 months']);
      await click(options[2]);
      await click($(el, '#pause-save')!);
      await waitFor(() => !!$(el, '#pause-done'), 'the confirmation');
      await settle(el);
      expect(JSON.parse(posts()[0].body)).to.deep.equal({ action: 'pause', months: 3 });
      expect(text($(el, '#gift-status'))).to.equal('Paused until April 15, 2027');
      expect(text($(el, '#pause-done'))).to.equal('Your gift is paused. The next payment is on April 15, 2027.');
      expect($(el, '#pause-resume')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('when the donor cancels', () => {
    it('asks once, offering to lower the amount or pause first; Yes cancels at once', async () => {
      const el = await openLink(`#${TOKEN}`);
      await click($(el, '#cancel-start')!);
      await settle(el);
      expect(posts()).to.have.length(0);
      expect(focused(el)?.id).to.equal('cancel-question');
      expect(text($(el, '#cancel-question'))).to.equal(en.cancel.confirmHeading);
      expect(text($(el, '#cancel-lower'))).to.equal(en.cancel.lower);
      expect(text($(el, '#cancel-pause'))).to.equal(en.cancel.pause);
      await expect(el).to.be.accessible();
      await click($(el, '#cancel-yes')!);
      await waitFor(() => posts().length === 1 && !!$(el, '#cancel-done'), 'the cancellation');
      await settle(el);
      expect(JSON.parse(posts()[0].body)).to.deep.equal({ action: 'cancel' });
      expect(text($(el, '#gift-status'))).to.equal(en.gift.status.canceled);
      expect(text($(el, '#cancel-done'))).to.equal(en.cancel.done);
      expect($(el, '#change-save')).to.equal(null);
      expect($(el, '#gift-next')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('"Lower the amount" takes the donor to the amount, and nothing is cancelled', async () => {
      const el = await openLink(`#${TOKEN}`);
      await click($(el, '#cancel-start')!);
      await settle(el);
      await click($(el, '#cancel-lower')!);
      await settle(el);
      expect(focused(el)?.id).to.equal('custom-amount');
      expect($(el, '#cancel-yes')).to.equal(null);
      expect(posts()).to.have.length(0);
    });
  });

  describe('when the donor updates the card', () => {
    it('mounts the Payment Element from a SetupIntent in the light DOM, confirms it without leaving, and shows the new card', async () => {
      const el = await openLink(`#${TOKEN}`);
      await click($(el, '#card-update')!);
      await waitFor(() => setup.mounts.length === 1, 'the Payment Element');
      await settle(el);
      expect(posts('/api/manage/card')).to.have.length(1);
      expect(setup.elements[0].clientSecret).to.equal('seti_123_secret_abc');
      expect(setup.mounts[0].parentElement).to.equal(el);
      expect(setup.mounts[0].slot).to.equal('card');
      await expect(el).to.be.accessible();
      await click($(el, '#card-save')!);
      await waitFor(() => !!$(el, '#card-done'), 'the confirmation');
      await settle(el);
      expect(setup.confirms[0].redirect).to.equal('if_required');
      const [confirm] = posts('/api/manage/card/confirm');
      expect(JSON.parse(confirm.body)).to.deep.equal({ setupIntent: 'seti_123' });
      expect(confirm.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
      expect(text($(el, '#card-done'))).to.equal('Your new card is saved. Mastercard ending in 4444 will be charged from now on.');
      expect(text($(el, '#gift-card'))).to.equal('Mastercard ending in 4444, expires 03/31');
      expect(focused(el)?.id).to.equal('card-heading');
    });

    it('after a lost answer, Try again tells the endpoint again with the same key, and Stripe is not asked twice', async () => {
      let lose = true;
      sent = stubEndpoint({
        '/api/manage/gift': () => json(gift),
        '/api/manage/card': () => json({ clientSecret: 'seti_123_secret_abc' }),
        '/api/manage/card/confirm': () => {
          if (lose) {
            lose = false;
            return Promise.reject(new TypeError('Failed to fetch'));
          }
          return json(gift);
        },
      });
      const el = await openLink(`#${TOKEN}`);
      await click($(el, '#card-update')!);
      await waitFor(() => setup.mounts.length === 1, 'the Payment Element');
      await settle(el);
      await click($(el, '#card-save')!);
      await waitFor(() => !!$(el, '#card-retry'), 'Try again');
      await click($(el, '#card-retry')!);
      await waitFor(() => !!$(el, '#card-done'), 'the confirmation');
      const [first, retry] = posts('/api/manage/card/confirm');
      expect(retry.headers.get('idempotency-key')).to.equal(first.headers.get('idempotency-key'));
      expect(setup.confirms).to.have.length(1);
    });

    it("finishes the update when the donor's bank sent them away and back (no token in Stripe's return URL)", async () => {
      sessionStorage.setItem('mira-donate-manage:card-return', TOKEN);
      history.replaceState(null, '', `${location.pathname}?setup_intent=seti_9&redirect_status=succeeded`);
      const el = await openLink('');
      await waitFor(() => !!$(el, '#card-done'), 'the confirmation');
      expect(JSON.parse(posts('/api/manage/card/confirm')[0].body)).to.deep.equal({ setupIntent: 'seti_9' });
      expect(posts('/api/manage/card/confirm')[0].headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
      expect(location.search).to.equal('');
    });

    it('opens straight at the card form from the payment-failed mail\'s link (#token&card)', async () => {
      gift = giftAnswer({ status: 'past_due', locale: 'es' });
      const el = await openLink(`#${TOKEN}&card`);
      await waitFor(() => setup.mounts.length === 1, 'the Payment Element');
      await settle(el);
      expect(text($(el, '#gift-status'))).to.equal(es.gift.status.past_due);
      expect(focused(el)?.id).to.equal('card-heading');
      expect(text($(el, '#card-save'))).to.equal(es.card.save);
      await expect(el).to.be.accessible();
      // The endpoint pays the renewal that failed with the new card at once, and says how that went.
      sent = stubEndpoint({ '/api/manage/card/confirm': () => json({ ...gift, gift: { ...gift.gift, status: 'active' }, openInvoice: 'paid' }) });
      await click($(el, '#card-save')!);
      await waitFor(() => !!$(el, '#card-done'), 'the confirmation');
      await settle(el);
      expect(text($(el, '#card-done'))).to.include(es.card.openInvoicePaid);
      expect(text($(el, '#gift-status'))).to.equal(es.gift.status.active);
    });

    it("says Stripe's words when the card is refused, and the gift keeps its card", async () => {
      const el = await openLink(`#${TOKEN}`);
      setup.answer = () => ({ error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } });
      await click($(el, '#card-update')!);
      await waitFor(() => setup.mounts.length === 1, 'the Payment Element');
      await settle(el);
      await click($(el, '#card-save')!);
      await waitFor(() => !!$(el, '#card-error'), 'the refusal');
      await settle(el);
      expect(text($(el, '#card-error'))).to.equal('Your card was declined.');
      expect(posts('/api/manage/card/confirm')).to.have.length(0);
      expect(text($(el, '#gift-card'))).to.include('4242');
      await expect(el).to.be.accessible();
    });
  });

  describe('when the link has expired or was tampered with', () => {
    for (const [code, heading] of [
      ['link_expired', 'expiredHeading'],
      ['link_invalid', 'invalidHeading'],
    ] as const) {
      for (const language of ['en', 'es', 'pt'] as const) {
        it(`says so (${code}) in the donor's language (${language}) and mails a fresh link`, async () => {
          document.documentElement.setAttribute('lang', language);
          sent = stubEndpoint({
            '/api/manage/gift': () => json({ error: { code, message: 'x' } }, 401),
            '/api/manage/links': () => json({ sent: true }, 202),
          });
          const el = await openLink(`#${TOKEN}`);
          expect(text($(el, 'h1'))).to.equal(TERMS[language].link[heading]);
          await expect(el).to.be.accessible();
          $<HTMLInputElement>(el, '#link-email')!.focus();
          await type('ana@example.org');
          await press('Enter');
          await waitFor(() => !!text($(el, '#link-sent')), 'the answer');
          await settle(el);
          const [link] = sent.filter((request) => request.url.endsWith('/api/manage/links'));
          expect(JSON.parse(link.body)).to.deep.equal({ email: 'ana@example.org', locale: language });
          expect(link.headers.get('authorization')).to.equal(null);
          expect(text($(el, '#link-sent'))).to.equal(TERMS[language].link.sent);
          await expect(el).to.be.accessible();
        });
      }
    }
  });

  describe('without a link', () => {
    it('offers to email one, refuses an email that cannot be one (linked to the field), and asks the endpoint nothing until then', async () => {
      const el = await openLink('');
      expect(sent).to.have.length(0);
      expect(text($(el, 'h1'))).to.equal(en.link.heading);
      await expect(el).to.be.accessible();
      $<HTMLInputElement>(el, '#link-email')!.focus();
      await type('ana@');
      await press('Enter');
      await settle(el);
      const field = $<HTMLInputElement>(el, '#link-email')!;
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(field.getAttribute('aria-describedby')).to.include('link-email-error');
      expect(text($(el, '#link-email-error'))).to.equal('Please enter an email like name@example.org.');
      expect(sent).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('when the gift cannot be read', () => {
    it('says so and tries again on Retry', async () => {
      let down = true;
      sent = stubEndpoint({ '/api/manage/gift': () => (down ? Promise.reject(new TypeError('Failed to fetch')) : json(gift)) });
      const el = await openLink(`#${TOKEN}`);
      expect(text($(el, '#load-error'))).to.equal(en.errors.load_failed);
      await expect(el).to.be.accessible();
      down = false;
      await click($(el, '#load-retry')!);
      await settle(el);
      expect($(el, '#gift-amount')).to.not.equal(null);
    });
  });

  describe('with the keyboard alone', () => {
    it('switches to annual, types an amount, stops covering the fee and saves, never leaving the keyboard', async () => {
      const el = await openLink(`#${TOKEN}`);
      $<HTMLElement>(el, '[part~="language-option"][tabindex="0"]')!.focus();
      await press('Tab');
      expect(focused(el)?.getAttribute('part')).to.equal('frequency-option');
      await press('ArrowRight');
      await press('Tab');
      expect(focused(el)?.id).to.equal('custom-amount');
      await press('Control+A');
      await type('120');
      await press('Tab');
      expect(focused(el)?.getAttribute('part')).to.equal('fee-option');
      await press('ArrowDown');
      await press('Tab');
      expect(focused(el)?.id).to.equal('change-save');
      await press('Enter');
      await waitFor(() => !!$(el, '#change-done'), 'the confirmation');
      expect(JSON.parse(posts()[0].body)).to.deep.equal({ action: 'change', coverFee: false, frequency: 'year', gift: 12_000 });
      // Focus stays where the donor was.
      expect(focused(el)?.id).to.equal('change-save');
      await press('Tab');
      expect(focused(el)?.id).to.equal('card-update');
      await press('Tab');
      expect(focused(el)?.getAttribute('part')).to.equal('pause-option');
      await press('Tab');
      expect(focused(el)?.id).to.equal('pause-save');
      await press('Tab');
      expect(focused(el)?.id).to.equal('cancel-start');
      await press('Enter');
      await settle(el);
      expect(focused(el)?.id).to.equal('cancel-question');
      await press('Tab');
      await press('Tab');
      await press('Tab');
      await press('Tab');
      expect(focused(el)?.id).to.equal('cancel-keep');
      await press('Enter');
      await settle(el);
      expect(focused(el)?.id).to.equal('cancel-start');
      expect(posts()).to.have.length(1);
    });
  });
});
