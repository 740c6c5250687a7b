/**
 * Loading Stripe.js on the donor's first intent. `@stripe/stripe-js/pure` injects nothing on import;
 * `loadStripe` injects js.stripe.com only when `window.Stripe` is not defined yet, and otherwise uses
 * the one that is. Demo mode relies on that: the endpoint's config names a stand-in script, loaded first,
 * which defines `window.Stripe`.
 */
import type { Stripe } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { ConfigResponse } from '../../../core/api.js';
import { apiUrl } from './api-url.js';

/**
 * The part of `GET /api/config` the payment step needs. `stripeJsUrl` (demo mode only, absolute or
 * relative to the endpoint) is the Stripe.js stand-in to load before Stripe.js itself.
 */
export type PaymentConfig = Pick<ConfigResponse, 'publishableKey'> & Partial<Pick<ConfigResponse, 'mode'>> & { stripeJsUrl?: string };

export async function fetchPaymentConfig(endpoint: string, signal: AbortSignal): Promise<PaymentConfig> {
  const response = await fetch(apiUrl(endpoint, '/api/config'), { credentials: 'omit', signal });
  if (!response.ok) throw new Error(`GET /api/config answered ${response.status}`);
  return (await response.json()) as PaymentConfig;
}

/** Resolves to a Stripe instance, or rejects when neither Stripe.js nor the stand-in could load. */
export async function loadStripeFor(config: PaymentConfig, endpoint: string): Promise<Stripe> {
  // Only a demo config may name a script: a live page never runs anything but Stripe's own.
  if (config.mode === 'demo' && config.stripeJsUrl && !('Stripe' in window)) {
    await loadScript(new URL(config.stripeJsUrl, endpoint.replace(/\/*$/, '/')).href);
  }
  const stripe = await loadStripe(config.publishableKey);
  if (!stripe) throw new Error('Stripe.js is not available');
  return stripe;
}

const scripts = new Map<string, Promise<void>>();

/** One load per URL, however many widgets ask; a failed load may be tried again. */
function loadScript(src: string): Promise<void> {
  let loading = scripts.get(src);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.addEventListener('load', () => resolve(), { once: true });
      script.addEventListener('error', () => {
        script.remove();
        scripts.delete(src);
        reject(new Error(`Could not load ${src}`));
      }, { once: true });
      document.head.append(script);
    });
    scripts.set(src, loading);
  }
  return loading;
}
