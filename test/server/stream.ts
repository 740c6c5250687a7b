/**
 * A campaign's month as Stripe reports it, for the replay test: what donors and the treasurer did
 * (a seeded plan), played out so that every webhook event the month produces is kept in order.
 *
 * Card payments, renewals, immediate refunds and disputes are played against the Stripe stand-in,
 * whose events are Stripe's own shapes. What the stand-in does not model is written here in the
 * same shapes: refunds that stay pending and then succeed, fail or are canceled, or fail after
 * succeeding (`refund.created`, `refund.updated`, `refund.failed`, `charge.refund.updated`), and
 * bank debits (us_bank_account) that go `payment_intent.processing` and then succeed or fail.
 */
import type Stripe from 'stripe';
import { STRIPE_API_VERSION } from '../../src/server/stripe/client.js';
import type { StripeObject, StripeStandin } from '../../src/standin/index.js';
import { seededRandom, shuffleInPlace } from '../../src/standin/random.js';

export type RefundOutcome = 'succeeded' | 'failed' | 'canceled';

export interface RefundPlan {
  /** A share of the charge (0..1), or whatever of it is still refundable. */
  part: number | 'rest';
  /** Its last status. One not pending first that ends failed had succeeded before it failed. */
  outcome: RefundOutcome;
  /** Stripe reports it as pending first (card refunds waiting on the balance, or on the bank). */
  pendingFirst: boolean;
}

export interface GiftPlan {
  /** As the donor typed it: a donor who gives again may type it in other capitals. */
  email: string;
  name: string;
  gift: number;
  coverFee: boolean;
  frequency: 'once' | 'month';
  /** card: paid by card; bank: a bank debit that settles later; never: the donor left before paying. */
  pay: 'card' | 'bank' | 'never';
  /** The first card was declined and the donor tried another. */
  declinedFirst: boolean;
  bankOutcome?: 'succeeded' | 'failed';
  /** On the one-time charge, or on a subscription's first invoice. */
  refunds: RefundPlan[];
  dispute?: { outcome: 'lost' | 'won'; openedAtPayment: boolean };
  renewals: number;
  cancelled: boolean;
}

export interface MonthPlan {
  gifts: GiftPlan[];
  donors: number;
}

const FIRST = ['Ana', 'João', 'María', 'Luis', 'Fátima', 'Chen', 'Amara', 'Sam', 'Rosa', 'Diego', 'Lena', 'Kwame', 'Priya', 'Tomás', 'Nia', 'Omar'];
const LAST = ['Souza', 'Silva', 'García', 'Nguyen', 'Okafor', 'Cohen', 'Pereira', 'Ramírez', 'Haddad', 'Kim', 'Santos', 'Mensah'];
const AMOUNTS = [500, 1000, 1500, 2000, 2500, 2500, 3000, 3600, 5000, 5000, 5000, 7500, 10_000, 10_000, 15_000, 18_000, 25_000, 50_000, 100_000];

type Pick<T> = Array<[weight: number, value: T]>;

function chooser(random: () => number) {
  const pick = <T>(options: Pick<T>): T => {
    let r = random() * options.reduce((sum, [w]) => sum + w, 0);
    for (const [w, value] of options) if ((r -= w) < 0) return value;
    return options[options.length - 1]![1];
  };
  const share = () => 0.1 + Math.round(random() * 80) / 100;
  return { pick, share };
}

/** What happens after a card payment: mostly nothing; otherwise a refund story or a dispute. */
function afterCardPayment(random: () => number): Pick<{ refunds: RefundPlan[]; dispute?: GiftPlan['dispute'] }> {
  const { share } = chooser(random);
  const direct = (part: number | 'rest', outcome: RefundOutcome = 'succeeded'): RefundPlan => ({ part, outcome, pendingFirst: false });
  const pending = (part: number | 'rest', outcome: RefundOutcome): RefundPlan => ({ part, outcome, pendingFirst: true });
  const dispute = (outcome: 'lost' | 'won') => ({ outcome, openedAtPayment: random() < 0.5 });
  return [
    [62, { refunds: [] }],
    [4, { refunds: [direct('rest')] }],
    [5, { refunds: [direct(share())] }],
    // A whole charge refunded in two parts.
    [5, { refunds: [direct(share()), direct('rest')] }],
    [2, { refunds: [pending(share(), 'succeeded'), direct('rest')] }],
    [2, { refunds: [pending(random() < 0.5 ? 'rest' : share(), 'succeeded')] }],
    [3, { refunds: [pending(random() < 0.5 ? 'rest' : share(), 'failed')] }],
    [3, { refunds: [pending(random() < 0.5 ? 'rest' : share(), 'canceled')] }],
    [2, { refunds: [direct(share()), pending('rest', 'failed')] }],
    // Succeeded, then failed days later (the card was closed): the stand-in cannot, so only what follows is written here.
    [2, { refunds: [direct(random() < 0.5 ? 'rest' : share(), 'failed')] }],
    // Failed, then the treasurer refunds again and it goes through.
    [2, { refunds: [pending('rest', 'failed'), direct('rest')] }],
    [3, { refunds: [], dispute: dispute('lost') }],
    [3, { refunds: [], dispute: dispute('won') }],
    // Part refunded, then the cardholder disputes the whole charge anyway, and the dispute is lost.
    [2, { refunds: [direct(share())], dispute: { outcome: 'lost', openedAtPayment: false } }],
  ];
}

/**
 * Several hundred one-time gifts by card, bank debits, abandoned forms and monthly gifts, with
 * about a third of the gifts from donors who give more than once.
 */
export function planMonth(seed: number): MonthPlan {
  const random = seededRandom(seed);
  const { pick } = chooser(random);
  const donors: Array<{ email: string; name: string }> = [];
  const donor = () => {
    if (donors.length && random() < 0.33) {
      const again = donors[Math.floor(random() * donors.length)]!;
      const [local, domain] = again.email.split('@') as [string, string];
      const typed = pick<string>([
        [3, again.email],
        [1, `${local[0]!.toUpperCase()}${local.slice(1)}@${domain}`],
        [1, `${local}@${domain.toUpperCase()}`],
      ]);
      return { email: typed, name: again.name };
    }
    const name = `${FIRST[Math.floor(random() * FIRST.length)]} ${LAST[Math.floor(random() * LAST.length)]}`;
    const email = `${name.normalize('NFD').replace(/[^A-Za-z ]/g, '').toLowerCase().replace(' ', '.')}.${donors.length + 1}@example.org`;
    donors.push({ email, name });
    return { email, name };
  };
  const amount = () => (random() < 0.8 ? AMOUNTS[Math.floor(random() * AMOUNTS.length)]! : 500 + Math.floor(random() * 30_000));
  const base = (frequency: GiftPlan['frequency'], pay: GiftPlan['pay']): GiftPlan => ({
    ...donor(),
    gift: amount(),
    coverFee: random() < 0.45,
    frequency,
    pay,
    declinedFirst: pay === 'card' && random() < 0.06,
    refunds: [],
    renewals: 0,
    cancelled: false,
  });

  const gifts: GiftPlan[] = [];
  for (let i = 0; i < 300; i++) {
    const gift = { ...base('once', 'card'), ...pick(afterCardPayment(random)) };
    // Refunds and disputes of fee-covered gifts are where a cent can go astray.
    if (gift.refunds.length || gift.dispute) gift.coverFee = random() < 0.8;
    gifts.push(gift);
  }
  for (let i = 0; i < 40; i++) gifts.push({ ...base('once', 'bank'), bankOutcome: random() < 0.7 ? 'succeeded' : 'failed' });
  for (let i = 0; i < 24; i++) gifts.push(base('once', 'never'));
  for (let i = 0; i < 60; i++) {
    const monthly = base('month', 'card');
    monthly.renewals = Math.floor(random() * 4);
    monthly.cancelled = random() < 0.3;
    const after = pick<{ refunds: RefundPlan[]; dispute?: GiftPlan['dispute'] }>([
      [84, { refunds: [] }],
      [4, { refunds: [{ part: 'rest', outcome: 'succeeded', pendingFirst: false }] }],
      [4, { refunds: [{ part: 0.5, outcome: 'succeeded', pendingFirst: false }, { part: 'rest', outcome: 'succeeded', pendingFirst: false }] }],
      [4, { refunds: [{ part: 'rest', outcome: 'failed', pendingFirst: true }] }],
      [4, { refunds: [], dispute: { outcome: 'lost', openedAtPayment: false } }],
    ]);
    if (after.refunds.length || after.dispute) monthly.coverFee = true;
    gifts.push({ ...monthly, ...after });
  }
  return { gifts: shuffleInPlace(gifts, random), donors: donors.length };
}

/** A gift as the endpoint took it: POST /api/donations answered with these. */
export interface TakenGift {
  plan: GiftPlan;
  donationId: string;
  /** The one-time PaymentIntent, or the subscription's first invoice's. */
  paymentIntent: string;
  total: number;
  subscription?: string;
}

/** A webhook event as Stripe sends it (Stripe.Event's shape, with its object left open). */
export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/**
 * The event types the endpoint's webhook is subscribed to: those the README names, and those that
 * undo or settle a payment (a refund failing, a dispute's funds, a bank debit's outcome). Stripe
 * sends an endpoint only the types it subscribed to; the month has many more.
 */
export const ENDPOINT_EVENTS = new Set([
  'payment_intent.succeeded',
  'payment_intent.processing',
  'payment_intent.payment_failed',
  'invoice.paid',
  'invoice.payment_succeeded',
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'refund.failed',
  'charge.refund.updated',
  'charge.dispute.created',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.closed',
  'charge.dispute.funds_reinstated',
  'customer.subscription.updated',
  'customer.subscription.deleted',
]);

const CARDS = ['4242424242424242', '5555555555554444', '378282246310005'];
const DECLINED = '4000000000000002';
const DISPUTED = '4000000000000259';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const now = () => Math.floor(Date.now() / 1000);

/** Plays the month: returns every event it produced, each object's events in the order they happened. */
export async function playMonth(standin: StripeStandin, stripe: Stripe, taken: TakenGift[], seed: number): Promise<StripeEvent[]> {
  const random = seededRandom(seed ^ 0x5eed);
  const written: StripeEvent[] = [];
  const id = (prefix: string) => `${prefix}_${Array.from({ length: 24 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('')}`;
  const emit = (type: string, object: StripeObject, previous?: Record<string, unknown>) => {
    written.push({
      id: id('evt'),
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: now(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    });
  };
  /** What refunds written here (not known to the stand-in) have taken from each charge. */
  const heldBack = new Map<string, number>();

  async function pendingRefund(intentId: string, amount: number, outcome: RefundOutcome): Promise<void> {
    const intent = await stripe.paymentIntents.retrieve(intentId);
    const chargeId = intent.latest_charge as string;
    const refund: StripeObject = {
      id: id('re'),
      object: 'refund',
      amount,
      balance_transaction: id('txn'),
      charge: chargeId,
      created: now(),
      currency: intent.currency,
      destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
      metadata: {},
      payment_intent: intentId,
      pending_reason: outcome === 'canceled' ? 'insufficient_funds' : 'processing',
      reason: 'requested_by_customer',
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'pending',
      transfer_reversal: null,
    };
    emit('refund.created', refund);
    const charge = (await stripe.charges.retrieve(chargeId)) as unknown as StripeObject;
    const held = (heldBack.get(chargeId) ?? 0) + amount;
    heldBack.set(chargeId, held);
    const refunded = charge.amount_refunded + held;
    emit('charge.refunded', { ...charge, amount_refunded: refunded, refunded: refunded === charge.amount_captured }, { amount_refunded: refunded - amount, refunded: false });

    if (outcome !== 'succeeded') heldBack.set(chargeId, held - amount);
    settle(refund, outcome);
  }

  /** The refund's later news: it went through, failed (a card refund can fail even after it succeeded), or was canceled. */
  function settle(refund: StripeObject, outcome: RefundOutcome): void {
    const previous = { status: refund.status, pending_reason: refund.pending_reason ?? null };
    Object.assign(refund, { status: outcome, pending_reason: null });
    if (outcome === 'failed') {
      Object.assign(refund, { failure_reason: 'expired_or_canceled_card', failure_balance_transaction: id('txn') });
      refund.destination_details.card.reference_status = 'unavailable';
    } else if (outcome === 'succeeded') {
      refund.destination_details.card = { reference: String(100_000_000_000 + Math.floor(random() * 899_999_999_999)), reference_status: 'available', reference_type: 'acquirer_reference_number', type: 'refund' };
    }
    emit('refund.updated', refund, previous);
    if (outcome === 'failed') emit('refund.failed', refund);
    emit('charge.refund.updated', refund, previous);
  }

  async function refundAll(intentId: string, total: number, plans: RefundPlan[]): Promise<void> {
    let left = total;
    for (const plan of plans) {
      const amount = plan.part === 'rest' ? left : Math.min(left - 1, Math.max(1, Math.round(total * plan.part)));
      if (plan.pendingFirst) await pendingRefund(intentId, amount, plan.outcome);
      else {
        const refund = await stripe.refunds.create({ payment_intent: intentId, amount, reason: 'requested_by_customer' });
        if (plan.outcome !== 'succeeded') settle(refund as unknown as StripeObject, plan.outcome);
      }
      if (plan.outcome === 'succeeded') left -= amount;
    }
  }

  async function payByCard(gift: TakenGift): Promise<void> {
    const { plan } = gift;
    if (plan.declinedFirst) {
      const declined = await standin.confirm(gift.paymentIntent, DECLINED);
      if (!declined.error) throw new Error(`the declining card was accepted for ${gift.paymentIntent}`);
    }
    const card = plan.dispute?.openedAtPayment ? DISPUTED : CARDS[Math.floor(random() * CARDS.length)]!;
    const paid = await standin.confirm(gift.paymentIntent, card);
    if (paid.status !== 'succeeded') throw new Error(`payment ${gift.paymentIntent} did not succeed: ${JSON.stringify(paid)}`);
    await refundAll(gift.paymentIntent, gift.total, plan.refunds);
    if (plan.dispute) await standin.dispute(gift.paymentIntent, plan.dispute.outcome);
  }

  async function payByBank(gift: TakenGift): Promise<void> {
    const intent = (await stripe.paymentIntents.retrieve(gift.paymentIntent)) as unknown as StripeObject;
    const paymentMethod = id('pm');
    const chargeId = id('py');
    const processing = {
      ...intent,
      automatic_payment_methods: null,
      latest_charge: chargeId,
      payment_method: paymentMethod,
      payment_method_options: { us_bank_account: { verification_method: 'automatic' } },
      payment_method_types: ['us_bank_account'],
      status: 'processing',
    };
    const charge: StripeObject = {
      id: chargeId,
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      balance_transaction: id('txn'),
      captured: true,
      created: now(),
      currency: intent.currency,
      customer: intent.customer,
      description: intent.description,
      disputed: false,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: { ...intent.metadata },
      outcome: { network_status: 'approved_by_network', reason: null, risk_level: 'not_assessed', seller_message: 'Payment complete.', type: 'authorized' },
      paid: false,
      payment_intent: intent.id,
      payment_method: paymentMethod,
      payment_method_details: {
        type: 'us_bank_account',
        us_bank_account: { account_holder_type: 'individual', account_type: 'checking', bank_name: 'STRIPE TEST BANK', fingerprint: id('fp').slice(3, 19), last4: '6789', routing_number: '110000000' },
      },
      receipt_email: intent.receipt_email,
      refunded: false,
      status: 'pending',
    };
    emit('payment_intent.processing', processing, { status: intent.status });
    emit('charge.pending', charge);
    if (gift.plan.bankOutcome === 'succeeded') {
      emit('charge.succeeded', { ...charge, paid: true, status: 'succeeded' }, { paid: false, status: 'pending' });
      emit('payment_intent.succeeded', { ...processing, amount_received: intent.amount, status: 'succeeded' }, { amount_received: 0, status: 'processing' });
    } else {
      const failure = { failure_code: 'insufficient_funds', failure_message: "The customer's account has insufficient funds to cover this payment." };
      emit('charge.failed', { ...charge, ...failure, captured: false, amount_captured: 0, status: 'failed', outcome: { ...charge.outcome, network_status: 'declined_by_network', type: 'issuer_declined' } }, { status: 'pending' });
      emit(
        'payment_intent.payment_failed',
        {
          ...processing,
          last_payment_error: { code: 'insufficient_funds', message: failure.failure_message, payment_method: { id: paymentMethod, object: 'payment_method', type: 'us_bank_account' }, type: 'invalid_request_error' },
          latest_charge: chargeId,
          payment_method: null,
          status: 'requires_payment_method',
        },
        { status: 'processing' },
      );
    }
  }

  for (const gift of taken) {
    if (gift.plan.pay === 'card') await payByCard(gift);
    else if (gift.plan.pay === 'bank') await payByBank(gift);
  }
  // The months that follow: each subscription renews up to three times, and some donors stop.
  const monthly = taken.filter((g) => g.subscription);
  for (let month = 1; month <= 3; month++) {
    for (const gift of monthly) if (gift.plan.renewals >= month) await standin.renewSubscription(gift.subscription!);
  }
  for (const gift of monthly) if (gift.plan.cancelled) await stripe.subscriptions.cancel(gift.subscription!);

  const standinEvents = standin.objects('event') as unknown as StripeEvent[];
  return [...standinEvents, ...written];
}
