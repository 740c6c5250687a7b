/**
 * Demo mode only: the Stripe stand-in (its API, its Stripe.js, its authentication page) reached
 * through the endpoint's own origin at /standin/…, so a browser on another machine reaches it too,
 * and a host page's Content-Security-Policy names one origin for the demo. The stand-in itself
 * listens on loopback; it learns the prefix and the browser's host from the X-Forwarded headers,
 * and writes its redirects with them.
 */
import { Hono } from 'hono';
import { proxy } from 'hono/proxy';
import type { StripeApi } from '../config.js';

export function standinRoutes(api: StripeApi) {
  const target = `${api.protocol}://${api.host}:${api.port}`;
  return new Hono().all('/*', (c) => {
    const url = new URL(c.req.url);
    const path = url.pathname.replace(/^\/standin/, '') || '/';
    return proxy(`${target}${path}${url.search}`, {
      raw: c.req.raw,
      redirect: 'manual',
      headers: {
        ...c.req.header(),
        'x-forwarded-host': url.host,
        'x-forwarded-proto': url.protocol.replace(':', ''),
        'x-forwarded-prefix': '/standin',
      },
    });
  });
}
