/**
 * A recurring gift as its donor sees it on the manage page: read from Stripe's subscription (its
 * price, metadata, pause, card) and latest invoices, with what only the ledger knows (the campaign,
 * the tribute, the gift's language, refunds).
 */
import type Stripe from 'stripe';
import { isLanguage } from '../../core/locale.js';
import type { GiftStatus, ManagedGift, ManagedPayment, ManageResponse, RecurringFrequency } from '../../core/manage-api.js';
import type { Services } from '../env.js';
import { ApiError } from '../errors.js';
import type { Campaign } from '../ledger/campaigns.js';
import type { GiftState, RecurringDonation } from '../ledger/subscriptions.js';

export interface LoadedGift {
  subscription: Stripe.Subscription;
  donation: RecurringDonation;
  campaign: Campaign;
}

const PAYMENTS_SHOWN = 12;

/** The subscription a verified link names, with its donation: refused unless this endpoint made it. */
export async function loadGift({ stripe, ledger }: Services, subscriptionId: string): Promise<LoadedGift> {
  const donation = await ledger.recurring.donationOf(subscriptionId);
  const campaign = donation && (await ledger.findCampaign(donation.campaign));
  if (!donation || !campaign) throw new ApiError(404, 'gift_not_found');
  let subscription: Stripe.Subscription;
  try {
    subscription = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['default_payment_method'] });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) throw new ApiError(404, 'gift_not_found');
    throw new ApiError(502, 'payment_unavailable');
  }
  return { subscription, donation, campaign };
}

export function itemOf(subscription: Stripe.Subscription): Stripe.SubscriptionItem {
  const item = subscription.items.data[0];
  if (!item) throw new Error(`Subscription ${subscription.id} has no item`);
  return item;
}

export function isCanceled(subscription: Stripe.Subscription): boolean {
  return subscription.status === 'canceled' || subscription.status === 'incomplete_expired';
}

function statusOf(subscription: Stripe.Subscription): GiftStatus {
  if (isCanceled(subscription)) return 'canceled';
  if (subscription.pause_collection) return 'paused';
  if (['past_due', 'unpaid', 'incomplete'].includes(subscription.status)) return 'past_due';
  return 'active';
}

const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

function addInterval(seconds: number, interval: string, count: number): number {
  const date = new Date(seconds * 1000);
  if (interval === 'year') date.setUTCFullYear(date.getUTCFullYear() + count);
  else if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7 * count);
  else if (interval === 'day') date.setUTCDate(date.getUTCDate() + count);
  else date.setUTCMonth(date.getUTCMonth() + count);
  return Math.floor(date.getTime() / 1000);
}

/** The next charge: the period's end, or while paused the first period end once the pause is over. */
function nextPaymentOf(subscription: Stripe.Subscription): number | undefined {
  if (isCanceled(subscription)) return undefined;
  const item = itemOf(subscription);
  const { interval, interval_count: count } = item.price.recurring ?? { interval: 'month', interval_count: 1 };
  let next = item.current_period_end;
  const resumesAt = subscription.pause_collection?.resumes_at;
  if (subscription.pause_collection && !resumesAt) return undefined;
  for (let i = 0; resumesAt && next < resumesAt && i < 60; i++) next = addInterval(next, interval, count);
  return next;
}

function cardOf(subscription: Stripe.Subscription): ManagedGift['card'] {
  const method = subscription.default_payment_method;
  const card = typeof method === 'object' && method ? method.card : undefined;
  return card ? { brand: card.brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year } : undefined;
}

/** What the subscription's metadata says of the gift (the endpoint wrote it, and rewrites it with each change). */
export function stateOf(subscription: Stripe.Subscription): GiftState {
  const item = itemOf(subscription);
  const total = item.price.unit_amount ?? 0;
  const gift = Number(subscription.metadata.gift);
  const fee = Number(subscription.metadata.fee ?? 0);
  const card = cardOf(subscription);
  const resumesAt = subscription.pause_collection?.resumes_at;
  return {
    gift: Number.isSafeInteger(gift) && gift > 0 ? gift : total,
    fee: Number.isSafeInteger(fee) && fee >= 0 ? fee : 0,
    total,
    currency: item.price.currency.toUpperCase(),
    frequency: item.price.recurring?.interval === 'year' ? 'year' : 'month',
    ...(subscription.pause_collection && resumesAt ? { pausedUntil: isoDate(resumesAt) } : {}),
    ...(card ? { card: { brand: card.brand, last4: card.last4 } } : {}),
    ...(isCanceled(subscription) ? { canceled: true } : {}),
  };
}

/** The last payments, newest first: paid (or since refunded) invoices, and those whose charge failed. */
async function paymentsOf({ stripe, ledger }: Services, subscription: Stripe.Subscription): Promise<ManagedPayment[]> {
  const invoices = (await stripe.invoices.list({ subscription: subscription.id, limit: PAYMENTS_SHOWN })).data;
  const paid = invoices.filter((i) => i.status === 'paid');
  const refunded = await ledger.recurring.refundedInvoices(paid.map((i) => i.id!));
  const payments: Array<ManagedPayment & { at: number }> = [];
  for (const invoice of invoices) {
    if (invoice.status === 'paid') {
      const at = invoice.status_transitions.paid_at ?? invoice.created;
      payments.push({ at, date: new Date(at * 1000).toISOString(), amount: invoice.amount_paid, status: refunded.has(invoice.id!) ? 'refunded' : 'paid' });
    } else if (invoice.attempted && invoice.attempt_count > 0 && invoice.status === 'open') {
      payments.push({ at: invoice.created, date: new Date(invoice.created * 1000).toISOString(), amount: invoice.amount_due, status: 'failed' });
    }
  }
  return payments.sort((a, b) => b.at - a.at).map(({ at: _at, ...payment }) => payment);
}

export async function describeGift(services: Services, { subscription, donation, campaign }: LoadedGift): Promise<ManageResponse> {
  const { config } = services;
  const state = stateOf(subscription);
  const next = nextPaymentOf(subscription);
  const card = cardOf(subscription);
  const gift: ManagedGift = {
    campaign: { id: campaign.id, name: campaign.name },
    currency: state.currency,
    gift: state.gift,
    coverFee: state.fee > 0,
    fee: state.fee,
    total: state.total,
    frequency: state.frequency as RecurringFrequency,
    status: statusOf(subscription),
    ...(state.pausedUntil ? { pausedUntil: state.pausedUntil } : {}),
    ...(donation.tribute ? { tribute: donation.tribute } : {}),
    ...(card ? { card } : {}),
    ...(next ? { nextPaymentAt: isoDate(next) } : {}),
    locale: isLanguage(donation.locale) ? donation.locale : 'en',
    payments: await paymentsOf(services, subscription),
  };
  return {
    gift,
    minimum: config.minimum,
    maximum: config.maximum,
    feeRates: config.feeRates,
    mode: config.mode,
    publishableKey: config.stripe.publishableKey,
    ...(config.mode === 'demo' && config.stripe.stripeJsUrl ? { stripeJsUrl: config.stripe.stripeJsUrl } : {}),
  };
}
