/**
 * Creates what the donor pays with: a PaymentIntent for a one-time gift, or a Customer and a
 * Subscription for a monthly or annual one. Every create carries an idempotency key derived from
 * the request's own, so a retried or doubled request gets the same objects back from Stripe.
 */
import type Stripe from 'stripe';
import type { DonationRequest } from '../../core/donation.js';
import type { Charge } from '../../core/fees.js';
import type { Campaign } from '../ledger/ledger.js';
import type { StripeIds } from '../ledger/donations.js';

export interface Payment {
  clientSecret: string;
  mode: 'payment' | 'subscription';
  ids: StripeIds;
}

export interface GiftOrder {
  donationId: string;
  idempotencyKey: string;
  donation: DonationRequest;
  charge: Charge;
  campaign: Campaign;
  /** The page the gift was made on, when it came from one. */
  origin?: string;
}

const STRIPE_LOCALES = { en: 'en', es: 'es-419', pt: 'pt-BR' } as const;

/** What Stripe keeps beside the payment: enough to count it and to thank the donor, no more. */
export function giftMetadata(order: GiftOrder): Record<string, string> {
  const { donation, charge } = order;
  return {
    donationId: order.donationId,
    campaign: order.campaign.id,
    gift: String(charge.gift),
    fee: String(charge.fee),
    frequency: donation.frequency,
    anonymous: String(donation.anonymous),
    locale: donation.locale,
    donorName: donation.donor.name,
    ...(donation.tribute ? { tributeKind: donation.tribute.kind, tributeName: donation.tribute.name } : {}),
    // Where it came from, so a payment in the Dashboard says which member's site raised it.
    ...(order.origin ? { origin: order.origin } : {}),
    ...(donation.source ? { source: donation.source } : {}),
  };
}

export class StripeGateway {
  /** Products already known to exist, by campaign. */
  private products = new Map<string, string>();

  /** `stripeReceipts: false` when the endpoint sends its own receipts, so the donor never gets two. */
  constructor(
    private readonly stripe: Stripe,
    private readonly options: { stripeReceipts: boolean } = { stripeReceipts: true },
  ) {}

  createPayment(order: GiftOrder): Promise<Payment> {
    return order.donation.frequency === 'once' ? this.createOneTime(order) : this.createRecurring(order);
  }

  private async createOneTime(order: GiftOrder): Promise<Payment> {
    const { donation, charge } = order;
    const intent = await this.stripe.paymentIntents.create(
      {
        amount: charge.total,
        currency: donation.currency.toLowerCase(),
        automatic_payment_methods: { enabled: true },
        ...(this.options.stripeReceipts ? { receipt_email: donation.donor.email } : {}),
        description: `Gift to ${order.campaign.name.en}`,
        metadata: giftMetadata(order),
      },
      { idempotencyKey: `${order.idempotencyKey}:payment_intent` },
    );
    if (!intent.client_secret) throw new Error(`PaymentIntent ${intent.id} came back without a client secret`);
    return { clientSecret: intent.client_secret, mode: 'payment', ids: { paymentIntent: intent.id } };
  }

  private async createRecurring(order: GiftOrder): Promise<Payment> {
    const { donation, charge } = order;
    const product = await this.productFor(order.campaign);
    const metadata = giftMetadata(order);
    const customer = await this.stripe.customers.create(
      {
        email: donation.donor.email,
        name: donation.donor.name,
        // Receipts and invoices go out in the donor's language.
        preferred_locales: [STRIPE_LOCALES[donation.locale]],
        metadata: { donationId: order.donationId, campaign: order.campaign.id },
      },
      { idempotencyKey: `${order.idempotencyKey}:customer` },
    );
    const subscription = await this.stripe.subscriptions.create(
      {
        customer: customer.id,
        items: [
          {
            price_data: {
              currency: donation.currency.toLowerCase(),
              product,
              unit_amount: charge.total,
              recurring: { interval: donation.frequency === 'year' ? 'year' : 'month' },
            },
          },
        ],
        payment_behavior: 'default_incomplete',
        payment_settings: { save_default_payment_method: 'on_subscription' },
        expand: ['latest_invoice.confirmation_secret'],
        metadata,
      },
      { idempotencyKey: `${order.idempotencyKey}:subscription` },
    );
    const invoice = subscription.latest_invoice;
    const clientSecret = typeof invoice === 'object' && invoice ? invoice.confirmation_secret?.client_secret : undefined;
    if (!clientSecret) throw new Error(`Subscription ${subscription.id} came back without its first invoice's confirmation secret`);
    return { clientSecret, mode: 'subscription', ids: { customer: customer.id, subscription: subscription.id } };
  }

  /**
   * The client secret of a payment made earlier, asked of Stripe again: the ledger keeps the ids
   * and never the secret. A recurring gift's is its first invoice's, the subscription's latest
   * until it is paid.
   */
  async clientSecretOf(ids: StripeIds): Promise<string> {
    if (ids.paymentIntent) {
      const intent = await this.stripe.paymentIntents.retrieve(ids.paymentIntent);
      if (intent.client_secret) return intent.client_secret;
    } else if (ids.subscription) {
      const subscription = await this.stripe.subscriptions.retrieve(ids.subscription, { expand: ['latest_invoice.confirmation_secret'] });
      const invoice = subscription.latest_invoice;
      const secret = typeof invoice === 'object' && invoice ? invoice.confirmation_secret?.client_secret : undefined;
      if (secret) return secret;
    }
    throw new Error(`No client secret to be had for ${ids.paymentIntent ?? ids.subscription ?? 'a donation without Stripe ids'}`);
  }

  /** One product per campaign, with an id derived from the campaign's, created the first time it is needed. */
  private async productFor(campaign: Campaign): Promise<string> {
    const known = this.products.get(campaign.id);
    if (known) return known;
    const id = `mira_donate_${campaign.id.replace(/-/g, '_')}`;
    try {
      await this.stripe.products.retrieve(id);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      try {
        await this.stripe.products.create({ id, name: `Gift to ${campaign.name.en}`, metadata: { campaign: campaign.id } });
      } catch (raced) {
        // Another process created it between our look and our create: that is what we wanted.
        if ((raced as { code?: string }).code !== 'resource_already_exists') throw raced;
      }
    }
    this.products.set(campaign.id, id);
    return id;
  }
}
