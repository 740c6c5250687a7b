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
    const confirmed = await this.confirmCard(elements, `/v1/payment_intents/${intentId}/confirm`, clientSecret, confirmParams, { receipt_email: confirmParams.receipt_email });
    if ('error' in confirmed) return { error: confirmed.error };
    const paymentIntent = confirmed.intent;
    const next = paymentIntent.next_action as { type?: string; redirect_to_url?: { url?: string } } | null;
    if (paymentIntent.status === 'requires_action' && next?.type === 'redirect_to_url' && next.redirect_to_url?.url) {
      // The donor authenticates on the bank's page and comes back to return_url, as with Stripe.
      location.assign(next.redirect_to_url.url);
      return new Promise(() => {});
    }
    if (redirect === 'always' && confirmParams.return_url) {
      // Stripe.js always leaves the page in this mode, and comes back with the outcome in the URL.
      return returnTo(confirmParams.return_url, 'payment_intent', paymentIntent, clientSecret);
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
    const confirmed = await this.confirmCard(elements, `/v1/setup_intents/${setupId}/confirm`, clientSecret, confirmParams);
    if ('error' in confirmed) return { error: confirmed.error };
    const setupIntent = confirmed.intent;
    if (redirect === 'always' && confirmParams.return_url) {
      return returnTo(confirmParams.return_url, 'setup_intent', setupIntent, clientSecret);
    }
    return { setupIntent };
  }

  async retrieveSetupIntent(clientSecret: string): Promise<SetupIntentResult> {
    const setupId = setupIntentIdOf(clientSecret);
    if (!setupId) throw new Error('Invalid value for retrieveSetupIntent: clientSecret should be a client secret.');
    const found = await this.retrieve(`/v1/setup_intents/${setupId}`, clientSecret);
    return 'error' in found ? found : { setupIntent: found.intent };
  }

  async retrievePaymentIntent(clientSecret: string): Promise<PaymentIntentResult> {
    const intentId = intentIdOf(clientSecret);
    if (!intentId) throw new Error('Invalid value for retrievePaymentIntent: clientSecret should be a client secret.');
    const found = await this.retrieve(`/v1/payment_intents/${intentId}`, clientSecret);
    return 'error' in found ? found : { paymentIntent: found.intent };
  }

  /** An intent read with its client secret, as a browser may. */
  private async retrieve(path: string, clientSecret: string): Promise<{ intent: Record<string, unknown> } | { error: StripeError }> {
    try {
      const answer = await this.api.get(path, { client_secret: clientSecret });
      return answer.status === 200 ? { intent: answer.body } : { error: answer.body.error };
    } catch {
      return { error: { type: 'api_connection_error', message: declineMessage(langOf(this.options.locale), { code: 'api_connection_error' }) } };
    }
  }

  /**
   * What confirmPayment and confirmSetup share: the card typed into the Payment Element checked, then
   * sent as `payment_method_data` to the intent's confirm, as Stripe.js does; a refusal in the donor's language.
   */
  private async confirmCard(
    elements: Elements,
    path: string,
    clientSecret: string,
    confirmParams: NonNullable<ConfirmPaymentOptions['confirmParams']>,
    extra: Record<string, string | undefined> = {},
  ): Promise<{ intent: Record<string, unknown> } | { error: StripeError }> {
    const lang = elements.settings.lang;
    const element = elements.getElement('payment');
    const invalid = element?.validateAll();
    if (!element || invalid) return { error: { type: 'validation_error', code: invalid?.code ?? 'incomplete', message: invalid?.message ?? '' } };
    const card = element.values();
    const expiry = expiryParts(card.expiry)!;
    const billing = confirmParams.payment_method_data?.billing_details ?? {};
    let answer;
    try {
      answer = await this.api.post(path, {
        client_secret: clientSecret,
        return_url: confirmParams.return_url,
        ...extra,
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
    return { intent: answer.body };
  }

  private localized(error: StripeError, lang: ReturnType<typeof langOf>): StripeError {
    if (error?.type !== 'card_error') return error ?? { type: 'api_error', message: 'Unexpected answer from the payment service.' };
    return { ...error, message: declineMessage(lang, error) };
  }
}

/** Leaves for return_url with the intent's outcome in the query, as Stripe.js does in `redirect: 'always'`; never resolves. */
function returnTo(returnUrl: string, kind: 'payment_intent' | 'setup_intent', intent: Record<string, unknown>, clientSecret: string): Promise<never> {
  const back = new URL(returnUrl, location.href);
  back.searchParams.set(kind, String(intent.id));
  back.searchParams.set(`${kind}_client_secret`, clientSecret);
  back.searchParams.set('redirect_status', intent.status === 'succeeded' ? 'succeeded' : 'failed');
  location.assign(back.href);
  return new Promise(() => {});
}
