/**
 * The Stripe.js stand-in, served by the stand-in server at `/js/stripe.js`. Loading it defines
 * `window.Stripe`, which `loadStripe` from `@stripe/stripe-js/pure` finds and uses instead of
 * fetching js.stripe.com. API calls go to the server this script was loaded from (its `/js/stripe.js`
 * may sit under a path, as the demo endpoint's `/standin/js/stripe.js` does), or to the `api` query
 * parameter of its src (for a page that serves the script from elsewhere).
 */
import { StandinStripe } from './stripe.js';

function apiBase(): string {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src) return location.origin;
  const src = new URL(script.src, location.href);
  return src.searchParams.get('api') ?? new URL('..', src).href.replace(/\/$/, '');
}

const base = apiBase();

function Stripe(publishableKey: string, options: { locale?: string } = {}): StandinStripe {
  if (typeof publishableKey !== 'string' || !publishableKey.startsWith('pk_')) {
    throw new Error('Invalid value for Stripe(): apiKey should be a publishable key (pk_…).');
  }
  return new StandinStripe(publishableKey, base, options);
}
Stripe.version = StandinStripe.version;

(window as unknown as { Stripe: typeof Stripe }).Stripe = Stripe;
