/**
 * What Stripe's events about a recurring gift tell its donor: a renewal that could not be charged
 * (once per invoice, however many times Stripe retries it or redelivers the event), and the gift
 * Stripe stopped after its last retry (once). A first payment that fails is not mailed: the donor is
 * on the form, and the form says so.
 */
import { isObject, isStripeId } from '../stripe/fields.js';
import type { GiftNotice } from '../ledger/subscriptions.js';

export interface Notice {
  kind: GiftNotice;
  subscription: string;
  /** What the notice is about, once: the invoice, or the subscription. */
  cause: string;
}

export function noticesFor(event: unknown): Notice[] {
  if (!isObject(event) || !isObject(event.data) || !isObject(event.data.object)) return [];
  const object = event.data.object;
  if (event.type === 'invoice.payment_failed') {
    const parent = isObject(object.parent) ? object.parent : undefined;
    const details = parent && isObject(parent.subscription_details) ? parent.subscription_details : undefined;
    const subscription = details?.subscription;
    if (!isStripeId(subscription) || !isStripeId(object.id) || object.billing_reason === 'subscription_create') return [];
    return [{ kind: 'payment_failed', subscription, cause: object.id }];
  }
  if (event.type === 'customer.subscription.deleted') {
    const reason = isObject(object.cancellation_details) ? object.cancellation_details.reason : undefined;
    if (reason !== 'payment_failed' || !isStripeId(object.id)) return [];
    return [{ kind: 'gift_ended', subscription: object.id, cause: object.id }];
  }
  return [];
}
