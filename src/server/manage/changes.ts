/**
 * The changes a donor may make to a recurring gift, each checked as the form checks a gift (the
 * server is the authority: fee and total are recomputed here from the gift and the cover flag), and
 * each made with one call to Stripe carrying an idempotency key derived from the request's own.
 */
import type Stripe from 'stripe';
import { charge, type FeeRates } from '../../core/fees.js';
import type { ManageChange } from '../../core/manage-api.js';
import type { FieldError } from '../../core/errors.js';
import { ApiError } from '../errors.js';
import { isCanceled, itemOf } from './gift.js';

export interface ChangeLimits {
  minimum: number;
  maximum: number;
  feeRates: FeeRates;
}

const ACTIONS = ['change', 'pause', 'resume', 'cancel'] as const;

/** The request body as a change, or the first thing wrong with it. */
export function readChange(body: unknown, limits: ChangeLimits): { ok: true; change: ManageChange } | { ok: false; error: FieldError } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: { code: 'body_invalid' } };
  const input = body as Record<string, unknown>;
  const action = input.action;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) return { ok: false, error: { code: 'change_invalid', field: 'action' } };
  switch (action) {
    case 'change': {
      const { gift, frequency, coverFee } = input;
      if (typeof gift !== 'number' || !Number.isSafeInteger(gift)) return { ok: false, error: { code: 'amount_invalid', field: 'gift' } };
      if (gift < limits.minimum) return { ok: false, error: { code: 'amount_too_small', field: 'gift' } };
      if (gift > limits.maximum) return { ok: false, error: { code: 'amount_too_large', field: 'gift' } };
      if (frequency !== 'month' && frequency !== 'year') return { ok: false, error: { code: 'frequency_invalid', field: 'frequency' } };
      if (typeof coverFee !== 'boolean') return { ok: false, error: { code: 'cover_fee_invalid', field: 'coverFee' } };
      return { ok: true, change: { action, gift, frequency, coverFee } };
    }
    case 'pause': {
      const { months } = input;
      if (months !== 1 && months !== 2 && months !== 3) return { ok: false, error: { code: 'pause_invalid', field: 'months' } };
      return { ok: true, change: { action, months } };
    }
    default:
      return { ok: true, change: { action: action as 'resume' | 'cancel' } };
  }
}

/** Refuses what the gift as it stands does not allow, before anything is asked of Stripe. */
export function checkAllowed(subscription: Stripe.Subscription, change: ManageChange): void {
  if (isCanceled(subscription)) throw new ApiError(409, 'gift_canceled');
  if (change.action === 'resume' && !subscription.pause_collection) throw new ApiError(409, 'not_paused');
}

/** `months` calendar months from `now`, in seconds. */
export function monthsFrom(now: Date, months: number): number {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() + months);
  return Math.floor(date.getTime() / 1000);
}

/**
 * The one Stripe call a change is. A changed amount or frequency is a new inline price on the
 * campaign's product, with no proration (the donor pays the new amount from the next charge on),
 * and the subscription's metadata rewritten so each invoice counts the new gift; a pause skips the
 * charges until `resumes_at` (their invoices voided); a cancellation takes effect at once.
 */
export async function applyChange(
  stripe: Stripe,
  subscription: Stripe.Subscription,
  change: ManageChange,
  rates: FeeRates,
  key: string,
  /** When the change was first asked for: a retry asks Stripe for the very same pause. */
  askedAt: Date,
): Promise<Stripe.Subscription> {
  const options = { idempotencyKey: `${key}:manage:${change.action}` };
  const expand = ['default_payment_method'];
  switch (change.action) {
    case 'change': {
      const item = itemOf(subscription);
      const amounts = charge(change.gift, change.coverFee, rates);
      const product = typeof item.price.product === 'string' ? item.price.product : item.price.product.id;
      return stripe.subscriptions.update(
        subscription.id,
        {
          items: [{ id: item.id, price_data: { currency: item.price.currency, product, unit_amount: amounts.total, recurring: { interval: change.frequency } } }],
          proration_behavior: 'none',
          metadata: { gift: String(amounts.gift), fee: String(amounts.fee), frequency: change.frequency },
          expand,
        },
        options,
      );
    }
    case 'pause':
      return stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: 'void', resumes_at: monthsFrom(askedAt, change.months) }, expand }, options);
    case 'resume':
      return stripe.subscriptions.update(subscription.id, { pause_collection: '', expand }, options);
    case 'cancel':
      return stripe.subscriptions.cancel(subscription.id, { expand }, options);
  }
}
