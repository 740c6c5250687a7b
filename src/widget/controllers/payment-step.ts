/**
 * The payment step as the element sees it: the light-DOM home of Stripe's Payment Element, the
 * intent chunk (validation and the PaymentController) loaded on the donor's first sign of intent,
 * and the outcome of a redirect-based payment read back on the way in.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DonationRequest } from '../../core/donation.js';
import { loadIntent, type IntentModule } from '../intent/load-intent.js';
import { addTerms } from './localize.js';
import type { PaymentConfig, PaymentController, PaymentOutcome, PaymentState } from '../payment/payment-controller.js';

export interface PaymentStepOptions {
  /** The endpoint's base URL, or undefined when there is none (the form then only validates). */
  endpoint: () => string | undefined;
  /** `GET /api/config`, once the element has it, so Stripe.js loads without asking again. */
  config: () => PaymentConfig | undefined;
  /** What the Payment Element must show now; undefined while there is no payable total. */
  state: () => PaymentState | undefined;
  /** The donor came back from a redirect-based payment method: how it went. */
  returned: (outcome: PaymentOutcome) => void;
}

/** Stripe's return carries these; only a return can hold both (see payment/return-url.ts). */
const isReturn = () => {
  const params = new URLSearchParams(location.search);
  return params.has('mira_donation') && params.has('payment_intent_client_secret');
};

export class PaymentStepController implements ReactiveController {
  /** The intent chunk once it is here: validation is then synchronous. */
  intent?: IntentModule;
  /** The Payment Element's light-DOM home, `<div slot="payment">`, while the element is on the page. */
  container?: HTMLElement;
  private payment?: PaymentController;
  private starting?: Promise<IntentModule | undefined>;

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
    if (isReturn()) {
      void this.start().then(async () => {
        const outcome = await this.payment?.readReturn(this.options.config());
        if (outcome) this.options.returned(outcome);
      });
    }
  }

  hostDisconnected(): void {
    this.container?.remove();
    this.container = undefined;
  }

  hostUpdate(): void {
    // Every change of frequency, total, currency or language reaches the Payment Element.
    const state = this.options.state();
    if (state) this.payment?.update(state);
  }

  /** The donor showed intent: load the chunk and show the Payment Element. Called freely; does the work once. */
  start(): Promise<IntentModule | undefined> {
    this.starting ??= loadIntent().then(
      (intent) => {
        addTerms(intent.INTENT_TERMS);
        this.intent = intent;
        if (this.options.endpoint()) {
          this.payment = new intent.PaymentController(this.host, { endpoint: () => this.options.endpoint() ?? '', container: () => this.container });
          const state = this.options.state();
          if (state) this.payment.update(state);
          void this.payment.showIntent(this.options.config());
        }
        this.host.requestUpdate();
        return intent;
      },
      () => {
        // Offline, or the chunk is not served: the next sign of intent tries again.
        this.starting = undefined;
        return undefined;
      },
    );
    return this.starting;
  }

  /**
   * Pays for a request validated by the intent chunk, so after start() has done its work: synchronous
   * up to Stripe, so a wallet still sees the donor's click. Never rejects.
   */
  pay(request: DonationRequest): Promise<PaymentOutcome> {
    // No PaymentController: the element had no endpoint when the donor showed intent.
    return this.payment?.pay(request) ?? Promise.resolve({ status: 'failed', code: 'payment_unavailable' });
  }
}
