/**
 * Guards for donation creation, the favourite target of card testers: only allowed sites may
 * post from a browser, and each client address and each donor email gets a few attempts per window.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { Config } from './config.js';
import { ApiError, errorBody } from './errors.js';

/** Browsers always send Origin on a cross-site POST; a request without one is not from a page. */
export function originAllowed(origin: string | undefined, c: Context, config: Config): boolean {
  if (!origin) return true;
  if (config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin)) return true;
  return origin === new URL(c.req.url).origin; // the endpoint's own pages, such as the demo
}

export function requireAllowedOrigin(config: Config): MiddlewareHandler {
  return async (c, next) => {
    if (!originAllowed(c.req.header('origin'), c, config)) throw new ApiError(403, 'origin_not_allowed');
    await next();
  };
}

/** The caller's address: the socket's, or the one the trusted proxies in front of us saw. */
export function clientAddress(c: Context, trustProxy: number): string {
  if (trustProxy > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const seen = hops[hops.length - trustProxy];
    if (seen) return seen;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

export function limitPerKey(windowMs: number, limit: number, key: (c: Context) => string): MiddlewareHandler {
  return rateLimiter({
    windowMs,
    limit,
    standardHeaders: 'draft-6',
    keyGenerator: key,
    handler: (c) => c.json(errorBody('rate_limited'), 429),
  }) as MiddlewareHandler;
}
