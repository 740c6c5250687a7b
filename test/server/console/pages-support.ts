/**
 * The console's pages on their own: their sub-apps mounted under a tiny middleware that says who is
 * signed in (as requireSession does), beside the real endpoint of a harness, on the same ledger.
 * What sign-in itself refuses is tested through the whole app (routes.test.ts, support.ts).
 */
import { Hono } from 'hono';
import type { ConsoleEnv, Role, StaffMember } from '../../../src/server/console/access.js';
import { campaignPages } from '../../../src/server/console/campaigns.js';
import { sitePages } from '../../../src/server/console/sites.js';
import { consoleErrors } from '../../../src/server/console/refusal.js';
import { silentLog } from '../../../src/server/log.js';
import { PROJECT_ROOT } from '../../../src/server/server.js';
import { StripeGateway } from '../../../src/server/stripe/gateway.js';
import type { Harness } from '../helpers.js';

export const CSRF = 'test-csrf-token';

export const STAFF: Record<Role, StaffMember> = {
  viewer: { id: 'staff-viewer', email: 'vera@example.org', name: 'Vera', role: 'viewer' },
  treasurer: { id: 'staff-treasurer', email: 'tomas@example.org', name: 'Tomás', role: 'treasurer' },
  admin: { id: 'staff-admin', email: 'ana@example.org', name: 'Ana', role: 'admin' },
};

export interface ConsoleClient {
  get(path: string): Promise<{ status: number; html: string }>;
  post(path: string, fields: Record<string, string>): Promise<{ status: number; html: string; location: string | null }>;
}

/** The console as `role` sees it. */
export function consoleAs(h: Harness, role: Role): ConsoleClient {
  const app = new Hono<ConsoleEnv>();
  // As the whole console does: a role too small is refused as a page (requireRole throws the refusal).
  app.onError(consoleErrors(silentLog));
  app.use('*', async (c, next) => {
    c.set('staff', STAFF[role]);
    c.set('csrfToken', CSRF);
    await next();
  });
  const services = { config: h.config, ledger: h.ledger, stripe: h.stripe, gateway: new StripeGateway(h.stripe), log: silentLog, root: PROJECT_ROOT };
  app.route('/console/campaigns', campaignPages(services));
  app.route('/console/sites', sitePages(services));
  return {
    async get(path) {
      const response = await app.request(path);
      return { status: response.status, html: await response.text() };
    },
    async post(path, fields) {
      const response = await app.request(path, { method: 'POST', body: new URLSearchParams({ csrf: CSRF, ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return { status: response.status, html: await response.text(), location: response.headers.get('location') };
    },
  };
}

/** Every audit row, oldest first, with its before and after parsed. */
export async function auditLog(h: Harness) {
  const rows = await h.ledger.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ ...r, before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after) }));
}

/** Text of the page with tags removed and entities read, to look for what a person reads. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
