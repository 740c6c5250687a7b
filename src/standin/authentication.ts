/**
 * The bank's authentication page a donor is sent to for a card that asks for it (Stripe's
 * 4000 0027 6000 3184 and friends): "Complete" pays, "Fail" declines, and either way the browser
 * goes back to the return_url with `payment_intent`, `payment_intent_client_secret` and
 * `redirect_status` in the query, as Stripe sends a donor back from a redirect.
 */
import { chargeIntent, failAuthentication } from './charges.js';
import type { Context } from './context.js';
import { StripeError } from './errors.js';
import type { StripeObject } from './store.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function authenticationPage(intent: StripeObject): string {
  const amount = `${(intent.amount / 100).toFixed(2)} ${String(intent.currency).toUpperCase()}`;
  const secret = escape(intent.client_secret);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test authentication</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#30313d}
.badge{background:#fff4d6;color:#5c4400;border:1px solid #e8c66a;padding:.5rem .75rem;border-radius:4px;font-weight:600}
form{display:inline}button{font:inherit;padding:.6rem 1.2rem;margin:.25rem .5rem .25rem 0;border-radius:4px;border:1px solid #30313d;background:#fff;cursor:pointer}
button[value=complete]{background:#0570de;border-color:#0570de;color:#fff}</style></head>
<body><main>
<p class="badge">Test mode — no real payment</p>
<h1>Authenticate this test payment</h1>
<p>Your bank asks you to confirm a payment of <strong>${escape(amount)}</strong>. This page stands in for it.</p>
<form method="post"><input type="hidden" name="client_secret" value="${secret}">
<button type="submit" name="outcome" value="complete">Complete authentication</button>
<button type="submit" name="outcome" value="fail">Fail authentication</button></form>
</main></body></html>`;
}

/** Settles the authentication; returns where the browser goes next (the return_url with the outcome). */
export function completeAuthentication(ctx: Context, intent: StripeObject, outcome: 'complete' | 'fail'): string | null {
  if (intent.status === 'requires_action') {
    if (outcome === 'fail') failAuthentication(ctx, intent);
    else {
      const paymentMethod = ctx.store.get(intent.payment_method, 'payment_method')!;
      try {
        chargeIntent(ctx, intent, paymentMethod, { authenticated: true });
      } catch (error) {
        // A card declined after authentication: the outcome travels in the return URL.
        if (!(error instanceof StripeError)) throw error;
      }
    }
  }
  const returnUrl = intent._return_url as string | null;
  if (!returnUrl) return null;
  const back = new URL(returnUrl);
  back.searchParams.set('payment_intent', intent.id);
  back.searchParams.set('payment_intent_client_secret', intent.client_secret);
  back.searchParams.set('redirect_status', intent.status === 'succeeded' ? 'succeeded' : 'failed');
  return back.href;
}
