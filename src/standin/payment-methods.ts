/** Card PaymentMethods: from Stripe's test tokens (`pm_card_visa`) or from card details a browser sent. */
import { cardForToken, lookupCard } from './cards.js';
import type { Context } from './context.js';
import { StripeError, invalidRequest, noSuchObject } from './errors.js';
import type { FormObject } from './form.js';
import { str } from './params.js';
import { newId, nowSeconds, type StripeObject } from './store.js';

function cardError(code: string, message: string, param: string): StripeError {
  return new StripeError(402, {
    type: 'card_error',
    code,
    message,
    param,
    doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`,
  });
}

interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  postalCode: string | null;
}

function storeCard(ctx: Context, details: CardDetails, billing: FormObject | undefined): StripeObject {
  const card = lookupCard(details.number);
  if ('invalid' in card) throw cardError(card.invalid.code, card.invalid.message, 'number');
  const address = (billing?.address ?? {}) as FormObject;
  return ctx.store.put({
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: {
        city: null,
        country: null,
        line1: null,
        line2: null,
        postal_code: details.postalCode ?? (typeof address.postal_code === 'string' ? address.postal_code : null),
        state: null,
      },
      email: typeof billing?.email === 'string' ? billing.email : null,
      name: typeof billing?.name === 'string' ? billing.name : null,
      phone: null,
    },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: details.postalCode ? 'pass' : null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: details.expMonth,
      exp_year: details.expYear,
      funding: card.funding,
      last4: card.number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      wallet: null,
    },
    created: nowSeconds(),
    customer: null,
    livemode: false,
    metadata: {},
    type: 'card',
    _card_number: card.number,
  });
}

/** `payment_method_data` (or a PaymentMethod create body): type=card with card[number], exp_month, exp_year, cvc. */
export function createCardPaymentMethod(ctx: Context, data: FormObject, prefix = 'payment_method_data'): StripeObject {
  const type = str(data, 'type');
  if (type !== 'card') throw invalidRequest(`Invalid payment method type: ${type ?? ''}. The stand-in takes cards only.`, `${prefix}[type]`);
  const card = data.card;
  if (typeof card !== 'object' || Array.isArray(card)) throw invalidRequest('Missing required param: card.', `${prefix}[card]`, 'parameter_missing');
  const number = str(card, 'number');
  if (!number) throw cardError('incorrect_number', 'Your card number is incorrect.', 'number');
  const expMonth = Number(str(card, 'exp_month'));
  let expYear = Number(str(card, 'exp_year'));
  if (expYear < 100) expYear += 2000;
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) {
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  }
  const now = new Date();
  if (!Number.isInteger(expYear) || expYear < now.getUTCFullYear() || (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)) {
    throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", 'exp_year');
  }
  const cvc = str(card, 'cvc');
  if (cvc !== undefined && !/^\d{3,4}$/.test(cvc)) throw cardError('invalid_cvc', "Your card's security code is invalid.", 'cvc');
  const billing = typeof data.billing_details === 'object' && !Array.isArray(data.billing_details) ? data.billing_details : undefined;
  return storeCard(ctx, { number, expMonth, expYear, postalCode: null }, billing);
}

/** A stored PaymentMethod, or a fresh one for Stripe's test ids such as `pm_card_visa`. */
export function resolvePaymentMethod(ctx: Context, id: string): StripeObject {
  const stored = ctx.store.get(id, 'payment_method');
  if (stored) return stored;
  const number = cardForToken(id);
  if (!number) throw noSuchObject('PaymentMethod', id, 'payment_method');
  const nextYear = new Date().getUTCFullYear() + 1;
  return storeCard(ctx, { number, expMonth: 12, expYear: nextYear, postalCode: null }, undefined);
}

export function attachToCustomer(ctx: Context, paymentMethod: StripeObject, customerId: string | null): void {
  if (!customerId || paymentMethod.customer === customerId) return;
  paymentMethod.customer = customerId;
  ctx.events.emit('payment_method.attached', paymentMethod, ctx.request);
}
