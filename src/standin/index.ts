/**
 * A local stand-in for Stripe: the part of Stripe's API the endpoint uses, in Stripe's wire format,
 * with signed webhook deliveries and a Stripe.js stand-in for the browser. Tests and demo mode point
 * the real `stripe` SDK at it: `new Stripe(standin.secretKey, {host, port, protocol: 'http'})`.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completeAuthentication } from './authentication.js';
import { chargeIntent } from './charges.js';
import type { Context } from './context.js';
import { WebhookDelivery, type DeliveryAttempt, type DeliveryOptions } from './delivery.js';
import { closeDispute, openDispute } from './disputes.js';
import { StripeError } from './errors.js';
import { Events } from './events.js';
import { createHandler, type RequestRecord } from './http.js';
import { createCardPaymentMethod, resolvePaymentMethod } from './payment-methods.js';
import { Store, type StripeObject } from './store.js';
import { stripeJs } from './stripe-js.js';
import { giveUpOnSubscription, renewSubscription } from './subscriptions.js';
import { payOut } from './payouts.js';

export type { DeliveryAttempt, DeliveryOptions } from './delivery.js';
export type { StripeObject } from './store.js';
export { signatureHeader } from './signing.js';

export interface StandinOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Accepted secret API key; default a new random `sk_test_…` per start, so nobody else knows it. */
  secretKey?: string;
  /** Default a new random `pk_test_…` per start. */
  publishableKey?: string;
  /** Where events are POSTed; the signing secret defaults to a new random `whsec_…` per start. */
  webhook?: { url: string; secret?: string };
  delivery?: DeliveryOptions;
}

export interface ConfirmResult {
  status: string;
  error?: { code: string; decline_code?: string; message: string };
}

export interface StripeStandin {
  url: string;
  host: string;
  port: number;
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  setWebhook(url: string, secret?: string): void;
  setDelivery(options: DeliveryOptions): void;
  /** Delivers everything held. */
  release(): Promise<void>;
  /** Resolves once every queued delivery was answered 2xx or given up. */
  settled(): Promise<void>;
  /** Pays a PaymentIntent (one-time, or a subscription invoice's) with a test card number or `pm_card_…` id, as Stripe.js would. */
  confirm(paymentIntentId: string, card?: string): Promise<ConfirmResult>;
  /**
   * Answers the bank's authentication for a PaymentIntent left in requires_action by a card that asks
   * for it (4000002760003184, 4000002500003155, 4000000000003220), as the donor would on its page.
   * Returns the return_url with the outcome, or null when none was given (extension).
   */
  authenticate(paymentIntentId: string, outcome: 'complete' | 'fail'): Promise<string | null>;
  /** Next period's invoice, paid with the saved card; returns the invoice id. A paused gift's is voided; a declined one stays open (past due). */
  renewSubscription(subscriptionId: string): Promise<string>;
  /** Stripe's last retry failed and it cancels the subscription (`cancellation_details.reason: payment_failed`). */
  giveUp(subscriptionId: string): Promise<void>;
  /** The cardholder disputes the PaymentIntent's charge and the bank decides at once. */
  dispute(paymentIntentId: string, outcome: 'lost' | 'won'): Promise<void>;
  /** Pays out everything in the balance not yet paid out, as Stripe's schedule would (payout.paid per currency); returns the payouts' ids. */
  payOut(): Promise<string[]>;
  /** Every API request received, in order. */
  requests: RequestRecord[];
  /** Every webhook delivery attempt, in order (extension: for retry and duplicate assertions). */
  deliveries: DeliveryAttempt[];
  /** Every object of a type as the API would show it, oldest first (extension: for assertions). */
  objects(type: string): StripeObject[];
  stats(): { paymentIntents: number; succeededPayments: number; customers: number; subscriptions: number; refunds: number };
  close(): Promise<void>;
}

export async function startStripeStandin(options: StandinOptions = {}): Promise<StripeStandin> {
  // Random per start: a demo endpoint accepts events signed with this secret, so a constant would let anyone add to its totals.
  const secretKey = options.secretKey ?? `sk_test_standin_${randomBytes(16).toString('hex')}`;
  const publishableKey = options.publishableKey ?? `pk_test_standin_${randomBytes(16).toString('hex')}`;
  const store = new Store();
  const delivery = new WebhookDelivery(options.webhook?.url, options.webhook?.secret ?? `whsec_standin_${randomBytes(24).toString('hex')}`, options.delivery);
  const events = new Events(store, delivery);
  const requests: RequestRecord[] = [];

  const server = createServer(
    createHandler({
      store,
      events,
      secretKey,
      publishableKey,
      requests,
      stripeJs,
    }),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  /** Simulated cardholder and bank actions carry no API request, as in Stripe's events. */
  const actor: Context = { store, events, request: null, baseUrl: `http://${host}:${port}` };

  function intentOf(id: string): StripeObject {
    const intent = store.get(id, 'payment_intent');
    if (!intent) throw new Error(`No such payment_intent: '${id}'`);
    return intent;
  }

  const standin: StripeStandin = {
    url: `http://${host}:${port}`,
    host,
    port,
    secretKey,
    publishableKey,
    get webhookSecret() {
      return delivery.secret;
    },
    setWebhook(url, secret) {
      delivery.url = url;
      if (secret !== undefined) delivery.secret = secret;
    },
    setDelivery: (o) => delivery.configure(o),
    release: () => delivery.release(),
    settled: () => delivery.settled(),

    async confirm(paymentIntentId, card = '4242424242424242') {
      const intent = intentOf(paymentIntentId);
      try {
        const paymentMethod = /^\d/.test(card)
          ? createCardPaymentMethod(actor, { type: 'card', card: { number: card, exp_month: '12', exp_year: String(new Date().getUTCFullYear() + 2), cvc: '123' } })
          : resolvePaymentMethod(actor, card);
        chargeIntent(actor, intent, paymentMethod);
        return { status: intent.status as string };
      } catch (error) {
        if (!(error instanceof StripeError)) throw error;
        const { code = 'unknown', decline_code, message } = error.body;
        return { status: intent.status as string, error: { code, message, ...(decline_code ? { decline_code } : {}) } };
      }
    },

    async authenticate(paymentIntentId, outcome) {
      return completeAuthentication(actor, intentOf(paymentIntentId), outcome);
    },

    async renewSubscription(subscriptionId) {
      return renewSubscription(actor, subscriptionId);
    },

    async giveUp(subscriptionId) {
      giveUpOnSubscription(actor, subscriptionId);
    },

    async dispute(paymentIntentId, outcome) {
      const charge = store.get(intentOf(paymentIntentId).latest_charge ?? '', 'charge');
      if (!charge || charge.status !== 'succeeded') throw new Error(`PaymentIntent ${paymentIntentId} has no successful charge to dispute`);
      const open = store.all('dispute').find((d) => d.charge === charge.id && d.status === 'needs_response');
      closeDispute(actor, open ?? openDispute(actor, charge), outcome);
    },

    async payOut() {
      return payOut(actor).map((p) => p.id);
    },

    requests,
    deliveries: delivery.attempts,
    objects: (type) => store.all(type).map((o) => store.render(o)),
    stats: () => ({
      paymentIntents: store.all('payment_intent').length,
      succeededPayments: store.all('charge').filter((c) => c.status === 'succeeded').length,
      customers: store.all('customer').length,
      subscriptions: store.all('subscription').length,
      refunds: store.all('refund').length,
    }),

    async close() {
      delivery.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standin;
}
