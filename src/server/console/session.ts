/**
 * Who is signed in, and whether this request may change anything.
 *
 * The session's id lives only in the browser's cookie (the ledger keeps its hash). The cookie is
 * `__Host-`: Secure, Path=/ and no Domain, so a sibling subdomain cannot plant one of its own (the
 * prefix requires Path=/; SameSite=Strict keeps it off every request another site starts). A
 * session ends after SESSION_IDLE_MS unused or SESSION_ABSOLUTE_MS after sign-in, whichever comes
 * first, and at once when its staff member is removed; the role is read afresh on each request.
 *
 * Forgery: every request but GET and HEAD carries the session's token (a hidden `csrf` field, or an
 * X-CSRF-Token header), and, where the browser says where it comes from (Origin, Sec-Fetch-Site),
 * comes from the console's own origin.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { can, type ConsoleEnv, type Role } from './access.js';
import type { Ledger } from '../ledger/ledger.js';
import { SESSION_ABSOLUTE_MS } from '../ledger/staff.js';
import { ConsoleRefusal } from './refusal.js';

export const SESSION_COOKIE = '__Host-mira-console';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookie(c: Context, sessionId: string): void {
  setCookie(c, SESSION_COOKIE, sessionId, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
}

export function sessionIdOf(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

/** The session's anti-forgery token: derived from its id (never stored), so a copy of the ledger yields none. */
export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`csrf\0${sessionId}`).digest('base64url');
}

/** Where a browser path may send someone after sign-in: a console page of this origin, nothing else. */
export function consolePath(next: string | undefined): string {
  return next && /^\/console(\/[\w\-./?=&%]*)?$/.test(next) && !next.includes('//') && !next.includes('..') && !next.startsWith('/console/sign-') ? next : '/console';
}

/**
 * Signed in, or refused: a page asked for goes to the sign-in page (and back after); anything else
 * is answered 401. Sets `c.var.staff` and `c.var.csrfToken`.
 */
export function requireSession(ledger: Ledger): MiddlewareHandler<ConsoleEnv> {
  return async function requireSession(c, next) {
    const id = sessionIdOf(c);
    const now = new Date();
    const state = id ? await ledger.staff.session(id, now) : undefined;
    if (!id || !state) {
      if (id) clearSessionCookie(c);
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        const url = new URL(c.req.url);
        return c.redirect(`/console/sign-in?next=${encodeURIComponent(consolePath(url.pathname + url.search))}`, 303);
      }
      throw new ConsoleRefusal('signed_out');
    }
    // Written at most once a minute: the idle clock is that precise, and reading a page is no write.
    if (state.stale) await ledger.staff.touchSession(id, now);
    c.set('staff', state.staff);
    c.set('csrfToken', csrfTokenFor(id));
    await next();
  };
}

/** The request comes from the console's own pages, where the browser says so. A client that says nothing (no browser) still needs the token. */
export function fromOwnOrigin(c: Context, origin: string): boolean {
  const from = c.req.header('origin');
  if (from !== undefined) return from === origin;
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin';
}

/** Refuses a request that is not from the console's own origin (for the sign-in steps, before any session). */
export function requireOwnOrigin(origin: string): MiddlewareHandler {
  return async function requireOwnOrigin(c, next) {
    if (!SAFE.has(c.req.method) && !fromOwnOrigin(c, origin)) throw new ConsoleRefusal('forgery_suspected');
    await next();
  };
}

/** Every state-changing request carries this session's token and comes from the console's origin. */
export function requireCsrf(origin: string): MiddlewareHandler<ConsoleEnv> {
  return async function requireCsrf(c, next) {
    if (SAFE.has(c.req.method)) return next();
    if (!fromOwnOrigin(c, origin)) throw new ConsoleRefusal('forgery_suspected');
    const expected = c.get('csrfToken');
    let given = c.req.header('x-csrf-token');
    const type = c.req.header('content-type') ?? '';
    if (given === undefined && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
      // Parsed once: Hono keeps the parsed body for the handler.
      const field = (await c.req.parseBody())['csrf'];
      given = typeof field === 'string' ? field : undefined;
    }
    if (!expected || !given || !same(given, expected)) throw new ConsoleRefusal('forgery_suspected');
    await next();
  };
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** A middleware that lets through only `role` and above; it carries its role so the route table says what each route needs. */
export type RoleGate = MiddlewareHandler<ConsoleEnv> & { readonly role: Role };

/** `message`: the refusal in the page's own words ("Only an admin can change this."), else the general one. */
export function requireRole(role: Role, message?: string): RoleGate {
  const gate: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
    const staff = c.get('staff');
    if (!staff) throw new ConsoleRefusal('signed_out');
    if (!can(staff, role)) throw new ConsoleRefusal('role_too_small', message);
    await next();
  };
  return Object.assign(gate, { role });
}
