/**
 * GET /api/config: what the widget needs to start, readable from any site, and whether the page
 * asking (its Origin) may take gifts, so a site not yet allowed tells its donors at once rather
 * than after they typed a card. The answer differs by Origin, so it says `Vary: Origin`; a refusal
 * is kept briefly, so a page whose site was just added takes gifts on its next load.
 */
import { Hono } from 'hono';
import type { ConfigResponse } from '../../core/api.js';
import { originGate } from '../abuse.js';
import type { Services } from '../env.js';

const ALLOWED_CACHE = 'public, max-age=300';
const REFUSED_CACHE = 'public, max-age=10';

export function configRoutes({ config, ledger, log }: Services) {
  const sites = originGate(config, ledger, log);
  // In demo mode the widget also learns where the Stripe.js stand-in is; a live config never names a script.
  const body: ConfigResponse & { stripeJsUrl?: string } = {
    publishableKey: config.stripe.publishableKey,
    mode: config.mode,
    currencies: config.currencies,
    feeRates: config.feeRates,
    minimum: config.minimum,
    maximum: config.maximum,
    giveUrl: config.giveUrl,
    ...(config.mode === 'demo' && config.stripe.stripeJsUrl ? { stripeJsUrl: config.stripe.stripeJsUrl } : {}),
  };
  const answers = { true: JSON.stringify({ ...body, acceptsGifts: true }), false: JSON.stringify({ ...body, acceptsGifts: false }) };
  return new Hono().get('/', async (c) => {
    const origin = c.req.header('origin');
    const acceptsGifts = await sites.allows(origin);
    // A page with the widget on a site not yet added: the console lists it, to add in one action.
    if (!acceptsGifts) await sites.refused(origin!);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Vary', 'Origin');
    c.header('Cache-Control', acceptsGifts ? ALLOWED_CACHE : REFUSED_CACHE);
    c.header('Content-Type', 'application/json');
    return c.body(answers[`${acceptsGifts}`]);
  });
}
