/**
 * Updating the card: a SetupIntent from the endpoint (`POST /api/manage/card`), Stripe's Payment
 * Element made from its client secret and mounted in a light-DOM container (it cannot mount in a
 * shadow root), `stripe.confirmSetup` redirecting only for a method that needs it, and the confirmed
 * SetupIntent handed back to the endpoint (`POST /api/manage/card/confirm`), which makes it the
 * gift's card and pays an open invoice with it. Stripe.js is loaded the way the form's payment step
 * loads it (the stand-in first in demo mode), and only when the donor asks to update the card.
 */
import type { Stripe, StripeElements, StripePaymentElement } from '@stripe/stripe-js';
import type { Language } from '../../core/locale.js';
import type { ManageResponse } from '../../core/manage-api.js';
import { appearanceFrom, stripeLocale } from '../first-intent/payment/appearance.js';
import { loadStripeFor } from '../first-intent/payment/stripe-loader.js';
import { ManageError, type ManageClient } from './client.js';

export type CardStepStatus = 'loading' | 'ready' | 'unavailable';

export class CardStep {
  status: CardStepStatus = 'loading';
  private stripe?: Stripe;
  private elements?: StripeElements;
  private element?: StripePaymentElement;
  /** The SetupIntent Stripe confirmed, once it has. */
  private confirmed?: string;

  constructor(
    private readonly host: HTMLElement,
    private readonly client: ManageClient,
    private readonly changed: () => void,
  ) {}

  /** Loads Stripe.js, asks for a SetupIntent and mounts the Payment Element in `container`. Never rejects. */
  async open(config: Pick<ManageResponse, 'publishableKey' | 'mode' | 'stripeJsUrl'>, endpoint: string, container: HTMLElement, language: Language): Promise<void> {
    try {
      const [stripe, { clientSecret }] = await Promise.all([loadStripeFor(config, endpoint), this.client.cardSetup()]);
      this.stripe = stripe;
      this.elements = stripe.elements({ clientSecret, appearance: appearanceFrom(this.host), locale: stripeLocale(language) });
      this.element = this.elements.create('payment');
      const ready = new Promise<boolean>((resolve) => {
        this.element!.on('ready', () => resolve(true));
        this.element!.on('loaderror', () => resolve(false));
      });
      this.element.mount(container);
      this.status = (await ready) ? 'ready' : 'unavailable';
    } catch {
      this.status = 'unavailable';
    }
    this.changed();
  }

  /** The language changed while the card form is open. */
  relocalize(language: Language): void {
    this.elements?.update({ locale: stripeLocale(language) });
  }

  /** Confirms the card with Stripe, then tells the endpoint. Rejects with a ManageError (its message, when Stripe gave one). */
  async save(returnUrl: string): Promise<ManageResponse> {
    const { stripe, elements } = this;
    if (!stripe || !elements) throw new ManageError('payment_unavailable');
    // Confirmed with Stripe once: a retry after the endpoint's answer was lost only tells the endpoint again.
    if (!this.confirmed) {
      const result = await stripe.confirmSetup({ elements, redirect: 'if_required', confirmParams: { return_url: returnUrl } });
      if (result.error) throw Object.assign(new ManageError('card_setup_failed', 402, 'card'), { stripeMessage: result.error.message });
      this.confirmed = result.setupIntent.id;
    }
    return this.client.confirmCard(this.confirmed);
  }

  close(): void {
    this.element?.unmount();
    this.element = undefined;
    this.elements = undefined;
  }
}
