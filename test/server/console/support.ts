/**
 * The console in-process: the whole endpoint's app on a ledger of its own, staff members signed in
 * as a browser would be (an invitation used, a passkey kept, a session's cookie), and requests made
 * the way the console's pages make them.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createApp } from '../../../src/server/app.js';
import type { Role } from '../../../src/server/console/access.js';
import { csrfTokenFor, SESSION_COOKIE } from '../../../src/server/console/session.js';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { silentLog } from '../../../src/server/log.js';
import { PROJECT_ROOT } from '../../../src/server/server.js';
import { createStripe } from '../../../src/server/stripe/client.js';
import { StripeGateway } from '../../../src/server/stripe/gateway.js';
import { openTestLedger, testConfig } from '../helpers.js';

export const ORIGIN = 'https://donate.example.org';

export const LETTER = { subject: 'Invitation', html: '<p>link</p>', text: 'link' };

export async function openConsole(backend: 'sqlite' | 'postgres' = 'sqlite', env: Record<string, string> = {}) {
  const { ledger, drop } = await openTestLedger(backend);
  const config = testConfig(undefined, { PUBLIC_URL: ORIGIN, ...env });
  const stripe = createStripe(config.stripe);
  const app = createApp({ config, ledger, stripe, gateway: new StripeGateway(stripe), log: silentLog, root: PROJECT_ROOT });
  return { app, ledger, config, close: drop };
}

export type ConsoleApp = Awaited<ReturnType<typeof openConsole>>['app'];

let counter = 0;

/** A staff member of `role`, enrolled through an invitation, and the id of a session of theirs. */
export async function signedIn(ledger: Ledger, role: Role, email = `${role}${++counter}@mira.example`) {
  const token = randomBytes(32).toString('base64url');
  const invitation = await ledger.staff.invite({ email, name: `A ${role}`, role, by: 'cli:test', token, letter: LETTER });
  const passkey = { id: randomBytes(16).toString('base64url'), publicKey: randomBytes(77).toString('base64url'), counter: 0, backedUp: false };
  const enrolled = await ledger.staff.enrol(invitation.id, passkey);
  if (!enrolled) throw new Error('enrolment refused');
  return { staff: enrolled.staff, sessionId: enrolled.sessionId, csrf: csrfTokenFor(enrolled.sessionId), passkeyId: passkey.id };
}

export interface ConsoleRequest {
  session?: string;
  /** The hidden field's value; sent with a form body. */
  csrf?: string;
  /** Default: the console's own origin (what a browser sends on a form post from a console page). */
  origin?: string | null;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export function request(app: ConsoleApp, method: string, path: string, init: ConsoleRequest = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.session) headers.cookie = `${SESSION_COOKIE}=${init.session}`;
  const origin = init.origin === undefined ? ORIGIN : init.origin;
  if (origin && method !== 'GET' && method !== 'HEAD') headers.origin = origin;
  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const form = new URLSearchParams({ ...init.form, ...(init.csrf ? { csrf: init.csrf } : {}) });
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    body = form.toString();
  }
  return app.request(`http://donate.example.org${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
}

/** Every row of every table, to say "nothing changed" (SQLite). */
export async function snapshot(ledger: Ledger): Promise<string> {
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(ledger.db);
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) dump[name] = (await sql`SELECT * FROM ${sql.table(name)} ORDER BY 1`.execute(ledger.db)).rows;
  return JSON.stringify(dump);
}
