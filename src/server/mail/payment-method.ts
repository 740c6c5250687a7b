/**
 * How a gift was paid, as its receipt names it (card brand and last four, a bank, …), asked of
 * Stripe when the receipt is made: the ledger keeps no card details. The PaymentIntent's charge
 * says it (`payment_method_details`); its PaymentMethod says it too when the charge does not.
 */
import type Stripe from 'stripe';
import type { PaymentMethod } from './letters/index.js';
import { MailFailure } from './failure.js';

export type MethodLookup = (payment: { id: string; kind: 'payment' | 'invoice'; paymentIntent: string | null }) => Promise<PaymentMethod>;

type Details = { type?: string; card?: { brand?: string | null; last4?: string | null } | null; us_bank_account?: { bank_name?: string | null; last4?: string | null } | null };

function methodFrom(details: Details | null | undefined): PaymentMethod | undefined {
  if (!details) return undefined;
  if (details.card?.brand && details.card.last4) return { kind: 'card', brand: details.card.brand, last4: details.card.last4 };
  const bank = details.us_bank_account;
  if (bank) return { kind: 'bank', ...(bank.bank_name ? { bankName: bank.bank_name } : {}), ...(bank.last4 ? { last4: bank.last4 } : {}) };
  return undefined;
}

function stripeFailure(error: unknown): MailFailure {
  const e = error as { type?: string; code?: string; statusCode?: number };
  if (e.code === 'resource_missing') return new MailFailure('stripe_payment_not_found', true);
  return new MailFailure(`stripe_unavailable${e.statusCode ? `_${e.statusCode}` : ''}`, true);
}

export function stripeMethodLookup(stripe: Stripe): MethodLookup {
  return async ({ id, kind, paymentIntent }) => {
    try {
      let intentId = paymentIntent;
      if (!intentId && kind === 'invoice') {
        const payments = await stripe.invoicePayments.list({ invoice: id, limit: 10 });
        const paid = payments.data.find((p) => p.status === 'paid') ?? payments.data[0];
        const intent = paid?.payment?.payment_intent;
        intentId = (typeof intent === 'string' ? intent : intent?.id) ?? null;
      }
      if (!intentId) throw new MailFailure('payment_method_unknown', true);
      const intent = await stripe.paymentIntents.retrieve(intentId, { expand: ['latest_charge', 'payment_method'] });
      const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
      const paymentMethod = typeof intent.payment_method === 'object' ? intent.payment_method : null;
      const known = methodFrom(charge?.payment_method_details as Details | undefined) ?? methodFrom(paymentMethod as Details | null);
      if (known) return known;
      const type = charge?.payment_method_details?.type ?? paymentMethod?.type;
      return { kind: 'other', ...(type ? { note: type } : {}) };
    } catch (error) {
      throw error instanceof MailFailure ? error : stripeFailure(error);
    }
  };
}
