/**
 * `Stripe(publishableKey)`: the subset of Stripe.js the widget and the manage page use: elements(),
 * confirmPayment(), retrievePaymentIntent(), confirmSetup() and retrieveSetupIntent(), answering
 * with Stripe.js's result shapes.
 */
import { StandinApi, intentIdOf, setupIntentIdOf } from './api.js';
import { digits, expiryParts } from './card-input.js';
import { Elements, type ElementsOptions } from './elements.js';
import { declineMessage, langOf } from './messages.js';

interface StripeError {
  type: string;
  code?: string;
  decline_code?: string;
  message: string;
  payment_intent?: unknown;
}

type PaymentIntentResult = { paymentIntent: Record<string, unknown>; error?: undefined } | { error: StripeError; paymentIntent?: undefined };
type SetupIntentResult = { setupIntent: Record<string, unknown>; error?: undefined } | { error: StripeError; setupIntent?: undefined };

export interface ConfirmPaymentOptions {
  elements?: Elements;
  clientSecret?: string;
  confirmParams?: {
    return_url?: string;
    receipt_email?: string;
    payment_method_data?: { billing_details?: { name?: string; email?: string; address?: { postal_code?: string } } };
  };
  redirect?: 'always' | 'if_required';
}

export class StandinStripe {
  /** What @stripe/stripe-js compares with its release train; it warns on a mismatch. */
  static readonly version = 'endive';
  private readonly api: StandinApi;

  constructor(
    readonly publishableKey: string,
    apiBase: string,
    private readonly options: { locale?: string } = {},
  ) {
    this.api = new StandinApi(apiBase, publishableKey);
  }

  /** Called by @stripe/stripe-js after loading; nothing to record here. */
  _registerWrapper(): void {}

  elements(options: ElementsOptions = {}): Elements {
    return new Elements(options, this.options.locale);
  }

  async confirmPayment(options: ConfirmPaymentOptions): Promise<PaymentIntentResult> {
    const { elements, confirmParams = {}, redirect = 'always' } = options;
    if (!elements) throw new Error('Invalid value for confirmPayment(): elements should be an Elements group.');
    const clientSecret = options.clientSecret ?? elements.clientSecret;
    if (!clientSecret) throw new Error('Invalid value for confirmPayment(): clientSecret should be a client secret of the form ${id}_secret_${secret}.');
    const intentId = intentIdOf(clientSecret);
    if (!intentId) throw new Error(`Invalid value for confirmPayment(): clientSecret should be a client secret of the form \${id}_secret_\${secret}. You specified: ${clientSecret}.`);
    if (redirect === 'always' && !confirmParams.return_url) throw new Error('Invalid value for confirmPayment(): confirmParams.return_url is required.');
    const lang = elements.settings.lang;
    const element = elements.getElement('payment');
    const invalid = element?.validateAll();
    if (!element || invalid) return { error: { type: 'validation_error', code: invalid?.code ?? 'incomplete', message: invalid?.message ?? '' } };

    const card = element.values();
    const expiry = expiryParts(card.expiry)!;
    const billing = confirmParams.payment_method_data?.billing_details ?? {};
    let answer;
    try {
      answer = await this.api.post(`/v1/payment_intents/${intentId}/confirm`, {
        client_secret: clientSecret,
        return_url: confirmParams.return_url,
        receipt_email: confirmParams.receipt_email,
        payment_method_data: {
          type: 'card',
          card: { number: digits(card.number), exp_month: expiry.month, exp_year: expiry.year, cvc: digits(card.cvc) },
          billing_details: { name: billing.name, email: billing.email, address: { postal_code: billing.address?.postal_code ?? card.postalCode.trim() } },
        },
      });
    } catch {
      return { error: { type: 'api_connection_error', message: declineMessage(lang, { code: 'api_connection_error' }) } };
    }
    if (answer.status !== 200) return { error: this.localized(answer.body.error, lang) };
    const paymentIntent = answer.body;
    const next = paymentIntent.next_action as { type?: string; redirect_to_url?: { url?: string } } | null;
    if (paymentIntent.status === 'requires_action' && next?.type === 'redirect_to_url' && next.redirect_to_url?.url) {
      // The donor authenticates on the bank's page and comes back to return_url, as with Stripe.
      location.assign(next.redirect_to_url.url);
      return new Promise(() => {});
    }
    if (redirect === 'always' && confirmParams.return_url) {
      // Stripe.js always leaves the page in this mode, and comes back with the outcome in the URL.
      const back = new URL(confirmParams.return_url, location.href);
      back.searchParams.set('payment_intent', String(paymentIntent.id));
      back.searchParams.set('payment_intent_client_secret', clientSecret);
      back.searchParams.set('redirect_status', paymentIntent.status === 'succeeded' ? 'succeeded' : 'failed');
      location.assign(back.href);
      return new Promise(() => {});
    }
    return { paymentIntent };
  }

  /** Saves the card typed into the Payment Element on a SetupIntent (the manage page's "update card"). */
  async confirmSetup(options: ConfirmPaymentOptions): Promise<SetupIntentResult> {
    const { elements, confirmParams = {}, redirect = 'always' } = options;
    if (!elements) throw new Error('Invalid value for confirmSetup(): elements should be an Elements group.');
    const clientSecret = options.clientSecret ?? elements.clientSecret;
    const setupId = clientSecret ? setupIntentIdOf(clientSecret) : undefined;
    if (!clientSecret || !setupId) throw new Error(`Invalid value for confirmSetup(): clientSecret should be a SetupIntent client secret of the form \${id}_secret_\${secret}.`);
    if (redirect === 'always' && !confirmParams.return_url) throw new Error('Invalid value for confirmSetup(): confirmParams.return_url is required.');
    const lang = elements.settings.lang;
    const element = elements.getElement('payment');
    const invalid = element?.validateAll();
    if (!element || invalid) return { error: { type: 'validation_error', code: invalid?.code ?? 'incomplete', message: invalid?.message ?? '' } };
    const card = element.values();
    const expiry = expiryParts(card.expiry)!;
    const billing = confirmParams.payment_method_data?.billing_details ?? {};
    let answer;
    try {
      answer = await this.api.post(`/v1/setup_intents/${setupId}/confirm`, {
        client_secret: clientSecret,
        return_url: confirmParams.return_url,
        payment_method_data: {
          type: 'card',
          card: { number: digits(card.number), exp_month: expiry.month, exp_year: expiry.year, cvc: digits(card.cvc) },
          billing_details: { name: billing.name, email: billing.email, address: { postal_code: billing.address?.postal_code ?? card.postalCode.trim() } },
        },
      });
    } catch {
      return { error: { type: 'api_connection_error', message: declineMessage(lang, { code: 'api_connection_error' }) } };
    }
    if (answer.status !== 200) return { error: this.localized(answer.body.error, lang) };
    const setupIntent = answer.body;
    if (redirect === 'always' && confirmParams.return_url) {
      const back = new URL(confirmParams.return_url, location.href);
      back.searchParams.set('setup_intent', String(setupIntent.id));
      back.searchParams.set('setup_intent_client_secret', clientSecret);
      back.searchParams.set('redirect_status', setupIntent.status === 'succeeded' ? 'succeeded' : 'failed');
      location.assign(back.href);
      return new Promise(() => {});
    }
    return { setupIntent };
  }

  async retrieveSetupIntent(clientSecret: string): Promise<SetupIntentResult> {
    const setupId = setupIntentIdOf(clientSecret);
    if (!setupId) throw new Error('Invalid value for retrieveSetupIntent: clientSecret should be a client secret.');
    try {
      const answer = await this.api.get(`/v1/setup_intents/${setupId}`, { client_secret: clientSecret });
      return answer.status === 200 ? { setupIntent: answer.body } : { error: answer.body.error };
    } catch {
      const lang = langOf(this.options.locale);
      return { error: { type: 'api_connection_error', message: declineMessage(lang, { code: 'api_connection_error' }) } };
    }
  }

  async retrievePaymentIntent(clientSecret: string): Promise<PaymentIntentResult> {
    const intentId = intentIdOf(clientSecret);
    if (!intentId) throw new Error('Invalid value for retrievePaymentIntent: clientSecret should be a client secret.');
    try {
      const answer = await this.api.get(`/v1/payment_intents/${intentId}`, { client_secret: clientSecret });
      return answer.status === 200 ? { paymentIntent: answer.body } : { error: answer.body.error };
    } catch {
      const lang = langOf(this.options.locale);
      return { error: { type: 'api_connection_error', message: declineMessage(lang, { code: 'api_connection_error' }) } };
    }
  }

  private localized(error: StripeError, lang: ReturnType<typeof langOf>): StripeError {
    if (error?.type !== 'card_error') return error ?? { type: 'api_error', message: 'Unexpected answer from the payment service.' };
    return { ...error, message: declineMessage(lang, error) };
  }
}
