import { expect, fixture, html } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from './mocha.js';
import type { DonationRequest } from '../../../src/core/donation.js';
import type { PaymentState, PaymentStepOptions } from '../../../src/widget/first-intent/payment/payment-step.js';
import {
  CONFIG,
  DECLINE,
  ENDPOINT,
  FakeStripe,
  PaymentHost,
  donationAnswer,
  installStripe,
  intent,
  json,
  never,
  restoreFetch,
  sleep,
  stubEndpoint,
  waitFor,
  type SentRequest,
} from './fakes.js';
import { paymentStepOn } from './step-on-host.js';

const REQUEST: DonationRequest = {
  campaign: 'mira',
  currency: 'USD',
  gift: 5000,
  frequency: 'once',
  coverFee: true,
  donor: { email: 'ana@example.org', name: 'Ana Souza' },
  anonymous: false,
  locale: 'es',
};
const STATE: PaymentState = { frequency: 'once', total: 5140, currency: 'USD', language: 'es' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let stripe: FakeStripe;
let sent: SentRequest[];
let donations: (request: SentRequest) => Response | Promise<Response>;
const pageUrl = location.href;

async function setup(options: Partial<PaymentStepOptions> = {}) {
  const host = await fixture<PaymentHost>(
    html`<payment-host style="--mira-brand: #0b5cab; --mira-radius: 6px; font-family: Georgia, serif"><div class="payment"></div></payment-host>`,
  );
  const container = host.querySelector<HTMLElement>('.payment')!;
  const payment = paymentStepOn(host, { endpoint: () => ENDPOINT, container: () => container, timeout: 300, updateDelay: 20, ...options });
  return { host, container, payment };
}

/** A payment step whose Payment Element is up, as after the donor's first interaction. */
async function shown(options: Partial<PaymentStepOptions> = {}) {
  const context = await setup(options);
  context.payment.update(STATE);
  await context.payment.show(CONFIG);
  return context;
}

const posts = () => sent.filter((request) => request.url === `${ENDPOINT}/api/donations`);
const keys = () => posts().map((request) => request.headers.get('Idempotency-Key'));

describe('PaymentStep', () => {
  beforeEach(() => {
    stripe = installStripe();
    sessionStorage.clear();
    donations = (request) => json(donationAnswer('don_1', request.body), 201);
    sent = stubEndpoint({
      '/api/config': () => json(CONFIG),
      '/api/donations': (request) => donations(request),
    });
  });

  afterEach(() => {
    restoreFetch();
    history.replaceState(null, '', pageUrl);
  });

  describe("before the donor's first intent", () => {
    it('loads nothing and asks Stripe nothing', async () => {
      const { payment } = await setup();
      payment.update(STATE);
      await sleep(50);
      expect(stripe.keys).to.deep.equal([]);
      expect(sent).to.deep.equal([]);
      expect(document.querySelector('script[src*="stripe"]')).to.equal(null);
      expect(payment.status).to.equal('idle');
    });

    it('on the first intent, fetches the publishable key from the endpoint, then loads Stripe with it', async () => {
      const { payment } = await setup();
      payment.update(STATE);
      await payment.show();
      expect(sent.map((request) => request.url)).to.deep.equal([`${ENDPOINT}/api/config`]);
      expect(stripe.keys).to.deep.equal(['pk_test_mira']);
    });

    it('uses the config the element already has, without fetching it again, and loads once', async () => {
      const { payment } = await setup();
      payment.update(STATE);
      await Promise.all([payment.show(CONFIG), payment.show(CONFIG)]);
      await payment.show(CONFIG);
      expect(sent).to.deep.equal([]);
      expect(stripe.keys).to.have.length(1);
      expect(stripe.elementsOptions).to.have.length(1);
    });
  });

  describe('when the Payment Element is shown', () => {
    it('creates Elements for a one-time payment of the total, in the donor language, and mounts it in the light DOM', async () => {
      const { payment, container, host } = await shown();
      const options = stripe.elementsOptions[0]!;
      expect(options).to.include({ mode: 'payment', amount: 5140, currency: 'usd', locale: 'es' });
      expect(stripe.mounts).to.deep.equal([container]);
      expect(container.parentElement).to.equal(host);
      await waitFor(() => payment.status === 'ready', 'the Payment Element to be ready');
    });

    it('asks for a subscription for monthly gifts, and speaks Brazilian Portuguese for pt', async () => {
      const { payment } = await setup();
      payment.update({ frequency: 'month', total: 2500, currency: 'USD', language: 'pt' });
      await payment.show(CONFIG);
      expect(stripe.elementsOptions[0]).to.include({ mode: 'subscription', amount: 2500, currency: 'usd', locale: 'pt-BR' });
    });

    it("takes its colours, corners and font from the element's custom properties", async () => {
      await shown();
      const appearance = stripe.elementsOptions[0]!.appearance as { variables: Record<string, string> };
      expect(appearance.variables).to.include({ colorPrimary: '#0b5cab', borderRadius: '6px' });
      expect(appearance.variables.fontFamily).to.contain('Georgia');
    });

    it('waits for a payable total before creating Elements', async () => {
      const { payment } = await setup();
      payment.update({ ...STATE, total: 0 });
      await payment.show(CONFIG);
      expect(stripe.elementsOptions).to.have.length(0);
      payment.update(STATE);
      expect(stripe.elementsOptions[0]).to.include({ amount: 5140 });
    });

    it('follows a change of frequency and total with one update once the donor pauses', async () => {
      const { payment } = await shown();
      payment.update({ ...STATE, total: 2500 });
      payment.update({ ...STATE, total: 2560 });
      payment.update({ ...STATE, frequency: 'year', total: 2560 });
      expect(stripe.updates).to.deep.equal([]);
      await waitFor(() => stripe.updates.length > 0, 'an update');
      await sleep(40);
      expect(stripe.updates).to.deep.equal([{ mode: 'subscription', amount: 2560, currency: 'usd', locale: 'es' }]);
    });

    it('does not update Elements when nothing it shows has changed', async () => {
      const { payment } = await shown();
      payment.update({ ...STATE });
      await sleep(60);
      expect(stripe.updates).to.deep.equal([]);
    });

    it('unmounts when the element leaves the page', async () => {
      const { host } = await shown();
      host.remove();
      expect(stripe.unmounts).to.equal(1);
    });
  });

  describe('when the donor pays', () => {
    it('submits, posts the request once with an Idempotency-Key, and confirms with the returned client secret', async () => {
      const { payment } = await shown();
      const outcome = await payment.pay(REQUEST);

      expect(posts()).to.have.length(1);
      const [post] = posts();
      expect(post!.method).to.equal('POST');
      expect(post!.headers.get('Idempotency-Key')).to.match(UUID);
      expect(post!.headers.get('Content-Type')).to.equal('application/json');
      expect(JSON.parse(post!.body)).to.deep.equal(REQUEST);

      expect(stripe.calls).to.deep.equal(['submit', 'confirm']);
      const confirm = stripe.confirms[0]!;
      expect(confirm.clientSecret).to.equal('pi_don_1_secret_abc');
      expect(confirm.redirect).to.equal('if_required');
      const back = new URL(confirm.confirmParams.return_url);
      expect(back.origin + back.pathname).to.equal(location.origin + location.pathname);
      expect(back.searchParams.get('mira_donation')).to.equal('don_1');

      expect(outcome).to.deep.equal({ status: 'succeeded', donation: donationAnswer('don_1', post!.body), request: REQUEST });
    });

    it('tells Elements the latest total before submitting, even inside the pause', async () => {
      const { payment } = await shown();
      payment.update({ ...STATE, total: 10_256 });
      await payment.pay({ ...REQUEST, gift: 10_000 });
      expect(stripe.calls).to.deep.equal(['update', 'submit', 'confirm']);
      expect(stripe.updates[0]).to.include({ amount: 10_256 });
    });

    it('is busy while paying, and a double click sends one request', async () => {
      const { payment, host } = await shown();
      let release!: () => void;
      donations = (request) => new Promise((resolve) => (release = () => resolve(json(donationAnswer('don_1', request.body), 201))));
      const first = payment.pay(REQUEST);
      const second = payment.pay(REQUEST);
      expect(second).to.equal(first);
      expect(payment.busy).to.equal(true);
      await waitFor(() => posts().length === 1, 'the POST');
      release();
      const [a, b] = await Promise.all([first, second]);
      expect(a).to.equal(b);
      expect(posts()).to.have.length(1);
      expect(stripe.confirms).to.have.length(1);
      expect(payment.busy).to.equal(false);
      await host.updateComplete;
    });

    it('stops before the endpoint when the Payment Element is incomplete', async () => {
      const { payment } = await shown();
      stripe.submit = () => ({ error: { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' } });
      const outcome = await payment.pay(REQUEST);
      expect(outcome).to.deep.equal({ status: 'failed', code: 'payment_failed', field: 'payment', message: 'Your card number is incomplete.' });
      expect(posts()).to.have.length(0);
    });

    it('after a network failure, retries with the same Idempotency-Key', async () => {
      const { payment } = await shown();
      donations = () => Promise.reject(new TypeError('Failed to fetch'));
      expect(await payment.pay(REQUEST)).to.deep.equal({ status: 'failed', code: 'network_error' });
      donations = (request) => json(donationAnswer('don_1', request.body), 201);
      expect(await payment.pay(REQUEST)).to.include({ status: 'succeeded' });
      expect(keys()).to.have.length(2);
      expect(keys()[1]).to.equal(keys()[0]);
    });

    it('after a reload mid-way, the same request reuses the pending key', async () => {
      const first = await shown();
      donations = () => Promise.reject(new TypeError('Failed to fetch'));
      await first.payment.pay(REQUEST);
      first.host.remove();

      const second = await shown(); // a fresh element, as after a reload; sessionStorage remains
      donations = (request) => json(donationAnswer('don_1', request.body), 201);
      // The form rebuilds the request in its own order: the same request all the same.
      const { locale, campaign, ...rest } = REQUEST;
      await second.payment.pay({ ...rest, locale, campaign });
      expect(keys()[1]).to.equal(keys()[0]);
      expect(posts()[1]!.body).to.equal(posts()[0]!.body);
    });

    it('a changed request gets a new key', async () => {
      const { payment } = await shown();
      donations = () => Promise.reject(new TypeError('Failed to fetch'));
      await payment.pay(REQUEST);
      donations = (request) => json(donationAnswer('don_2', request.body), 201);
      await payment.pay({ ...REQUEST, gift: 7500 });
      expect(keys()).to.have.length(2);
      expect(keys()[1]).to.match(UUID).and.not.equal(keys()[0]);
    });

    it('a declined card fails with card_declined, and the next try is a new attempt with a new key', async () => {
      const { payment } = await shown();
      stripe.confirm = () => ({ error: { ...DECLINE, payment_intent: intent('pi_don_1_secret_abc', 'requires_payment_method') } });
      const declined = await payment.pay(REQUEST);
      expect(declined).to.deep.equal({ status: 'failed', code: 'card_declined', message: 'Your card was declined.', card: true });
      expect(payment.busy).to.equal(false);

      stripe.confirm = (args) => ({ paymentIntent: intent(args.clientSecret, 'succeeded') });
      expect(await payment.pay(REQUEST)).to.include({ status: 'succeeded' });
      expect(keys()).to.have.length(2);
      expect(keys()[1]).to.match(UUID).and.not.equal(keys()[0]);
    });

    it('other card errors fail as payment_failed, still marked as the card\'s', async () => {
      const { payment } = await shown();
      stripe.confirm = () => ({ error: { type: 'card_error', code: 'expired_card', message: 'Your card has expired.' } });
      expect(await payment.pay(REQUEST)).to.deep.equal({ status: 'failed', code: 'payment_failed', message: 'Your card has expired.', card: true });
    });

    it("passes the endpoint's error code and field through, and does not confirm", async () => {
      const { payment } = await shown();
      donations = () => json({ error: { code: 'amount_too_small', message: 'The smallest gift is $5.00.', field: 'gift' } }, 400);
      const outcome = await payment.pay({ ...REQUEST, gift: 100 });
      expect(outcome).to.deep.equal({ status: 'failed', code: 'amount_too_small', field: 'gift', message: 'The smallest gift is $5.00.' });
      expect(stripe.confirms).to.have.length(0);
    });

    it('an endpoint answer that is not its error shape still gives a stable code', async () => {
      const { payment } = await shown();
      donations = () => new Response('<html>Bad gateway</html>', { status: 502 });
      expect(await payment.pay(REQUEST)).to.deep.equal({ status: 'failed', code: 'internal_error' });
      // The endpoint may have acted on it: the retry is the same attempt.
      donations = (request) => json(donationAnswer('don_1', request.body), 201);
      await payment.pay(REQUEST);
      expect(keys()[1]).to.equal(keys()[0]);
    });

    it('gives up on a silent endpoint with timeout, and the retry is the same attempt', async () => {
      const { payment } = await shown({ timeout: 100 });
      donations = never;
      const started = performance.now();
      expect(await payment.pay(REQUEST)).to.deep.equal({ status: 'failed', code: 'timeout' });
      expect(performance.now() - started).to.be.within(90, 1000);
      expect(payment.busy).to.equal(false);
      donations = (request) => json(donationAnswer('don_1', request.body), 201);
      expect(await payment.pay(REQUEST)).to.include({ status: 'succeeded' });
      expect(keys()[1]).to.equal(keys()[0]);
    });

    it('a retry that finds the payment already went through is a success, not a second charge', async () => {
      const { payment } = await shown();
      stripe.confirm = () => ({ error: { type: 'api_connection_error', message: 'Network error' } });
      expect(await payment.pay(REQUEST)).to.include({ status: 'failed', code: 'network_error' });
      stripe.confirm = (args) => ({
        error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', payment_intent: intent(args.clientSecret, 'succeeded') },
      });
      expect(await payment.pay(REQUEST)).to.include({ status: 'succeeded' });
      expect(keys()[1]).to.equal(keys()[0]);
    });

    it('when Stripe.js throws instead of answering, fails with payment_failed and keeps the attempt', async () => {
      const { payment } = await shown();
      stripe.confirm = () => {
        throw new Error('IntegrationError: elements.submit() must be called before stripe.confirmPayment()');
      };
      expect(await payment.pay(REQUEST)).to.include({ status: 'failed', code: 'payment_failed' });
      expect(payment.busy).to.equal(false);
      stripe.confirm = (args) => ({ paymentIntent: intent(args.clientSecret, 'succeeded') });
      expect(await payment.pay(REQUEST)).to.include({ status: 'succeeded' });
      expect(keys()[1]).to.equal(keys()[0]);
    });

    it('reports processing for payments that settle later', async () => {
      const { payment } = await shown();
      stripe.confirm = (args) => ({ paymentIntent: intent(args.clientSecret, 'processing') });
      expect(await payment.pay(REQUEST)).to.include({ status: 'processing' });
    });

    it('fails with payment_unavailable when the endpoint cannot give a publishable key', async () => {
      sent = stubEndpoint({ '/api/config': () => json({ error: { code: 'internal_error', message: 'down' } }, 503) });
      const { payment } = await setup();
      payment.update(STATE);
      await payment.show();
      expect(payment.status).to.equal('unavailable');
      expect(await payment.pay(REQUEST)).to.deep.equal({ status: 'failed', code: 'payment_unavailable' });
      expect(posts()).to.have.length(0);
    });

    it('fails with payment_unavailable when the Payment Element itself cannot load', async () => {
      stripe.mountEvent = 'loaderror';
      const { payment } = await shown();
      await waitFor(() => payment.status === 'unavailable', 'the load error');
      expect(await payment.pay(REQUEST)).to.deep.equal({ status: 'failed', code: 'payment_unavailable' });
      expect(stripe.submits).to.equal(0);
      expect(posts()).to.have.length(0);
    });

    it('abandons the request when the element leaves the page mid-way', async () => {
      const { payment, host } = await shown();
      donations = never;
      const paying = payment.pay(REQUEST);
      await waitFor(() => posts().length === 1, 'the POST');
      host.remove();
      expect(await paying).to.deep.equal({ status: 'failed', code: 'network_error' });
    });
  });

  describe('when the donor comes back from a redirect', () => {
    /** The donor pays with a redirect-based method (the page leaves while confirming); the bank sends them back with `redirectStatus`. */
    async function payAtTheBank(redirectStatus: 'succeeded' | 'failed'): Promise<void> {
      const before = await shown();
      stripe.confirm = never as unknown as FakeStripe['confirm'];
      void before.payment.pay(REQUEST);
      await waitFor(() => stripe.confirms.length === 1, 'the confirmation');
      const back = new URL(stripe.confirms[0]!.confirmParams.return_url);
      back.searchParams.set('payment_intent', 'pi_don_1');
      back.searchParams.set('payment_intent_client_secret', 'pi_don_1_secret_abc');
      back.searchParams.set('redirect_status', redirectStatus);
      before.host.remove();
      history.replaceState(null, '', back.href);
    }

    it('announces the outcome with the gift as it was asked for, and cleans the URL', async () => {
      await payAtTheBank('succeeded');
      const after = await setup();
      const outcome = await after.payment.readReturn(CONFIG);
      expect(stripe.retrieves).to.deep.equal(['pi_don_1_secret_abc']);
      expect(outcome).to.deep.equal({
        status: 'succeeded',
        donation: donationAnswer('don_1', posts()[0]!.body),
        request: REQUEST,
      });
      expect(after.host.lang).to.equal('es');
      expect(location.href).to.equal(pageUrl);
      expect(await after.payment.readReturn(CONFIG)).to.equal(null);
    });

    it('a bank that said no is a failure, in the language the donor chose, and the next try is a new attempt', async () => {
      await payAtTheBank('failed');
      stripe.retrieve = (secret) => ({
        paymentIntent: intent(secret, 'requires_payment_method', { last_payment_error: { type: 'card_error', code: 'card_declined', message: 'Declined.' } }),
      });
      const after = await shown();
      expect(await after.payment.readReturn()).to.deep.equal({ status: 'failed', code: 'card_declined', message: 'Declined.', card: true });
      // The request was in Spanish: the host speaks it again, whatever the page's language.
      expect(after.host.lang).to.equal('es');
      stripe.confirm = (args) => ({ paymentIntent: intent(args.clientSecret, 'succeeded') });
      await after.payment.pay(REQUEST);
      expect(keys()[1]).to.match(UUID).and.not.equal(keys()[0]);
    });

    it('in a tab that no longer holds the request, announces what Stripe knows', async () => {
      const back = new URL(pageUrl);
      back.searchParams.set('mira_donation', 'don_9');
      back.searchParams.set('mira_frequency', 'month');
      back.searchParams.set('payment_intent_client_secret', 'pi_don_9_secret_abc');
      back.searchParams.set('redirect_status', 'succeeded');
      history.replaceState(null, '', back.href);
      const { payment, host } = await setup();
      expect(await payment.readReturn(CONFIG)).to.deep.equal({
        status: 'succeeded',
        donation: {
          donationId: 'don_9',
          clientSecret: 'pi_don_9_secret_abc',
          mode: 'subscription',
          gift: 5140,
          fee: 0,
          total: 5140,
          frequency: 'month',
          currency: 'USD',
        },
      });
      // Nothing says which language the donor chose: the host keeps the page's.
      expect(host.lang).to.equal('');
      expect(location.href).to.equal(pageUrl);
    });

    it('on an ordinary visit, returns null without loading Stripe', async () => {
      const { payment } = await setup();
      expect(await payment.readReturn()).to.equal(null);
      expect(stripe.keys).to.deep.equal([]);
      expect(sent).to.deep.equal([]);
    });
  });
});
