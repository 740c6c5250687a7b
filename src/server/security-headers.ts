/**
 * Headers the endpoint's responses carry for the browser's sake.
 * - Every response: `X-Content-Type-Options: nosniff` (a JSON answer is never run as a script), and
 *   HSTS when PUBLIC_URL is https (behind HTTPS, so browsers never try plain HTTP again).
 * - The endpoint's own pages (the demo, /outbox, the console, the manage page), through
 *   `pageHeaders`: a strict Content-Security-Policy (no inline script or style, no eval), a
 *   Referrer-Policy, and who may frame them (`frame-ancestors`, 'none' for the console).
 * The widget's script is loaded by member organizations' pages and must stay loadable cross-site:
 * nothing here sets Cross-Origin-Resource-Policy on anything but a page.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config.js';

/** What a page embedding the Payment Element needs from Stripe (docs.stripe.com/security/guide#content-security-policy). */
export const STRIPE_SOURCES = {
  script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  connect: ['https://api.stripe.com'],
};

const HSTS = 'max-age=31536000; includeSubDomains';

function behindHttps(config: Pick<Config, 'ownOrigins'>): boolean {
  return config.ownOrigins.some((origin) => origin.startsWith('https:'));
}

export function securityHeaders(config: Pick<Config, 'ownOrigins'>): MiddlewareHandler {
  const hsts = behindHttps(config);
  return (c, next) => {
    sendHeader(c, 'X-Content-Type-Options', 'nosniff');
    if (hsts) sendHeader(c, 'Strict-Transport-Security', HSTS);
    return next();
  };
}

/**
 * A header for whatever response the request gets, set before the handler runs: on Node's response
 * itself (merged with the app's when written), so a handler's own `new Response` carries it too,
 * and no finished response's headers are touched, which would cost the Node adapter its fast path
 * (two thirds of GET /api/campaigns' rate). In-process requests (tests) get it through Hono.
 */
export function sendHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
}

export interface PageOptions {
  /** Who may show the page in a frame: nobody (the console, the manage page) or its own origin. */
  frameAncestors: 'none' | 'self';
  /** The page takes gifts with the widget: its scripts and Stripe's (in live and test mode) are allowed. */
  widget?: boolean;
  /** Keep a Content-Security-Policy the page's handler set itself (it knows its page best). */
  keepOwnPolicy?: boolean;
}

export function pageHeaders(config: Pick<Config, 'mode' | 'ownOrigins'>, options: PageOptions): MiddlewareHandler {
  const stripe = options.widget && config.mode !== 'demo';
  const self = ["'self'"];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: stripe ? [...self, ...STRIPE_SOURCES.script] : self,
      connectSrc: stripe ? [...self, ...STRIPE_SOURCES.connect] : self,
      ...(stripe ? { frameSrc: STRIPE_SOURCES.frame } : {}),
      // The widget pays Intl's one-time set-up in a worker made from a blob: URL.
      ...(options.widget ? { workerSrc: ['blob:'] } : {}),
      styleSrc: self,
      imgSrc: [...self, 'data:'],
      fontSrc: self,
      baseUri: ["'none'"],
      formAction: self,
      frameAncestors: [`'${options.frameAncestors}'`],
    },
    xFrameOptions: options.frameAncestors === 'none' ? 'DENY' : 'SAMEORIGIN',
    // The manage page's address carries a signed link: never send it on.
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: behindHttps(config) ? HSTS : false,
    overwrite: !options.keepOwnPolicy,
  });
}
