/**
 * Every console route, as the app's own route table lists them (so a page added later is covered
 * without touching this file): without a session, with each role too small for it, without the
 * session's anti-forgery token, and from another site, each is refused and changes nothing in the
 * ledger. A route's role is what its requireRole says; any route that changes things needs more
 * than a viewer (who reads everything and changes nothing), sign-out aside.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTargetHandler, isMiddleware } from 'hono/utils/handler';
import { ROLES, type Role } from '../../../src/server/console/access.js';
import { NAV } from '../../../src/server/console/layout.js';
import { openConsole, request, signedIn, snapshot, type ConsoleApp } from './support.js';
import type { Ledger } from '../../../src/server/ledger/ledger.js';

/** What anyone may reach: signing in and what it needs. Anything else open without a session fails below. */
const PUBLIC = [
  'GET /console/assets/:file{[a-z-]+\\.(?:css|js)}',
  'GET /console/sign-in',
  'POST /console/sign-in/options',
  'POST /console/sign-in/verify',
  'GET /console/enrol',
  'POST /console/enrol/options',
  'POST /console/enrol/verify',
];

/** Routes every signed-in role may use to change something: only ending their own session. */
const ANY_ROLE_MAY_POST = ['POST /console/sign-out'];

interface Route {
  method: string;
  pattern: string;
  path: string;
  role: Role;
}

/** A pattern as a regular expression: `:name{re}` and `:name` parameters, a trailing `*`. */
function matcher(pattern: string): RegExp {
  let source = '';
  for (const part of pattern.split(/(:\w+(?:\{(?:[^{}]|\{[^}]*\})+\})?\??|\*)/)) {
    if (!part) continue;
    if (part === '*') source += '.*';
    else if (part.startsWith(':')) {
      const custom = /\{(.+)\}/.exec(part)?.[1];
      source += `(${custom ?? '[^/]+'})${part.endsWith('?') ? '?' : ''}`;
    } else source += part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  // `/staff/*` matches `/staff` itself, as Hono's router does.
  return new RegExp(`^${source.replace(/\/\.\*$/, '(?:/.*)?')}$`);
}

/** A concrete path for a pattern: each parameter given the first sample its own pattern accepts. */
function example(pattern: string): string {
  const samples = ['1', 'console.css', 'mira', 'x', 'pi_1', '2026-01-01'];
  return pattern.replace(/:\w+(\{(?:[^{}]|\{[^}]*\})+\})?\??/g, (param, custom?: string) => {
    const re = new RegExp(`^${custom ? custom.slice(1, -1) : '[^/]+'}$`);
    const sample = samples.find((s) => re.test(s));
    if (!sample) throw new Error(`no sample path for ${param}`);
    return sample;
  }).replace(/\/\*$/, '');
}

/** Each console route (method and pattern), with the largest role any requireRole before its handler asks. */
function consoleRoutes(app: ConsoleApp): Route[] {
  const entries = app.routes.filter((r) => r.path === '/console' || r.path.startsWith('/console/'));
  const handlers = new Map<string, Route & { at: number }>();
  entries.forEach((entry, at) => {
    const target = findTargetHandler(entry.handler);
    if (isMiddleware(target)) return;
    const key = `${entry.method} ${entry.path}`;
    if (!handlers.has(key)) handlers.set(key, { method: entry.method, pattern: entry.path, path: example(entry.path), role: 'viewer', at });
  });
  for (const route of handlers.values()) {
    // Only a gate registered before the handler runs before it.
    for (const entry of entries.slice(0, route.at)) {
      const gate = (findTargetHandler(entry.handler) as { role?: Role }).role;
      if (!gate || (entry.method !== 'ALL' && entry.method !== route.method) || !matcher(entry.path).test(route.path)) continue;
      if (ROLES.indexOf(gate) > ROLES.indexOf(route.role)) route.role = gate;
    }
  }
  return [...handlers.values()].map(({ at: _, ...r }) => (r.method === 'ALL' ? { ...r, method: 'POST' } : r));
}

describe('every console route', () => {
  let app: ConsoleApp;
  let ledger: Ledger;
  let close: () => Promise<void>;
  let routes: Route[];
  let guarded: Route[];
  const sessions = {} as Record<Role, { sessionId: string; csrf: string }>;

  beforeAll(async () => {
    ({ app, ledger, close } = await openConsole());
    for (const role of ROLES) sessions[role] = await signedIn(ledger, role);
    routes = consoleRoutes(app);
    guarded = routes.filter((r) => !PUBLIC.includes(`${r.method} ${r.pattern}`));
  });
  afterAll(() => close());

  /** The request's answer, and that the ledger is exactly as before it. */
  async function unchanged(route: Route, init: Parameters<typeof request>[3]) {
    const before = await snapshot(ledger);
    const response = await request(app, route.method, route.path, init);
    expect(await snapshot(ledger), `${route.method} ${route.path} changed the ledger`).toBe(before);
    return response;
  }

  it('are listed from the app, the open ones being exactly the sign-in steps', () => {
    const listed = routes.map((r) => `${r.method} ${r.pattern}`);
    for (const open of PUBLIC) expect(listed).toContain(open);
    // The pages this change adds, at least; pages added later join the list by themselves.
    for (const page of ['GET /console', 'POST /console/sign-out', 'GET /console/staff', 'POST /console/staff/invite', 'POST /console/staff/remove', 'GET /console/audit']) expect(listed).toContain(page);
    expect(guarded.length).toBe(routes.length - PUBLIC.length);
  });

  it('without a session: a page goes to sign-in, anything else is refused 401, and nothing changes', async () => {
    for (const route of guarded) {
      const response = await unchanged(route, {});
      if (route.method === 'GET' || route.method === 'HEAD') {
        expect(response.status, `${route.method} ${route.path}`).toBe(303);
        expect(response.headers.get('location')).toMatch(/^\/console\/sign-in\?next=/);
      } else expect(response.status, `${route.method} ${route.path}`).toBe(401);
      // A session id nobody was given is no session either.
      expect((await unchanged(route, { session: 'x'.repeat(43), csrf: 'y' })).status, `${route.method} ${route.path} with a made-up session`).toBe(route.method === 'GET' ? 303 : 401);
    }
  });

  it('with each role too small for a route: refused 403, and nothing changes', async () => {
    let refusals = 0;
    for (const route of guarded) {
      for (const role of ROLES.slice(0, ROLES.indexOf(route.role))) {
        const response = await unchanged(route, { session: sessions[role].sessionId, csrf: sessions[role].csrf });
        expect(response.status, `${role} ${route.method} ${route.path}`).toBe(403);
        refusals++;
      }
    }
    // Staff and the audit log are admins' at least.
    expect(refusals).toBeGreaterThanOrEqual(8);
  });

  it('with a role large enough, the route answers (its own answer, not a refusal)', async () => {
    for (const route of guarded) {
      for (const role of ROLES.slice(ROLES.indexOf(route.role))) {
        const fresh = await signedIn(ledger, role);
        const response = await request(app, route.method, route.path, { session: fresh.sessionId, csrf: fresh.csrf });
        expect([401, 403], `${role} ${route.method} ${route.path}: ${response.status}`).not.toContain(response.status);
        expect(response.status, `${role} ${route.method} ${route.path}`).toBeLessThan(500);
        expect(response.headers.get('location') ?? '').not.toMatch(/^\/console\/sign-in\?next=/);
      }
    }
  });

  it("each page in the navigation needs the role the navigation offers it to", () => {
    for (const item of NAV) {
      const page = routes.find((r) => r.method === 'GET' && r.path === item.href);
      // A page not built yet is simply not listed; once it is, its gate must match its link.
      if (page) expect(page.role, item.href).toBe(item.role);
    }
    expect(routes.find((r) => r.path === '/console/staff')?.role).toBe('admin');
    expect(routes.find((r) => r.path === '/console/audit')?.role).toBe('admin');
  });

  it('a route that changes things needs more than a viewer', () => {
    for (const route of guarded) {
      if (route.method === 'GET' || route.method === 'HEAD' || ANY_ROLE_MAY_POST.includes(`${route.method} ${route.pattern}`)) continue;
      expect(ROLES.indexOf(route.role), `${route.method} ${route.pattern} is open to viewers`).toBeGreaterThan(0);
    }
  });

  it('a state-changing request without the token, with a wrong one, or from another site is refused 403, and nothing changes', async () => {
    const admin = sessions.admin;
    const changing = guarded.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(changing.length).toBeGreaterThan(0);
    for (const route of changing) {
      const label = `${route.method} ${route.path}`;
      expect((await unchanged(route, { session: admin.sessionId })).status, `${label} without a token`).toBe(403);
      expect((await unchanged(route, { session: admin.sessionId, csrf: sessions.viewer.csrf })).status, `${label} with another session's token`).toBe(403);
      expect((await unchanged(route, { session: admin.sessionId, csrf: admin.csrf, origin: 'https://attacker.example' })).status, `${label} from another origin`).toBe(403);
      expect(
        (await unchanged(route, { session: admin.sessionId, csrf: admin.csrf, origin: null, headers: { 'sec-fetch-site': 'cross-site' } })).status,
        `${label} from another site (Sec-Fetch-Site)`,
      ).toBe(403);
    }
  });

  it('every console answer forbids framing and caching, and runs only its own scripts', async () => {
    for (const route of routes) {
      const response = await request(app, route.method, route.path, {});
      expect(response.headers.get('content-security-policy'), route.path).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('content-security-policy'), route.path).toMatch(/script-src 'self'(;|$)/);
      expect(response.headers.get('x-frame-options'), route.path).toBe('DENY');
      if (!route.pattern.startsWith('/console/assets/')) expect(response.headers.get('cache-control'), route.path).toBe('no-store');
    }
  });
});
