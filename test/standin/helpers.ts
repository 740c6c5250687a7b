/** Shared by the stand-in's tests: the real SDK pointed at a fresh stand-in, and a webhook receiver. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeStandin, type StandinOptions, type StripeStandin } from '../../src/standin/index.js';

export function sdkFor(standin: StripeStandin, key = standin.secretKey): Stripe {
  return new Stripe(key, { host: standin.host, port: standin.port, protocol: 'http', maxNetworkRetries: 0 });
}

export interface Receiver {
  url: string;
  /** Events whose signature verified, in arrival order. */
  events: Stripe.Event[];
  /** Deliveries whose signature did not verify. */
  rejected: number;
  /** Answer 500 to the next n deliveries (to exercise retries). */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** A webhook endpoint that checks signatures exactly as the real endpoint will, with the SDK. */
export async function startReceiver(secret: string): Promise<Receiver> {
  const verifier = new Stripe('sk_test_unused');
  let failures = 0;
  const receiver: Receiver = {
    url: '',
    events: [],
    rejected: 0,
    failNext: (n) => {
      failures = n;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(500).end();
        return;
      }
      try {
        const event = verifier.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), secret);
        receiver.events.push(event);
        res.writeHead(200).end('{}');
      } catch {
        receiver.rejected++;
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stripe/webhook`;
  return receiver;
}

export interface Rig {
  standin: StripeStandin;
  stripe: Stripe;
  receiver: Receiver;
  close(): Promise<void>;
}

export async function startRig(options: StandinOptions = {}): Promise<Rig> {
  const receiver = await startReceiver('whsec_test_rig');
  const standin = await startStripeStandin({ ...options, webhook: { url: receiver.url, secret: 'whsec_test_rig' } });
  return {
    standin,
    stripe: sdkFor(standin),
    receiver,
    close: async () => {
      await standin.close();
      await receiver.close();
    },
  };
}

/** What the endpoint does for a recurring gift: a product per campaign, a customer, a subscription. */
export async function monthlyGift(
  rig: Rig,
  { interval = 'month', amount = 2_500, email = 'rosa@example.org' }: { interval?: 'month' | 'year'; amount?: number; email?: string } = {},
): Promise<Stripe.Subscription> {
  await rig.stripe.products.create({ id: 'campaign_mira', name: 'MIRA policy campaign' }).catch(() => undefined);
  const customer = await rig.stripe.customers.create({ email, name: 'Rosa', preferred_locales: ['pt-BR'] });
  return rig.stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price_data: { currency: 'usd', product: 'campaign_mira', unit_amount: amount, recurring: { interval } } }],
    payment_behavior: 'default_incomplete',
    payment_settings: { save_default_payment_method: 'on_subscription' },
    metadata: { campaign: 'mira', gift: String(amount), fee: '0', frequency: interval },
    expand: ['latest_invoice.confirmation_secret'],
  });
}

/** The client secret of a subscription's first invoice, which the donor pays. */
export function firstInvoiceSecret(subscription: Stripe.Subscription): string {
  return (subscription.latest_invoice as Stripe.Invoice).confirmation_secret!.client_secret;
}

export function intentIdFromSecret(secret: string): string {
  return secret.split('_secret_')[0]!;
}

export function types(events: Stripe.Event[]): string[] {
  return events.map((e) => e.type);
}

/** The error a Stripe call failed with; the test fails if the call succeeded. */
export async function failure(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await call;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error('expected the Stripe call to fail, and it succeeded');
}
