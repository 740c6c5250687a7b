/** GET /api/config: what the widget needs to start, readable from any site. */
import { Hono } from 'hono';
import type { ConfigResponse } from '../../core/api.js';
import type { Services } from '../env.js';

export function configRoutes({ config }: Services) {
  // In demo mode the widget also learns where the Stripe.js stand-in is; a live config never names a script.
  const body: ConfigResponse & { stripeJsUrl?: string } = {
    publishableKey: config.stripe.publishableKey,
    mode: config.mode,
    currencies: config.currencies,
    feeRates: config.feeRates,
    minimum: config.minimum,
    maximum: config.maximum,
    ...(config.mode === 'demo' && config.stripe.stripeJsUrl ? { stripeJsUrl: config.stripe.stripeJsUrl } : {}),
  };
  return new Hono().get('/', (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(body);
  });
}
