/**
 * Stripe events in Stripe's current shapes (the parts the ledger reads), for ledger tests that
 * need exact control of order and duplication. The flow tests use the stand-in's real events.
 */
import type Stripe from 'stripe';

let serial = 0;
const next = (prefix: string) => `${prefix}_fixture${(++serial).toString(36).padStart(6, '0')}`;

function event(type: string, object: Record<string, unknown>): Stripe.Event {
  return {
    id: next('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Stripe.Event;
}

export interface OneTime {
  intent: string;
  gift: number;
  total: number;
  campaign?: string;
  donationId?: string;
}

export function oneTimeSucceeded(g: OneTime): Stripe.Event {
  return event('payment_intent.succeeded', {
    id: g.intent,
    object: 'payment_intent',
    amount: g.total,
    amount_received: g.total,
    currency: 'usd',
    status: 'succeeded',
    metadata: { campaign: g.campaign ?? 'mira', gift: String(g.gift), fee: String(g.total - g.gift), frequency: 'once', ...(g.donationId ? { donationId: g.donationId } : {}) },
  });
}

/** The PaymentIntent Stripe makes to pay a subscription invoice: none of our metadata on it. */
export function invoiceIntentSucceeded(intent: string, total: number): Stripe.Event {
  return event('payment_intent.succeeded', { id: intent, object: 'payment_intent', amount: total, amount_received: total, currency: 'usd', status: 'succeeded', metadata: {} });
}

export interface InvoiceGift {
  invoice: string;
  subscription: string;
  intent: string;
  gift: number;
  total: number;
  reason?: 'subscription_create' | 'subscription_cycle';
  campaign?: string;
  donationId?: string;
}

export function invoicePaid(g: InvoiceGift, type: 'invoice.paid' | 'invoice.payment_succeeded' = 'invoice.paid'): Stripe.Event {
  const metadata = { campaign: g.campaign ?? 'mira', gift: String(g.gift), fee: String(g.total - g.gift), frequency: 'month', ...(g.donationId ? { donationId: g.donationId } : {}) };
  return event(type, {
    id: g.invoice,
    object: 'invoice',
    amount_due: g.total,
    amount_paid: g.total,
    billing_reason: g.reason ?? 'subscription_create',
    currency: 'usd',
    status: 'paid',
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { subscription: g.subscription, metadata } },
    payments: {
      object: 'list',
      data: [{ id: next('inpay'), object: 'invoice_payment', invoice: g.invoice, status: 'paid', payment: { type: 'payment_intent', payment_intent: g.intent } }],
      has_more: false,
    },
  });
}

export function refundCreated(intent: string, amount: number, id = next('re')): Stripe.Event {
  return event('refund.created', { id, object: 'refund', amount, currency: 'usd', payment_intent: intent, charge: next('ch'), status: 'succeeded' });
}

/** charge.refunded carries the same refund objects: counting both must not count twice. */
export function chargeRefunded(refund: Stripe.Event): Stripe.Event {
  const r = refund.data.object as unknown as { payment_intent: string; amount: number; charge: string };
  return event('charge.refunded', {
    id: r.charge,
    object: 'charge',
    amount_refunded: r.amount,
    payment_intent: r.payment_intent,
    refunds: { object: 'list', data: [refund.data.object], has_more: false },
  });
}

/** A refund as Stripe shows it at one moment of its life: pending, succeeded, then perhaps failed or canceled. */
export interface RefundState {
  id: string;
  intent: string;
  amount: number;
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';
  charge?: string;
}

const refundObject = (r: RefundState) => ({
  id: r.id,
  object: 'refund',
  amount: r.amount,
  charge: r.charge ?? `ch_of_${r.intent}`,
  currency: 'usd',
  payment_intent: r.intent,
  status: r.status,
  ...(r.status === 'failed' ? { failure_reason: 'expired_or_canceled_card' } : {}),
});

/** refund.created, refund.updated, refund.failed and charge.refund.updated all carry the refund itself. */
export function refundEvent(type: 'refund.created' | 'refund.updated' | 'refund.failed' | 'charge.refund.updated', r: RefundState): Stripe.Event {
  return event(type, refundObject(r));
}

/** charge.refunded with the charge's refunds listed as they stand (expanded, as older API versions sent them). */
export function chargeRefundedWith(intent: string, charged: number, refunds: RefundState[]): Stripe.Event {
  const counted = refunds.filter((r) => r.status !== 'failed' && r.status !== 'canceled');
  return event('charge.refunded', {
    id: refunds[0]?.charge ?? `ch_of_${intent}`,
    object: 'charge',
    amount: charged,
    amount_refunded: counted.reduce((sum, r) => sum + r.amount, 0),
    payment_intent: intent,
    refunds: { object: 'list', data: refunds.map(refundObject), has_more: false },
  });
}

export type DisputeEventType = 'charge.dispute.created' | 'charge.dispute.updated' | 'charge.dispute.funds_withdrawn' | 'charge.dispute.funds_reinstated' | 'charge.dispute.closed';

/** A dispute event carrying the dispute as it stood then (status needs_response while open). */
export function disputeEvent(type: DisputeEventType, d: { id: string; intent: string; amount: number; status: string }): Stripe.Event {
  return event(type, { id: d.id, object: 'dispute', amount: d.amount, charge: `ch_of_${d.intent}`, currency: 'usd', payment_intent: d.intent, reason: 'fraudulent', status: d.status });
}

/** A one-time bank debit's PaymentIntent while it settles (processing), and when the bank refuses it. */
export function oneTimeIntentEvent(type: 'payment_intent.processing' | 'payment_intent.payment_failed', g: OneTime): Stripe.Event {
  return event(type, {
    id: g.intent,
    object: 'payment_intent',
    amount: g.total,
    amount_received: 0,
    currency: 'usd',
    payment_method_types: ['us_bank_account'],
    status: type === 'payment_intent.processing' ? 'processing' : 'requires_payment_method',
    ...(type === 'payment_intent.payment_failed' ? { last_payment_error: { type: 'invalid_request_error', code: 'payment_method_customer_decline' } } : {}),
    metadata: { campaign: g.campaign ?? 'mira', gift: String(g.gift), fee: String(g.total - g.gift), frequency: 'once' },
  });
}

/** A subscription invoice whose payment failed: nothing paid. */
export function invoicePaymentFailed(g: InvoiceGift): Stripe.Event {
  const paid = invoicePaid(g);
  const invoice = paid.data.object as unknown as Record<string, unknown>;
  return event('invoice.payment_failed', { ...invoice, amount_paid: 0, amount_remaining: g.total, status: 'open', payments: { object: 'list', data: [], has_more: false } });
}

/** Any event, for shapes Stripe would never send but a signed body could carry. */
export function rawEvent(type: string, data: unknown): Stripe.Event {
  return { ...event(type, {}), data } as unknown as Stripe.Event;
}

export function disputeClosed(intent: string, amount: number, status: 'lost' | 'won'): Stripe.Event {
  return event('charge.dispute.closed', { id: next('dp'), object: 'dispute', amount, currency: 'usd', payment_intent: intent, charge: next('ch'), status });
}

export function subscriptionDeleted(subscription: string, campaign = 'mira'): Stripe.Event {
  return event('customer.subscription.deleted', { id: subscription, object: 'subscription', status: 'canceled', metadata: { campaign } });
}

/** Same seed, same order: a small deterministic shuffle (mulberry32). */
export function shuffled<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A month of a campaign's events and the totals they must give:
 * $100 covered ($102.56 charged) half refunded → $50; $60 → $60; $30 lost in dispute → $0;
 * $40 won dispute → $40; monthly $25 × 2 invoices (each sent as invoice.paid and
 * invoice.payment_succeeded, plus its PaymentIntent's own success) → $50, then cancelled.
 */
export function monthOfEvents(campaign = 'mira') {
  const refund = refundCreated('pi_covered', 5_128);
  const events = [
    oneTimeSucceeded({ intent: 'pi_covered', gift: 10_000, total: 10_256, campaign }),
    refund,
    chargeRefunded(refund),
    oneTimeSucceeded({ intent: 'pi_plain', gift: 6_000, total: 6_000, campaign }),
    oneTimeSucceeded({ intent: 'pi_lost', gift: 3_000, total: 3_000, campaign }),
    disputeClosed('pi_lost', 3_000, 'lost'),
    oneTimeSucceeded({ intent: 'pi_won', gift: 4_000, total: 4_000, campaign }),
    disputeClosed('pi_won', 4_000, 'won'),
    invoicePaid({ invoice: 'in_first', subscription: 'sub_1', intent: 'pi_in_first', gift: 2_500, total: 2_500, campaign }),
    invoicePaid({ invoice: 'in_first', subscription: 'sub_1', intent: 'pi_in_first', gift: 2_500, total: 2_500, campaign }, 'invoice.payment_succeeded'),
    invoiceIntentSucceeded('pi_in_first', 2_500),
    invoicePaid({ invoice: 'in_renewal', subscription: 'sub_1', intent: 'pi_in_renewal', gift: 2_500, total: 2_500, reason: 'subscription_cycle', campaign }),
    invoicePaid({ invoice: 'in_renewal', subscription: 'sub_1', intent: 'pi_in_renewal', gift: 2_500, total: 2_500, reason: 'subscription_cycle', campaign }, 'invoice.payment_succeeded'),
    invoiceIntentSucceeded('pi_in_renewal', 2_500),
    subscriptionDeleted('sub_1', campaign),
  ];
  return { events, raised: 5_000 + 6_000 + 0 + 4_000 + 5_000, cancelled: 1 };
}
