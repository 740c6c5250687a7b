/**
 * The payment step, the one controller for it: the light-DOM home of Stripe's Payment Element, the
 * first-intent chunk loaded on the donor's first intent, and the chunk's PaymentStep (a plain class)
 * created then and kept in step with the element's lifecycle; and the outcome of a redirect-based
 * payment read back on the way in.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DonationRequest } from '../../core/donation.js';
import type { FirstIntent, PaymentConfig, PaymentOutcome, PaymentState, PaymentStep } from '../first-intent/index.js';
import { nextTask } from '../next-task.js';
import { addTerms } from './localize.js';

export interface PaymentStepOptions {
  /** Loads the first-intent chunk (see loads.ts); rejects when it cannot. */
  load: () => Promise<FirstIntent>;
  /** The endpoint's base URL, or undefined when there is none (the form then only validates). */
  endpoint: () => string | undefined;
  /** `GET /api/config`, once the element has it, so Stripe.js loads without asking again. */
  config: () => PaymentConfig | undefined;
  /** What the Payment Element must show now; undefined while there is no payable total. */
  state: () => PaymentState | undefined;
  /** The donor came back from a redirect-based payment method: how it went. */
  returned: (outcome: PaymentOutcome) => void;
}

/** Stripe's return carries these; only a return can hold both (see first-intent/payment/return-url.ts). */
const isReturn = () => {
  const params = new URLSearchParams(location.search);
  return params.has('mira_donation') && params.has('payment_intent_client_secret');
};

export class PaymentStepController implements ReactiveController {
  /** The first-intent chunk once it is here: validation is then synchronous. */
  firstIntent?: FirstIntent;
  /** The Payment Element's light-DOM home, `<div slot="payment">`, while the element is on the page. */
  container?: HTMLElement;
  private step?: PaymentStep;
  private starting?: Promise<FirstIntent | undefined>;
  private loading?: Promise<FirstIntent>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: PaymentStepOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Stripe cannot mount inside a shadow root: its home is a light-DOM child slotted into the form.
    const container = document.createElement('div');
    container.slot = 'payment';
    container.className = 'mira-donate-payment';
    this.host.append(container);
    this.container = container;
    this.step?.connect();
    // A task later: the upgrade's task is long enough on a phone already.
    void nextTask().then(() => this.readReturn());
  }

  /** Back from a bank's or wallet's page: the payment's outcome, read once the chunk is here. */
  private readReturn(): void {
    if (!this.host.isConnected || !isReturn()) return;
    void this.start().then(async () => {
      const outcome = await this.step?.readReturn(this.options.config());
      if (outcome) this.options.returned(outcome);
    });
  }

  hostDisconnected(): void {
    this.container?.remove();
    this.container = undefined;
    this.step?.disconnect();
  }

  hostUpdate(): void {
    // Every change of frequency, total, currency or language reaches the Payment Element.
    const state = this.options.state();
    if (state) this.step?.update(state);
  }

  hostUpdated(): void {
    this.step?.mount();
  }

  /** The chunk alone, for what it shows with no payment to make (a page that may not take gifts): Stripe.js is not loaded. */
  chunk(): Promise<FirstIntent> {
    this.loading ??= this.options.load().then((firstIntent) => {
      addTerms(firstIntent.terms);
      this.firstIntent = firstIntent;
      this.host.requestUpdate();
      return firstIntent;
    });
    // Offline, or the chunk is not served: the next call tries again.
    this.loading.catch(() => (this.loading = undefined));
    return this.loading;
  }

  /** The donor's first intent: load the chunk and show the Payment Element. Called freely; does the work once. */
  start(): Promise<FirstIntent | undefined> {
    this.starting ??= this.chunk().then(
      (firstIntent) => {
        if (this.options.endpoint()) {
          this.step = new firstIntent.PaymentStep({
            host: this.host,
            changed: () => this.host.requestUpdate(),
            endpoint: () => this.options.endpoint() ?? '',
            container: () => this.container,
          });
          const state = this.options.state();
          if (state) this.step.update(state);
          void this.step.show(this.options.config());
        }
        this.host.requestUpdate();
        return firstIntent;
      },
      () => {
        // Offline, or the chunk is not served: the donor's next interaction tries again.
        this.starting = undefined;
        return undefined;
      },
    );
    return this.starting;
  }

  /**
   * Pays for a request validated with the chunk, so after start() has done its work: synchronous up
   * to Stripe, so a wallet still sees the donor's click. Never rejects.
   */
  pay(request: DonationRequest): Promise<PaymentOutcome> {
    // No PaymentStep: the element had no endpoint at the donor's first intent.
    return this.step?.pay(request) ?? Promise.resolve({ status: 'failed', code: 'payment_unavailable' });
  }
}
