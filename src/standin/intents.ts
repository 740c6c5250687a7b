/** PaymentIntent objects in Stripe's current shape, and the client's restricted view of one. */
import { emit, type Context } from './context.js';
import { newId, nowSeconds, type StripeObject } from './store.js';
import type { Metadata } from './params.js';

export interface NewPaymentIntent {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Metadata;
  receiptEmail: string | null;
  setupFutureUsage: string | null;
  paymentMethod: string | null;
  paymentMethodTypes: string[];
  automaticPaymentMethods: boolean;
  statementDescriptorSuffix: string | null;
  /** The invoice this PaymentIntent pays; Stripe no longer shows it on the PaymentIntent itself. */
  invoice?: string;
}

export function buildPaymentIntent(ctx: Context, input: NewPaymentIntent): StripeObject {
  const id = newId('pi');
  const intent = ctx.store.put({
    id,
    object: 'payment_intent',
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: input.automaticPaymentMethods ? { allow_redirects: 'always', enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${newId('x').slice(2)}`,
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency: input.currency,
    customer: input.customer,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: input.paymentMethodTypes,
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: input.setupFutureUsage,
    shipping: null,
    statement_descriptor: null,
    statement_descriptor_suffix: input.statementDescriptorSuffix,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
    _invoice: input.invoice ?? null,
  });
  emit(ctx, 'payment_intent.created', intent);
  return intent;
}

/** Fields a publishable key may see, as Stripe.js gets them (no metadata, no customer). */
const CLIENT_FIELDS = [
  'id', 'object', 'amount', 'amount_details', 'automatic_payment_methods', 'canceled_at', 'cancellation_reason',
  'capture_method', 'client_secret', 'confirmation_method', 'created', 'currency', 'description',
  'last_payment_error', 'livemode', 'next_action', 'payment_method', 'payment_method_types', 'processing',
  'receipt_email', 'setup_future_usage', 'shipping', 'status',
];

export function clientView(rendered: StripeObject): StripeObject {
  return Object.fromEntries(CLIENT_FIELDS.filter((k) => k in rendered).map((k) => [k, rendered[k]])) as StripeObject;
}
