/** The one place the Stripe client is made and its API version pinned. */
import Stripe from 'stripe';
import type { Config } from '../config.js';

/** Stripe's API version this code is written against; webhooks are rendered in it too. */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

export function createStripe(stripe: Config['stripe']): Stripe {
  return new Stripe(stripe.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    // The SDK retries network failures with the same idempotency key, so a retry never charges twice.
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'mira-donate', url: 'https://miracoalition.org' },
    ...(stripe.api ? { host: stripe.api.host, port: stripe.api.port, protocol: stripe.api.protocol } : {}),
  });
}

export type { Stripe };
