/** `stripe.elements(options)`: the group that owns the Payment Element, its locale, appearance and amount. */
import { langOf } from './messages.js';
import { PaymentElement } from './payment-element.js';
import type { Appearance } from './styles.js';

export interface ElementsOptions {
  mode?: 'payment' | 'subscription' | 'setup';
  amount?: number;
  currency?: string;
  locale?: string;
  appearance?: Appearance;
  setupFutureUsage?: string;
  paymentMethodTypes?: string[];
  clientSecret?: string;
  [other: string]: unknown;
}

export class Elements {
  private element: PaymentElement | undefined;
  private options: ElementsOptions;

  constructor(
    options: ElementsOptions,
    private readonly stripeLocale: string | undefined,
  ) {
    this.options = { ...options };
  }

  get settings() {
    return { lang: langOf(this.options.locale ?? this.stripeLocale), appearance: this.options.appearance };
  }

  get mode(): ElementsOptions['mode'] {
    return this.options.mode;
  }

  get amount(): number | undefined {
    return this.options.amount;
  }

  /** Set when Elements was created from an existing PaymentIntent rather than in deferred mode. */
  get clientSecret(): string | undefined {
    return this.options.clientSecret;
  }

  create(type: string, _options: Record<string, unknown> = {}): PaymentElement {
    if (type !== 'payment') throw new Error(`The Stripe.js stand-in provides only the 'payment' element, not '${type}'.`);
    if (this.element) throw new Error('Can only create one Element of type payment.');
    this.element = new PaymentElement(this.settings);
    return this.element;
  }

  getElement(type: string): PaymentElement | null {
    return type === 'payment' ? (this.element ?? null) : null;
  }

  /** The donor changed amount, frequency or language: the element follows, keeping what was typed. */
  update(options: Partial<ElementsOptions>): void {
    const before = JSON.stringify(this.settings);
    this.options = { ...this.options, ...options };
    if (JSON.stringify(this.settings) !== before) this.element?.restyle(this.settings);
  }

  /** Stripe's first step of a deferred payment: validate what the donor typed, before any intent exists. */
  async submit(): Promise<{ error?: { type: 'validation_error'; code: string; message: string } }> {
    if (!this.element?.mounted) {
      return { error: { type: 'validation_error', code: 'incomplete', message: 'The Payment Element is not mounted.' } };
    }
    const invalid = this.element.validateAll();
    return invalid ? { error: { type: 'validation_error', ...invalid } } : {};
  }

  async fetchUpdates(): Promise<Record<string, never>> {
    return {};
  }
}
