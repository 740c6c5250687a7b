/**
 * <mira-donate> with its payment step: the first-intent chunk and Stripe.js only after the donor's
 * first intent, a whole donation to the thank-you, declines and endpoint errors, the busy button,
 * demo mode, and axe in every state. Stripe.js is the recording fake the PaymentStep's own tests use;
 * the endpoint is stubbed by path.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { afterEach, beforeEach, describe, it } from './mocha.js';
import '../../src/widget/mira-donate.js';
import type { MiraDonate } from '../../src/widget/mira-donate.js';
import type { DonateCompleteEvent } from '../../src/widget/mira-donate.events.js';
import { formatMoney } from '../../src/core/money.js';
import type { Language } from '../../src/core/locale.js';
import { CAMPAIGN, CONFIG, byId, checked, click, fillDonor, focused, option, part, press, settle, text, tributeDetails, type, typeInto } from './helpers.js';
import { DECLINE, ENDPOINT, donationAnswer, installStripe, json, restoreFetch, stubEndpoint, waitFor, type FakeStripe, type SentRequest } from './first-intent/fakes.js';

let stripe: FakeStripe;
let sent: SentRequest[];
let donations: (request: SentRequest) => Response | Promise<Response>;
let config: Record<string, unknown>;
let campaign: typeof CAMPAIGN;

const mount = (lang = 'en') =>
  fixture<MiraDonate>(html`<mira-donate campaign="mira" endpoint=${ENDPOINT} lang=${lang}></mira-donate>`);
const posts = () => sent.filter((request) => request.url === `${ENDPOINT}/api/donations` && request.method === 'POST');
const loaded = (path: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(path));
const slot = (el: MiraDonate) => el.querySelector<HTMLElement>(':scope > [slot="payment"]');
const clean = (value: string) => value.replace(/\u00a0/g, ' ');

/** Hover the donate button, as a donor about to press it does; resolves once the Payment Element is up. */
async function showPaymentStep(el: MiraDonate) {
  await settle(el); // the config first: its test-mode notice moves the button down
  const button = part(el, 'submit-button');
  button.scrollIntoView({ block: 'center' });
  const box = button.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [0, 0] });
  await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
  await waitFor(() => stripe.mounts.length > 0, 'the Payment Element');
  await settle(el);
}

async function thankYou(el: MiraDonate) {
  await waitFor(() => !!el.shadowRoot!.querySelector('#thank-you'), 'the thank-you');
  await settle(el);
  return el.shadowRoot!.querySelector<HTMLElement>('#thank-you')!;
}

async function paymentError(el: MiraDonate) {
  await waitFor(() => !!el.shadowRoot!.querySelector('#payment-error') || !!el.shadowRoot!.querySelector('[aria-invalid="true"]'), 'an error');
  await settle(el);
  return text(el.shadowRoot!.querySelector('#payment-error'));
}

// For every test in this file (mocha runs a suite's own tests before its nested suites).
beforeEach(() => {
  stripe = installStripe();
  sessionStorage.clear();
  config = { ...CONFIG };
  campaign = { ...CAMPAIGN };
  donations = (request) => json(donationAnswer('don_1', request.body), 201);
  sent = stubEndpoint({
    '/api/config': () => json(config),
    '/api/campaigns/mira': () => json(campaign),
    '/api/donations': (request) => donations(request),
  });
});

afterEach(restoreFetch);

// Declared first: once the chunk is in this page, it stays.
describe("<mira-donate> before the donor's first intent", () => {
  it('loads neither the first-intent chunk nor Stripe.js, and asks the endpoint only for config and progress', async () => {
    const el = await mount();
    await settle(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loaded('/first-intent/index.'), 'first-intent chunk').to.equal(false);
    expect(loaded('/first-intent/payment/payment-step.'), 'payment step').to.equal(false);
    expect(stripe.keys, 'Stripe constructed').to.deep.equal([]);
    expect(document.querySelector('script[src*="stripe"]')).to.equal(null);
    expect(sent.map((request) => new URL(request.url).pathname).sort()).to.deep.equal(['/api/campaigns/mira', '/api/config']);
    expect(slot(el)?.childElementCount).to.equal(0);
  });

  it('loads them on the first interaction and mounts the Payment Element in its light-DOM slot', async () => {
    const el = await mount();
    await settle(el);
    await click(option(el, 'amount-option', '$100'));
    await waitFor(() => stripe.mounts.length > 0, 'the Payment Element');
    const shown = () => [...stripe.elementsOptions, ...stripe.updates].at(-1)!;
    await waitFor(() => shown().amount === 10_000, 'the chosen amount');
    expect(loaded('/first-intent/index.')).to.equal(true);
    expect(stripe.keys).to.deep.equal(['pk_test_x']);
    expect(stripe.mounts).to.deep.equal([slot(el)]);
    expect(shown()).to.include({ mode: 'payment', amount: 10_000, currency: 'usd', locale: 'en' });
    expect(sent.filter((request) => request.url.endsWith('/api/config'))).to.have.length(1);
  });

  it('loads them when the Donate button takes focus, before it is pressed', async () => {
    const el = await mount();
    await settle(el);
    expect(stripe.mounts).to.deep.equal([]);
    part(el, 'submit-button').focus();
    await waitFor(() => stripe.mounts.length > 0, 'the Payment Element');
    expect(loaded('/first-intent/index.')).to.equal(true);
    expect(posts()).to.deep.equal([]);
  });
});

describe('<mira-donate> paying', () => {
  it('keeps the Payment Element in step with frequency, fee cover and language', async () => {
    const el = await mount();
    await showPaymentStep(el);
    await click(option(el, 'frequency-option', 'Monthly'));
    await click(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="fee-option"]')[0]);
    await click(option(el, 'language-option', 'PT'));
    await waitFor(() => stripe.updates.length > 0 && stripe.updates.at(-1)!.locale === 'pt-BR', 'the update');
    expect(stripe.updates.at(-1)).to.include({ mode: 'subscription', amount: 2587, currency: 'usd', locale: 'pt-BR' });
  });

  it('removes its light-DOM child when it leaves the page, and adds it back when it returns', async () => {
    const el = await mount();
    const parent = el.parentElement!;
    el.remove();
    expect(el.querySelector('[slot="payment"]')).to.equal(null);
    parent.append(el);
    expect(el.querySelectorAll('[slot="payment"]')).to.have.length(1);
  });

  describe('when the gift goes through', () => {
    it('thanks the donor in their language, for the amount, frequency and tribute, with focus on the thanks', async () => {
      const el = await mount();
      await showPaymentStep(el);
      await click(option(el, 'frequency-option', 'Monthly'));
      await click(el.shadowRoot!.querySelector('[part~="tribute"] input[type=checkbox]')!);
      await tributeDetails(el);
      await click(option(el, 'tribute-kind', 'In memory of'));
      await typeInto(byId(el, 'tribute-name'), 'Maria');
      await fillDonor(el);
      const completed = oneEvent(el, 'mira-donate-complete') as Promise<DonateCompleteEvent>;
      await click(part(el, 'submit-button'));
      const event = await completed;
      const thanks = await thankYou(el);
      expect(text(thanks)).to.contain('Thank you, Ana!');
      expect(text(thanks)).to.contain('Your gift of $25/month in memory of Maria went through.');
      expect(text(thanks)).to.contain('Your receipt is on its way to ana@example.org.');
      expect(focused(el)).to.equal(thanks);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ donationId: 'don_1', gift: 2500, fee: 0, total: 2500, currency: 'USD', frequency: 'month' });
      expect(posts()).to.have.length(1);
      expect(JSON.parse(posts()[0].body)).to.include({ gift: 2500, frequency: 'month', campaign: 'mira' });
      expect(stripe.confirms).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('counts the gift in the progress bar at once, while the endpoint has not yet', async () => {
      const el = await mount();
      await showPaymentStep(el);
      await fillDonor(el);
      await click(part(el, 'submit-button'));
      await thankYou(el);
      expect(text(part(el, 'progress'))).to.contain('$1,136 raised');
      expect(text(part(el, 'progress'))).to.contain('24 donors');
      await waitFor(() => sent.filter((request) => request.url.endsWith('/api/campaigns/mira')).length >= 2, 'the refresh');
      expect(text(part(el, 'progress'))).to.contain('$1,136 raised');
    });

    it('never counts it twice once the endpoint has it', async () => {
      const el = await mount();
      await showPaymentStep(el);
      await fillDonor(el);
      // The webhook is already in when the widget asks again.
      donations = (request) => {
        campaign = { ...CAMPAIGN, raised: CAMPAIGN.raised + 5000, donors: CAMPAIGN.donors + 1 };
        return json(donationAnswer('don_1', request.body), 201);
      };
      await click(part(el, 'submit-button'));
      await thankYou(el);
      await waitFor(() => sent.filter((request) => request.url.endsWith('/api/campaigns/mira')).length >= 2, 'the refresh');
      await settle(el);
      expect(text(part(el, 'progress'))).to.contain('$1,136 raised');
      expect(text(part(el, 'progress'))).to.contain('24 donors');
    });
  });

  it('a bank debit still processing is thanked as such, and not counted as raised yet', async () => {
    const el = await mount();
    await showPaymentStep(el);
    await fillDonor(el);
    stripe.confirm = (args) => ({ paymentIntent: { id: 'pi_3', status: 'processing', client_secret: args.clientSecret } });
    await click(part(el, 'submit-button'));
    const thanks = await thankYou(el);
    expect(text(thanks)).to.contain("Your bank is still processing the payment. We'll email you when it's complete.");
    expect(text(part(el, 'progress'))).to.contain('$1,086 raised');
  });

  it('a page that cancels mira-donate-submit takes over: nothing is sent', async () => {
    const el = await mount();
    await showPaymentStep(el);
    await fillDonor(el);
    el.addEventListener('mira-donate-submit', (event) => event.preventDefault(), { once: true });
    await click(part(el, 'submit-button'));
    await settle(el);
    expect(posts()).to.have.length(0);
    expect(part(el, 'submit-button').getAttribute('aria-busy')).to.equal('false');
  });

  describe('when the payment fails', () => {
    it('a declined card says so in Stripe\'s words, then what to do, keeps every entry, and the next try goes through', async () => {
      const el = await mount();
      await showPaymentStep(el);
      await typeInto(byId(el, 'custom-amount'), '42');
      await fillDonor(el);
      stripe.confirm = () => ({ error: DECLINE });
      await click(part(el, 'submit-button'));
      expect(await paymentError(el)).to.equal('Your card was declined.');
      // The alert says both, Stripe's words first.
      expect(text(part(el, 'payment-error'))).to.equal("Your card was declined. Please try another card, or check the card's details.");
      expect(part(el, 'payment-error').getAttribute('role')).to.equal('alert');
      expect(byId<HTMLInputElement>(el, 'custom-amount').value).to.equal('42');
      expect(byId<HTMLInputElement>(el, 'donor-name').value).to.equal('Ana Souza');
      expect(byId<HTMLInputElement>(el, 'donor-email').value).to.equal('ana@example.org');
      expect(part(el, 'submit-button').getAttribute('aria-busy')).to.equal('false');
      await expect(el).to.be.accessible();
      stripe.confirm = (args) => ({ paymentIntent: { id: 'pi_2', status: 'succeeded', client_secret: args.clientSecret } });
      await click(part(el, 'submit-button'));
      expect(text(await thankYou(el))).to.contain('Your gift of $42 to MIRA went through.');
      expect(posts()).to.have.length(2);
    });

    it('an unreachable endpoint says so in the donor\'s language, and a retry sends the same attempt', async () => {
      const el = await mount('es');
      await showPaymentStep(el);
      await fillDonor(el);
      donations = () => Promise.reject(new TypeError('Failed to fetch'));
      await click(part(el, 'submit-button'));
      expect(await paymentError(el)).to.equal('No pudimos conectarnos con el servidor. Revisa tu conexión y vuelve a intentarlo.');
      // Not the card's fault: no advice about cards.
      expect(text(part(el, 'payment-error'))).to.equal('No pudimos conectarnos con el servidor. Revisa tu conexión y vuelve a intentarlo.');
      donations = (request) => json(donationAnswer('don_1', request.body), 201);
      await click(part(el, 'submit-button'));
      await thankYou(el);
      const [first, second] = posts().map((request) => request.headers.get('Idempotency-Key'));
      expect(second).to.equal(first);
    });

    for (const [lang, expired, hint] of [
      ['es', 'Tu tarjeta está vencida.', 'Prueba con otra tarjeta o revisa los datos de la tarjeta.'],
      ['pt', 'Seu cartão está vencido.', 'Tente outro cartão ou confira os dados do cartão.'],
    ]) {
      it(`any card Stripe refuses is told in its words, then what to do, in ${lang}`, async () => {
        const el = await mount(lang);
        await showPaymentStep(el);
        await fillDonor(el);
        stripe.confirm = () => ({ error: { type: 'card_error', code: 'expired_card', message: expired } });
        await click(part(el, 'submit-button'));
        expect(await paymentError(el)).to.equal(expired);
        expect(text(part(el, 'payment-error'))).to.equal(`${expired} ${hint}`);
      });
    }

    it('a field the endpoint refuses shows its error inline on that field, with focus there', async () => {
      const el = await mount();
      await showPaymentStep(el);
      await fillDonor(el);
      donations = () => json({ error: { code: 'email_invalid', message: 'donor.email is not an email', field: 'donor.email' } }, 400);
      await click(part(el, 'submit-button'));
      await waitFor(() => !!el.shadowRoot!.querySelector('#donor-email-error'), 'the inline error');
      await settle(el);
      expect(text(byId(el, 'donor-email-error'))).to.equal('Please enter an email like name@example.org.');
      expect(byId(el, 'donor-email').getAttribute('aria-invalid')).to.equal('true');
      expect(focused(el)).to.equal(byId(el, 'donor-email'));
      expect(el.shadowRoot!.querySelector('#thank-you')).to.equal(null);
    });
  });

  describe('while the payment is under way', () => {
    it('the button is busy, keeps focus, and a double click sends one request', async () => {
      const el = await mount();
      await showPaymentStep(el);
      await fillDonor(el);
      let answer!: (response: Response) => void;
      donations = (request) => new Promise<Response>((resolve) => (answer = () => resolve(json(donationAnswer('don_1', request.body), 201))));
      const button = part(el, 'submit-button');
      button.focus();
      await press('Enter');
      await click(button);
      await click(button);
      await settle(el);
      expect(button.getAttribute('aria-busy')).to.equal('true');
      expect(text(button)).to.equal('Processing…');
      expect(focused(el)).to.equal(button);
      answer(new Response());
      await thankYou(el);
      expect(posts()).to.have.length(1);
      expect(stripe.submits).to.equal(1);
    });

    it('the form takes no change: what the thanks say was charged is what the donor pressed Donate for', async () => {
      const el = await mount();
      await showPaymentStep(el);
      await fillDonor(el);
      let answer!: () => void;
      donations = (request) => new Promise<Response>((resolve) => (answer = () => resolve(json(donationAnswer('don_1', request.body), 201))));
      await click(part(el, 'submit-button'));
      await waitFor(() => posts().length === 1, 'the donation request');
      await settle(el);
      // The whole form is inert, not just the button: what follows changes nothing.
      const inert = el.shadowRoot!.querySelector('[part~="form"] [inert]');
      expect(inert, 'an inert container').to.not.equal(null);
      for (const name of ['frequency', 'amounts', 'fee-cover', 'donor']) expect(inert!.contains(part(el, name)), name).to.equal(true);
      await click(option(el, 'frequency-option', 'Monthly'));
      await click(option(el, 'amount-option', '$250'));
      await click(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="fee-option"]')[0]);
      byId(el, 'donor-name').focus();
      await type('Someone Else');
      await settle(el);
      expect(checked(el, 'frequency-option')).to.equal('One time');
      expect(checked(el, 'amount-option')).to.equal('$50');
      expect(checked(el, 'fee-option')).to.equal('No, thanks');
      expect(byId<HTMLInputElement>(el, 'donor-name').value).to.equal('Ana Souza');
      expect(text(part(el, 'summary'))).to.equal('You give $50 today. MIRA receives $50.');
      answer();
      const thanks = await thankYou(el);
      expect(text(thanks)).to.contain('Your gift of $50 to MIRA went through.');
      expect(text(thanks)).to.contain('Amount charged: $50.00, one time.');
      expect(JSON.parse(posts()[0].body)).to.include({ gift: 5000, frequency: 'once', coverFee: false });
    });

    it('a Donate by Enter from a field leaves focus on the busy button, not lost in the inert form', async () => {
      const el = await mount();
      await showPaymentStep(el);
      await fillDonor(el);
      donations = () => new Promise<Response>(() => {});
      byId(el, 'donor-email').focus();
      await press('Enter');
      await waitFor(() => posts().length === 1, 'the donation request');
      await settle(el);
      expect(focused(el)).to.equal(part(el, 'submit-button'));
      expect(part(el, 'submit-button').getAttribute('aria-busy')).to.equal('true');
    });

    it('the form takes changes again once a payment has failed', async () => {
      const el = await mount();
      await showPaymentStep(el);
      await fillDonor(el);
      stripe.confirm = () => ({ error: DECLINE });
      await click(part(el, 'submit-button'));
      await paymentError(el);
      expect(el.shadowRoot!.querySelector('[part~="form"] [inert]')).to.equal(null);
      await click(option(el, 'frequency-option', 'Monthly'));
      await settle(el);
      expect(checked(el, 'frequency-option')).to.equal('Monthly');
    });
  });

  describe('the thanks say what was charged and how often', () => {
    const cases: Array<[string, string, string, string]> = [
      ['en', 'Monthly', 'Amount charged: $25.87 today, then every month.', '$0.87'],
      ['es', 'Anual', 'Importe cobrado: $255.94 hoy y luego cada año.', '$5.94'],
      ['pt', 'Mensal', 'Valor cobrado: US$ 25,87 hoje e depois todo mês.', 'US$ 0,87'],
    ];
    for (const [lang, frequency, charged, fee] of cases) {
      it(`in ${lang}, with the fee covered`, async () => {
        const el = await mount(lang);
        await showPaymentStep(el);
        await click(option(el, 'frequency-option', frequency));
        await click(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="fee-option"]')[0]);
        await fillDonor(el);
        const completed = oneEvent(el, 'mira-donate-complete') as Promise<DonateCompleteEvent>;
        await click(part(el, 'submit-button'));
        const { detail } = await completed;
        const thanks = await thankYou(el);
        expect(clean(text(thanks))).to.contain(charged);
        expect(clean(text(thanks))).to.contain(fee);
        expect(clean(charged)).to.contain(clean(formatMoney(detail.total, 'USD', lang as Language)));
      });
    }
  });

  describe('in demo and test mode', () => {
    const notices: Record<string, string> = {
      en: 'Demo mode: no real payment is taken.',
      es: 'Modo de demostración: no se hará ningún cobro real.',
      pt: 'Modo de demonstração: nenhuma cobrança real será feita.',
    };
    for (const [lang, notice] of Object.entries(notices)) {
      it(`says plainly that no real payment is taken, in ${lang}`, async () => {
        config = { ...CONFIG, mode: 'demo' };
        const el = await mount(lang);
        await settle(el);
        expect(text(byId(el, 'mode-notice'))).to.equal(notice);
      });
    }

    it('says test mode in test mode, and nothing in live mode', async () => {
      const el = await mount();
      await settle(el);
      expect(text(byId(el, 'mode-notice'))).to.equal("Test mode: no real payment is taken. Use Stripe's test cards.");
      config = { ...CONFIG, mode: 'live' };
      const live = await mount();
      await settle(live);
      expect(live.shadowRoot!.querySelector('#mode-notice')).to.equal(null);
    });
  });

  describe('when axe checks the payment, error and thank-you states', () => {
    for (const lang of ['en', 'es', 'pt']) {
      it(`finds no violations in ${lang}`, async () => {
        const el = await mount(lang);
        await showPaymentStep(el);
        await fillDonor(el);
        await expect(el).to.be.accessible();
        stripe.confirm = () => ({ error: DECLINE });
        await click(part(el, 'submit-button'));
        await paymentError(el);
        await expect(el).to.be.accessible();
        stripe.confirm = (args) => ({ paymentIntent: { id: 'pi_2', status: 'succeeded', client_secret: args.clientSecret } });
        await click(part(el, 'submit-button'));
        await thankYou(el);
        await expect(el).to.be.accessible();
      });
    }
  });

  it('a whole donation can be made with the keyboard alone, through to the thanks', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div><button id="before">before</button><mira-donate campaign="mira" endpoint=${ENDPOINT} lang="pt"></mira-donate></div>`);
    const el = wrapper.querySelector('mira-donate')!;
    await settle(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await press('Tab'); // language
    await press('Tab'); // frequency
    await press('ArrowRight'); // monthly
    await press('Tab'); // amounts
    await press('ArrowRight'); // the third preset
    await press('Tab'); // other amount
    await press('Tab'); // fee cover
    await press('Tab'); // tribute checkbox
    await press('Tab'); // donor name
    await type('Ana Souza');
    await press('Tab');
    await type('ana@example.org');
    await press('Tab'); // anonymous
    await press('Tab'); // donate
    await settle(el);
    expect(focused(el)).to.equal(part(el, 'submit-button'));
    await waitFor(() => stripe.mounts.length > 0, 'the Payment Element');
    await press('Enter');
    const thanks = await thankYou(el);
    expect(clean(text(thanks))).to.contain('Recebemos sua doação de US$ 50/mês para a MIRA.');
    expect(focused(el)).to.equal(thanks);
  });

  describe('when the donor chose another language than the page\'s and comes back from a redirect', () => {
    let page: string;
    beforeEach(() => {
      page = location.href;
    });
    afterEach(() => history.replaceState(null, '', page));

    const onTheEnglishPage = () =>
      fixture<HTMLElement>(html`<div lang="en"><mira-donate campaign="mira" endpoint=${ENDPOINT}></mira-donate></div>`).then((div) => div.querySelector('mira-donate')!);

    /** Pays in Spanish on an English page, up to the bank's redirect; then the bank sends the donor back with `redirectStatus`. */
    async function payAtTheBank(redirectStatus: 'succeeded' | 'failed'): Promise<void> {
      const el = await onTheEnglishPage();
      await settle(el);
      await click(option(el, 'language-option', 'ES'));
      await showPaymentStep(el);
      await fillDonor(el, 'Eva Banco', 'eva@example.org');
      stripe.confirm = () => new Promise<Record<string, unknown>>(() => {}); // the page leaves for the bank
      await click(part(el, 'submit-button'));
      await waitFor(() => stripe.confirms.length === 1, 'the confirmation');
      const back = new URL(stripe.confirms[0]!.confirmParams.return_url);
      back.searchParams.set('payment_intent', 'pi_don_1');
      back.searchParams.set('payment_intent_client_secret', 'pi_don_1_secret_abc');
      back.searchParams.set('redirect_status', redirectStatus);
      el.parentElement!.remove();
      history.replaceState(null, '', back.href);
    }

    it('thanks them in their language, and the whole form speaks it', async () => {
      await payAtTheBank('succeeded');
      const el = await onTheEnglishPage();
      const thanks = await thankYou(el);
      expect(text(thanks)).to.contain('¡Muchas gracias, Eva!');
      expect(text(thanks)).to.contain('Recibimos tu donación de $50 para MIRA.');
      expect(part(el, 'base').getAttribute('lang')).to.equal('es');
      expect(text(part(el, 'progress'))).to.contain('recaudados');
      expect(checked(el, 'language-option')).to.equal('ES');
    });

    it('tells a bank\'s no in their language too', async () => {
      await payAtTheBank('failed');
      stripe.retrieve = (secret) => ({
        paymentIntent: { id: 'pi_don_1', status: 'requires_payment_method', client_secret: secret, last_payment_error: { type: 'card_error', code: 'card_declined', message: 'Tu tarjeta fue rechazada.' } },
      });
      const el = await onTheEnglishPage();
      expect(await paymentError(el)).to.equal('Tu tarjeta fue rechazada.');
      expect(text(part(el, 'payment-error'))).to.contain('Prueba con otra tarjeta');
      expect(part(el, 'base').getAttribute('lang')).to.equal('es');
    });
  });

  it('shows the outcome when the donor comes back from a redirect-based method', async () => {
    const page = location.href;
    history.replaceState(null, '', `${location.pathname}?mira_donation=don_9&mira_frequency=year&payment_intent=pi_9&payment_intent_client_secret=pi_9_secret_x&redirect_status=succeeded`);
    try {
      stripe.retrieve = (secret) => ({ paymentIntent: { id: 'pi_9', status: 'succeeded', client_secret: secret, amount: 10_000, currency: 'usd' } });
      const completed = new Promise<DonateCompleteEvent>((resolve) => document.addEventListener('mira-donate-complete', (e) => resolve(e as DonateCompleteEvent), { once: true }));
      const el = await mount();
      const thanks = await thankYou(el);
      expect(text(thanks)).to.contain('Your gift of $100/year to MIRA went through.');
      expect((await completed).detail).to.include({ donationId: 'don_9', total: 10_000, frequency: 'year' });
      expect(location.search).to.equal('');
    } finally {
      history.replaceState(null, '', page);
    }
  });
});
