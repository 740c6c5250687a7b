/**
 * Stripe's webhook signature: HMAC-SHA256 over `${timestamp}.${payload}` with the endpoint's
 * secret, sent as `Stripe-Signature: t=<timestamp>,v1=<hex>`; what `stripe.webhooks.constructEvent` checks.
 */
import { createHmac } from 'node:crypto';

export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
