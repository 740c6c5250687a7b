/**
 * Demo mode: no Stripe.js on the page until the donor's first intent, then the endpoint's stand-in
 * script, which defines `window.Stripe` for `loadStripe` to use. Its own file: `loadStripe` remembers
 * the first `window.Stripe` for the life of the page, and here there must be none to begin with.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { afterEach, beforeEach, describe, it } from './mocha.js';
import { ENDPOINT, FakeStripe, PaymentHost, json, restoreFetch, stripeConstructor, stubEndpoint, useStripe, type SentRequest } from './fakes.js';
import { paymentStepOn } from './step-on-host.js';

const STATE = { frequency: 'once', total: 2500, currency: 'USD', language: 'en' } as const;

/** The stand-in Stripe.js, as a script URL: defines `window.Stripe` when it runs. */
const standIn = URL.createObjectURL(new Blob(['window.Stripe = window.__standInStripe;'], { type: 'text/javascript' }));
Object.assign(window, { __standInStripe: stripeConstructor() });

const demo = (stripeJsUrl: string) => ({ publishableKey: 'pk_demo_mira', mode: 'demo', stripeJsUrl });

async function setup() {
  const host = await fixture<PaymentHost>(html`<payment-host><div class="payment"></div></payment-host>`);
  const container = host.querySelector<HTMLElement>('.payment')!;
  const payment = paymentStepOn(host, { endpoint: () => ENDPOINT, container: () => container });
  payment.update(STATE);
  return payment;
}

const scripts = () => [...document.querySelectorAll('script[src]')].map((script) => (script as HTMLScriptElement).src);

describe('PaymentStep in demo mode', () => {
  let stripe: FakeStripe;
  let sent: SentRequest[];
  let config: ReturnType<typeof demo>;

  beforeEach(() => {
    stripe = new FakeStripe();
    useStripe(stripe);
    sent = stubEndpoint({ '/api/config': () => json(config) });
  });

  afterEach(restoreFetch);

  it('a stand-in that cannot load leaves payment unavailable, without reaching for Stripe', async () => {
    config = demo(`${location.origin}/no-such-stand-in.js`);
    const payment = await setup();
    await payment.show();
    expect(payment.status).to.equal('unavailable');
    expect('Stripe' in window).to.equal(false);
    expect(scripts().some((src) => src.startsWith('https://js.stripe.com'))).to.equal(false);
    expect(await payment.pay({} as never)).to.deep.equal({ status: 'failed', code: 'payment_unavailable' });
  });

  it('loads the stand-in named by the config on the first intent, never before, and Stripe runs on it', async () => {
    config = demo(standIn);
    const payment = await setup();
    expect(scripts()).not.to.include(standIn);
    expect(sent).to.deep.equal([]);

    await payment.show();
    expect(scripts()).to.include(standIn);
    expect(stripe.keys).to.deep.equal(['pk_demo_mira']);
    expect(stripe.elementsOptions[0]).to.include({ mode: 'payment', amount: 2500, currency: 'usd', locale: 'en' });
    expect(scripts().some((src) => src.startsWith('https://js.stripe.com'))).to.equal(false);
  });
});
