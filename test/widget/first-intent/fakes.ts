/**
 * Stand-ins the payment tests drive: a `window.Stripe` that records what the payment step asks of
 * it, an endpoint answering by path, and a small Lit host with a light-DOM container.
 */
import { LitElement, html } from 'lit';
import { charge } from '../../../src/core/fees.js';

export const ENDPOINT = 'https://donate.mira.test';
export const CONFIG = { publishableKey: 'pk_test_mira', mode: 'test' as const };

type Result = Record<string, unknown>;
type Answer<A> = (args: A) => Result | Promise<Result>;

export interface ConfirmArgs {
  elements: unknown;
  clientSecret: string;
  confirmParams: { return_url: string; payment_method_data?: unknown };
  redirect: string;
}

/** One Stripe account's worth of Stripe.js: what was asked, and what to answer. */
export class FakeStripe {
  readonly keys: string[] = [];
  readonly elementsOptions: Result[] = [];
  readonly updates: Result[] = [];
  readonly mounts: HTMLElement[] = [];
  unmounts = 0;
  submits = 0;
  readonly confirms: ConfirmArgs[] = [];
  readonly retrieves: string[] = [];
  /** Call order across the fake, e.g. ['update', 'submit', 'confirm']. */
  readonly calls: string[] = [];

  /** What the Payment Element reports once mounted: `ready`, or `loaderror` when its iframe fails. */
  mountEvent: 'ready' | 'loaderror' = 'ready';
  submit: Answer<void> = () => ({ selectedPaymentMethod: 'card' });
  confirm: Answer<ConfirmArgs> = (args) => ({ paymentIntent: intent(args.clientSecret, 'succeeded') });
  retrieve: Answer<string> = (secret) => ({ paymentIntent: intent(secret, 'succeeded') });

  /** What `new window.Stripe(key)` returns. */
  construct(key: string): unknown {
    this.keys.push(key);
    return {
      elements: (options: Result) => {
        this.elementsOptions.push(options);
        return this.elementsGroup();
      },
      confirmPayment: async (args: ConfirmArgs) => {
        this.calls.push('confirm');
        this.confirms.push(args);
        return this.confirm(args);
      },
      retrievePaymentIntent: async (secret: string) => {
        this.retrieves.push(secret);
        return this.retrieve(secret);
      },
    };
  }

  private elementsGroup() {
    const handlers = new Map<string, () => void>();
    const paymentElement = {
      mount: (container: HTMLElement) => {
        this.mounts.push(container);
        container.append(Object.assign(document.createElement('div'), { className: 'fake-payment-element' }));
        setTimeout(() => handlers.get(this.mountEvent)?.());
      },
      unmount: () => {
        this.unmounts++;
      },
      on: (event: string, handler: () => void) => handlers.set(event, handler),
    };
    return {
      create: (type: string) => {
        if (type !== 'payment') throw new Error(`unexpected element ${type}`);
        return paymentElement;
      },
      update: async (options: Result) => {
        this.calls.push('update');
        this.updates.push(options);
      },
      submit: async () => {
        this.calls.push('submit');
        this.submits++;
        return this.submit();
      },
    };
  }
}

/** A PaymentIntent as Stripe.js hands it back, for the client secret the endpoint gave. */
export function intent(clientSecret: string, status: string, extra: Result = {}): Result {
  return { id: clientSecret.split('_secret_')[0], object: 'payment_intent', status, amount: 5140, currency: 'usd', ...extra };
}

export const DECLINE = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };

let current: FakeStripe | undefined;

/**
 * `loadStripe` keeps the first `window.Stripe` it finds for the life of the page, so the page gets
 * one constructor that hands each test's calls to that test's fake.
 */
export function installStripe(): FakeStripe {
  current = new FakeStripe();
  if (!('Stripe' in window)) defineStripe();
  return current;
}

export function defineStripe(): void {
  Object.assign(window, { Stripe: stripeConstructor() });
}

/** What Stripe.js defines as `window.Stripe`, handing each call to the current test's fake. */
export function stripeConstructor() {
  const Stripe = (key: string) => {
    if (!current) throw new Error('no fake Stripe for this test');
    return current.construct(key);
  };
  return Object.assign(Stripe, { version: 'endive' });
}

export function useStripe(fake: FakeStripe): void {
  current = fake;
}

export interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

type Route = (request: SentRequest) => Response | Promise<Response>;
const realFetch = window.fetch;

/** Answers requests by path; anything else fails like a dead network. Aborts reject, as real fetch does. */
export function stubEndpoint(routes: Record<string, Route>): SentRequest[] {
  const sent: SentRequest[] = [];
  window.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const request = { url: url.href, method: init.method ?? 'GET', headers: new Headers(init.headers), body: String(init.body ?? '') };
    sent.push(request);
    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal;
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason));
      const route = routes[url.pathname];
      if (!route) return reject(new TypeError('Failed to fetch'));
      Promise.resolve()
        .then(() => route(request))
        .then(resolve, reject);
    });
  };
  return sent;
}

export function restoreFetch(): void {
  window.fetch = realFetch;
}

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Never answers: for timeouts and requests in flight. */
export const never = () => new Promise<Response>(() => {});

/** What the endpoint answers for a good request: a payment with a client secret. */
export function donationAnswer(id: string, body: string) {
  const request = JSON.parse(body) as { gift: number; frequency: string; currency: string; coverFee: boolean };
  // The endpoint's own figures, at the fee rates the tests' config gives (2.2% + 30¢).
  const { fee, total } = charge(request.gift, request.coverFee, { basisPoints: 220, fixed: 30 });
  return {
    donationId: id,
    clientSecret: `pi_${id}_secret_abc`,
    mode: request.frequency === 'once' ? 'payment' : 'subscription',
    gift: request.gift,
    fee,
    total,
    frequency: request.frequency,
    currency: request.currency,
  };
}

/** A stand-in for `<mira-donate>`: a Lit host whose light-DOM child is the Payment Element's container. */
export class PaymentHost extends LitElement {
  override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('payment-host', PaymentHost);

export const waitFor = async (check: () => boolean, what: string, ms = 2000) => {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
