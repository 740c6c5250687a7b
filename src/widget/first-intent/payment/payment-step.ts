/**
 * The payment step's work on the donor's first intent: Stripe.js loaded, the Payment Element mounted
 * in a light-DOM container and kept in step with the form, and a donation request turned into exactly
 * one payment however often the button is pressed. A plain class: the element's one payment-step
 * controller (controllers/payment-step.ts) creates it once the chunk is here and forwards its
 * lifecycle to it:
 *
 *   step = new PaymentStep({ host, endpoint, container, changed: () => host.requestUpdate() });
 *   every host update:     step.update({ frequency, total, currency, language });
 *   after each render:     step.mount();            // the container may only exist after a render
 *   on the first intent:   step.show(config);       // first input, Donate hovered or focused
 *   on donate:             const outcome = await step.pay(request);
 *   on a return:           const returned = await step.readReturn(config);   // null if not a return
 *   leaving / back:        step.disconnect(); step.connect();
 *
 * `busy` and `status` say where it stands, for a host that shows them (the element keeps its own
 * `paying`, which also covers the wait for the chunk).
 */
import type { PaymentIntent, Stripe, StripeElements, StripePaymentElement } from '@stripe/stripe-js';
import type { DonationResponse } from '../../../core/api.js';
import type { DonationRequest, Frequency } from '../../../core/donation.js';
import type { Language } from '../../../core/locale.js';
import { appearanceFrom, stripeLocale } from './appearance.js';
import { attemptKey, canonicalJson, forgetAttempt } from './attempts.js';
import { failed, settle, type PaymentOutcome, type Settled } from './outcome.js';
import { postDonation } from './post-donation.js';
import { forgetReturnParams, readReturnParams, returnUrl, saveReturn, takeReturn, type ReturnParams } from './return-url.js';
import { fetchPaymentConfig, loadStripeFor, type PaymentConfig } from './stripe-loader.js';

/** What the Payment Element must show: the form's current choice. `total` in minor units, fee cover included. */
export interface PaymentState {
  frequency: Frequency;
  total: number;
  currency: string;
  language: Language;
}

export interface PaymentStepOptions {
  /** The element: its styles dress the Payment Element, and a return sets its `lang`. */
  host: HTMLElement;
  /** Something the host shows changed (`busy`, `status`): it renders again. */
  changed: () => void;
  /** The endpoint's base URL (the element's `endpoint`). */
  endpoint: () => string;
  /** The light-DOM element the Payment Element mounts into: Stripe cannot mount inside a shadow root. */
  container: () => HTMLElement | null | undefined;
  /** Milliseconds before `POST /api/donations` gives up with `timeout`. */
  timeout?: number;
  /** Milliseconds of quiet before the Payment Element is told about a change, so typing does not spam it. */
  updateDelay?: number;
}

/**
 * `idle`: the donor has not started, nothing loaded. `loading`: Stripe.js or the Payment Element on its way.
 * `ready`: the Payment Element is shown. `unavailable`: Stripe.js could not load; paying fails with
 * `payment_unavailable` until a later try loads it.
 */
export type PaymentStatus = 'idle' | 'loading' | 'ready' | 'unavailable';

type ElementsOptions = { mode: 'payment' | 'subscription'; amount: number; currency: string; locale: ReturnType<typeof stripeLocale> };

const DEFAULT_TIMEOUT = 20_000;
const DEFAULT_UPDATE_DELAY = 150;

export class PaymentStep {
  private readonly host: HTMLElement;
  private readonly options: Required<PaymentStepOptions>;

  private config?: PaymentConfig;
  private state?: PaymentState;
  private stripe?: Stripe;
  private loading?: Promise<Stripe | undefined>;
  private elements?: StripeElements;
  private paymentElement?: StripePaymentElement;
  private mounted = false;
  /** What the Payment Element was last told, to skip updates that change nothing. */
  private shown?: ElementsOptions;
  private updateTimer?: ReturnType<typeof setTimeout>;
  private running?: Promise<PaymentOutcome>;
  private aborts = new AbortController();
  private _busy = false;
  private _status: PaymentStatus = 'idle';

  constructor(options: PaymentStepOptions) {
    this.host = options.host;
    this.options = { timeout: DEFAULT_TIMEOUT, updateDelay: DEFAULT_UPDATE_DELAY, ...options };
  }

  /** A payment is under way: the donate button should say so and not take another press. */
  get busy(): boolean {
    return this._busy;
  }

  get status(): PaymentStatus {
    return this._status;
  }

  /** The element is back on the page (moved in the DOM): requests may go out again. */
  connect(): void {
    if (this.aborts.signal.aborted) this.aborts = new AbortController();
  }

  /** The element left the page: the Payment Element comes down and requests under way are abandoned. */
  disconnect(): void {
    clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    if (this.mounted) this.paymentElement?.unmount();
    this.mounted = false;
    this.aborts.abort(new DOMException('The donation form left the page.', 'AbortError'));
  }

  /**
   * The donor's first intent: load Stripe.js (the first time only) and mount the Payment Element.
   * `config` is the endpoint's `GET /api/config` if the element has it; otherwise it is fetched.
   * Resolves once the Payment Element is mounted or Stripe.js has failed (see `status`); never rejects.
   */
  async show(config?: PaymentConfig): Promise<void> {
    if (config) this.config ??= config;
    if (this._status === 'idle' || this._status === 'unavailable') this.setStatus('loading');
    const stripe = await this.load();
    if (!stripe) {
      this.setStatus('unavailable');
      return;
    }
    this.mount();
  }

  /** The form changed. Kept until the step is shown; afterwards the Payment Element follows, shortly after. */
  update(state: PaymentState): void {
    this.state = { ...state };
    if (!this.elements) {
      this.mount();
      return;
    }
    const next = elementsOptions(this.state);
    clearTimeout(this.updateTimer);
    this.updateTimer = next && !sameOptions(next, this.shown) ? setTimeout(() => this.flushUpdate(), this.options.updateDelay) : undefined;
  }

  /**
   * Donate: validates the Payment Element, asks the endpoint for the payment, and confirms it with
   * Stripe (redirecting only for methods that need it). While one runs, calling again returns the
   * same promise: a double click never sends two requests. Never rejects.
   */
  pay(request: DonationRequest): Promise<PaymentOutcome> {
    if (!this.running) {
      this.running = this.attempt(request)
        // Stripe.js throws (rather than answers) when called wrongly: the donor still gets an outcome,
        // and the attempt's key is kept, since the endpoint may already have made the payment.
        .catch((error: unknown) => failed('payment_failed', { message: error instanceof Error ? error.message : undefined }))
        .finally(() => {
          this.running = undefined;
          this.setBusy(false);
        });
      this.setBusy(true);
    }
    return this.running;
  }

  /**
   * After a redirect-based method brings the donor back: the outcome from the URL, or null when this
   * page load is not such a return. The URL is cleaned first, so a reload does not announce it again.
   * When this tab still holds the request, the host takes back the donor's language (its `locale`).
   */
  async readReturn(config?: PaymentConfig): Promise<PaymentOutcome | null> {
    const params = readReturnParams();
    if (!params) return null;
    forgetReturnParams();
    const record = takeReturn(params.donationId);
    const body = record && canonicalJson(record.request);
    // The page they come back to may speak another language than the one they chose: theirs comes
    // back at once, as the language switch sets it (the element follows its own lang), so the outcome
    // and all around it are in their language.
    if (record) this.host.lang = record.request.locale;
    if (config) this.config ??= config;
    const stripe = await this.load();
    if (!stripe) return failed('payment_unavailable');
    let settled;
    try {
      settled = settle(await stripe.retrievePaymentIntent(params.clientSecret));
    } catch {
      return failed('network_error');
    }
    endAttempt(settled, body);
    if (settled.status === 'failed') return settled.failure;
    return record
      ? { status: settled.status, donation: { ...record.donation, clientSecret: params.clientSecret }, request: record.request }
      : { status: settled.status, donation: donationFromPaymentIntent(params, settled.paymentIntent) };
  }

  private async attempt(request: DonationRequest): Promise<PaymentOutcome> {
    // Nothing is awaited before elements.submit() when the Payment Element is up: wallets need the
    // donor's click to still count as the gesture that opened them.
    if (!this.elements) await this.show();
    const { stripe, elements } = this;
    if (!stripe || !elements || this._status === 'unavailable') return failed('payment_unavailable');
    this.flushUpdate();
    const submitted = await elements.submit();
    if (submitted.error) return failed('payment_failed', { field: 'payment', message: submitted.error.message });

    const body = canonicalJson(request);
    const posted = await postDonation(this.options.endpoint(), body, attemptKey(body), {
      timeout: this.options.timeout,
      signal: this.aborts.signal,
    });
    if (!posted.ok) {
      if (!posted.retryable) forgetAttempt(body);
      return posted.failure;
    }

    const { donation } = posted;
    saveReturn(donation, request);
    let settled;
    try {
      settled = settle(
        await stripe.confirmPayment({
          elements,
          clientSecret: donation.clientSecret,
          confirmParams: {
            return_url: returnUrl(donation),
            // The form already asked for these, so the Payment Element does not ask again.
            payment_method_data: { billing_details: { name: request.donor.name, email: request.donor.email } },
          },
          redirect: 'if_required',
        }),
      );
    } finally {
      takeReturn(donation.donationId); // Still on the page: there will be no return to announce.
    }
    endAttempt(settled, body);
    if (settled.status === 'failed') return settled.failure;
    return { status: settled.status, donation, request };
  }

  /** Stripe.js, loaded once; a failed load is forgotten so the next try loads it again. */
  private load(): Promise<Stripe | undefined> {
    this.loading ??= (async () => {
      const endpoint = this.options.endpoint();
      this.config ??= await fetchPaymentConfig(endpoint, this.aborts.signal);
      return (this.stripe = await loadStripeFor(this.config, endpoint));
    })().catch(() => {
      this.loading = undefined;
      return undefined;
    });
    return this.loading;
  }

  /**
   * Creates Elements once Stripe.js, a payable total and the container are all there, then mounts;
   * called after each render, since the container may only exist then, and a moved element mounts again.
   */
  mount(): void {
    const container = this.options.container();
    if (!this.stripe || !container || !this.host.isConnected) return;
    if (!this.elements || !this.paymentElement) {
      const options = this.state && elementsOptions(this.state);
      if (!options) return;
      this.elements = this.stripe.elements({ ...options, appearance: appearanceFrom(this.host) });
      this.shown = options;
      this.paymentElement = this.elements.create('payment', { fields: { billingDetails: { name: 'never', email: 'never' } } });
      this.paymentElement.on('ready', () => this.setStatus('ready'));
      this.paymentElement.on('loaderror', () => this.setStatus('unavailable'));
    }
    if (!this.mounted) {
      this.paymentElement.mount(container);
      this.mounted = true;
    }
  }

  private flushUpdate(): void {
    clearTimeout(this.updateTimer);
    this.updateTimer = undefined;
    const next = this.state && elementsOptions(this.state);
    if (!this.elements || !next || sameOptions(next, this.shown)) return;
    this.shown = next;
    // A failed update leaves the previous amount on show; the endpoint charges what the request says.
    try {
      void Promise.resolve(this.elements.update(next)).catch(() => undefined);
    } catch {
      /* as above */
    }
  }

  private setBusy(busy: boolean): void {
    if (busy === this._busy) return;
    this._busy = busy;
    this.options.changed();
  }

  private setStatus(status: PaymentStatus): void {
    if (status === this._status) return;
    this._status = status;
    this.options.changed();
  }
}

/**
 * Stripe's answer ends the attempt (the request's next try gets a new key) when the payment went
 * through or surely did not; a failure that may still have moved money keeps the key for a retry.
 * `body` is undefined after a return in a tab that no longer holds the request.
 */
function endAttempt(settled: Settled, body: string | undefined): void {
  if (body && (settled.status !== 'failed' || settled.definite)) forgetAttempt(body);
}

/** Elements options for the form's state, or undefined while there is no payable total. */
function elementsOptions(state: PaymentState): ElementsOptions | undefined {
  if (!Number.isSafeInteger(state.total) || state.total <= 0) return undefined;
  return {
    mode: state.frequency === 'once' ? 'payment' : 'subscription',
    amount: state.total,
    currency: state.currency.toLowerCase(),
    locale: stripeLocale(state.language),
  };
}

function sameOptions(a: ElementsOptions, b: ElementsOptions | undefined): boolean {
  return !!b && a.mode === b.mode && a.amount === b.amount && a.currency === b.currency && a.locale === b.locale;
}

/**
 * The donor came back in a tab that no longer holds the request (a bank app opened another
 * browser): what Stripe knows. The gift/fee split is lost, so the whole amount stands as the gift.
 */
function donationFromPaymentIntent(params: ReturnParams, paymentIntent: PaymentIntent): DonationResponse {
  return {
    donationId: params.donationId,
    clientSecret: params.clientSecret,
    mode: params.frequency === 'once' ? 'payment' : 'subscription',
    gift: paymentIntent.amount,
    fee: 0,
    total: paymentIntent.amount,
    frequency: params.frequency,
    currency: paymentIntent.currency.toUpperCase(),
  };
}
