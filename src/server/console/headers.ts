/**
 * What every console response carries: a policy that runs only the console's own scripts and
 * styles (no inline script, nothing from elsewhere), that no page may frame it (frame-ancestors and,
 * for older browsers, X-Frame-Options), and that nothing of it is cached: a shared computer's back
 * button must not show a donor list after sign-out.
 */
import type { MiddlewareHandler } from 'hono';

export const CONSOLE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const consoleHeaders: MiddlewareHandler = async function consoleHeaders(c, next) {
  await next();
  const headers = c.res.headers;
  headers.set('Content-Security-Policy', CONSOLE_POLICY);
  headers.set('X-Frame-Options', 'DENY');
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'same-origin');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  // The assets say their own (revalidated); every page and answer is no-store.
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
};
