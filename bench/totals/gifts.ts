/** A new one-time gift delivered to the endpoint as Stripe would: a signed payment_intent.succeeded. */
import { randomUUID } from 'node:crypto';
import { signatureHeader } from '../../src/standin/signing.js';
import { STRIPE_API_VERSION } from '../../src/server/stripe/client.js';
import { CAMPAIGN } from './mix.js';

export const GIFT = 2_500;

/** Resolves true when the endpoint answered 2xx within `timeoutMs`. */
export async function deliverGift(endpointUrl: string, secret: string, timeoutMs: number): Promise<boolean> {
  const id = randomUUID().replaceAll('-', '');
  const payload = JSON.stringify({
    id: `evt_bench_${id}`,
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: Math.floor(Date.now() / 1000),
    type: 'payment_intent.succeeded',
    livemode: false,
    data: {
      object: {
        id: `pi_bench_${id}`,
        object: 'payment_intent',
        amount: GIFT,
        amount_received: GIFT,
        currency: 'usd',
        status: 'succeeded',
        metadata: { campaign: CAMPAIGN, gift: String(GIFT), fee: '0', frequency: 'once' },
      },
    },
  });
  try {
    const response = await fetch(`${endpointUrl}/api/stripe/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signatureHeader(payload, secret) },
      body: payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
