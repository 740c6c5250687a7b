/**
 * The console's sign-in over HTTP, in-process: a session ends when idle and at its absolute end (the
 * browser is sent back to sign-in, its cookie cleared); the passkey steps come from the console's
 * origin only, are rate-limited per address, and refuse a bad invitation or an unknown passkey with
 * stable codes; the staff page invites (the link shown once, the change in the audit log) and removes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ATTEMPTS_PER_WINDOW } from '../../../src/server/console/limits.js';
import { csrfTokenFor } from '../../../src/server/console/session.js';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { BACKENDS } from '../helpers.js';
import { openConsole, ORIGIN, request, signedIn, snapshot, type ConsoleApp } from './support.js';

const MINUTE = 60_000;
const json = (app: ConsoleApp, path: string, body: unknown, headers: Record<string, string> = { origin: ORIGIN }) =>
  app.request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('console sign-in over HTTP', () => {
  let app: ConsoleApp;
  let ledger: Ledger;
  let close: () => Promise<void>;
  beforeEach(async () => ({ app, ledger, close } = await openConsole()));
  afterEach(async () => {
    vi.useRealTimers();
    await close();
  });

  it('sends a browser idle for 30 minutes back to sign-in, clears its cookie, and keeps a used session going until 12 hours', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2026-12-21T09:00:00Z');
    vi.setSystemTime(start);
    const idle = await signedIn(ledger, 'viewer');
    const busy = await signedIn(ledger, 'viewer');
    expect((await request(app, 'GET', '/console', { session: idle.sessionId })).status).toBe(200);

    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      vi.setSystemTime(new Date(start.getTime() + minutes * MINUTE));
      expect((await request(app, 'GET', '/console', { session: busy.sessionId })).status, `${minutes} minutes in`).toBe(200);
    }
    const gone = await request(app, 'GET', '/console/audit', { session: idle.sessionId });
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe('/console/sign-in?next=%2Fconsole%2Faudit');
    expect(gone.headers.get('set-cookie')).toMatch(/^__Host-mira-console=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Strict/);

    vi.setSystemTime(new Date(start.getTime() + 12 * 60 * MINUTE));
    expect((await request(app, 'GET', '/console', { session: busy.sessionId })).status).toBe(303);
  });

  it('signs out in the ledger: the same cookie opens nothing afterwards', async () => {
    const admin = await signedIn(ledger, 'admin');
    const out = await request(app, 'POST', '/console/sign-out', { session: admin.sessionId, csrf: admin.csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/console/sign-in?signed-out');
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await request(app, 'GET', '/console', { session: admin.sessionId })).status).toBe(303);
  });

  it('the sign-in page sends a signed-in browser on, and never to a page outside the console', async () => {
    const viewer = await signedIn(ledger, 'viewer');
    for (const [next, to] of [
      ['/console/gifts', '/console/gifts'],
      ['https://attacker.example/', '/console'],
      ['//attacker.example/console', '/console'],
      ['/console/../api', '/console'],
    ]) {
      const response = await request(app, 'GET', `/console/sign-in?next=${encodeURIComponent(next!)}`, { session: viewer.sessionId });
      expect(response.headers.get('location'), next).toBe(to);
    }
  });

  it('asks for discoverable passkeys for the console\'s domain, user verification preferred', async () => {
    const signIn = await json(app, '/console/sign-in/options', {});
    expect(signIn.status).toBe(200);
    expect((await signIn.json()).options).toMatchObject({ rpId: 'donate.example.org', userVerification: 'preferred', allowCredentials: [] });

    const token = 'T'.repeat(43);
    const { id } = await ledger.inviteStaff({ email: 'new@mira.example', name: 'New Person', role: 'treasurer', by: 'cli:ops', token, letter: { subject: 's', html: 'h', text: 't' } });
    const enrol = await json(app, '/console/enrol/options', { token });
    expect(enrol.status).toBe(200);
    const body = await enrol.json();
    expect(body).toMatchObject({ name: 'New Person', email: 'new@mira.example', role: 'treasurer' });
    expect(body.options).toMatchObject({ rp: { id: 'donate.example.org' }, user: { name: 'new@mira.example', displayName: 'New Person' }, attestation: 'none', authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' } });
    const challenges = await ledger.db.selectFrom('webauthn_challenges').selectAll().where('purpose', '=', 'enrol').execute();
    expect(challenges).toMatchObject([{ challenge: body.options.challenge, invitation_id: id }]);
  });

  it('refuses a used, made-up or missing invitation token alike, and an unknown passkey, with stable codes', async () => {
    for (const token of ['x'.repeat(43), '', 42, 'short']) {
      const response = await json(app, '/console/enrol/options', { token });
      expect(response.status).toBe(410);
      expect((await response.json()).error.code).toBe('invitation_invalid');
    }
    const unknown = await json(app, '/console/sign-in/verify', { response: { id: 'nobody', rawId: 'nobody', type: 'public-key', response: {} } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.code).toBe('passkey_unknown');
    const malformed = await json(app, '/console/sign-in/verify', ['not', 'an', 'object']);
    expect((await malformed.json()).error.code).toBe('request_invalid');
  });

  it('takes the passkey steps only from the console\'s own origin', async () => {
    const before = await snapshot(ledger);
    for (const headers of <Array<Record<string, string>>>[{ origin: 'https://attacker.example' }, { origin: 'http://donate.example.org' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }]) {
      const response = await json(app, '/console/sign-in/options', {}, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error.code).toBe('forgery_suspected');
    }
    expect(await snapshot(ledger)).toBe(before);
    expect((await json(app, '/console/sign-in/options', {}, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

});

describe('the staff page', () => {
  let app: ConsoleApp;
  let ledger: Ledger;
  let close: () => Promise<void>;
  beforeEach(async () => ({ app, ledger, close } = await openConsole()));
  afterEach(() => close());

  it('invites: the one-time link shown once, the letter queued, the admin named in the audit log', async () => {
    const admin = await signedIn(ledger, 'admin');
    const response = await request(app, 'POST', '/console/staff/invite', { session: admin.sessionId, csrf: admin.csrf, form: { email: 'Lia@Mira.example', name: 'Lia', role: 'treasurer' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    const link = /value="(https:\/\/donate\.example\.org\/console\/enrol#[\w-]{43})"/.exec(page)?.[1];
    expect(link).toBeDefined();
    const token = link!.split('#')[1]!;
    expect(await ledger.staff.invitation(token)).toMatchObject({ role: 'treasurer', staff: { email: 'lia@mira.example', name: 'Lia' } });
    expect((await ledger.outbox.list()).find((m) => m.kind === 'staff_invitation')).toMatchObject({ recipient: 'lia@mira.example', text: expect.stringContaining(link!) });
    const [entry] = await ledger.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.invite').where('actor', '=', admin.staff.id).execute();
    expect(JSON.parse(entry!.after!)).toMatchObject({ email: 'lia@mira.example', role: 'treasurer' });
    // Shown once: the staff page read again has no link.
    expect(await (await request(app, 'GET', '/console/staff', { session: admin.sessionId })).text()).not.toContain(token);
  });

  it('says what is wrong with an invitation, beside the field, and changes nothing', async () => {
    const admin = await signedIn(ledger, 'admin');
    const before = await snapshot(ledger);
    const response = await request(app, 'POST', '/console/staff/invite', { session: admin.sessionId, csrf: admin.csrf, form: { email: 'not an email', role: 'owner' } });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('role="alert"');
    expect(page).toMatch(/<p class="field-error" id="invite-email-error">Enter an email address like name@example.org.<\/p>/);
    expect(page).toMatch(/id="invite-email"[^>]*aria-invalid="true"[^>]*aria-describedby="invite-email-error"/);
    expect(page).toContain('Choose a role.');
    expect(await snapshot(ledger)).toBe(before);
  });

  it('removes someone, whose session then opens nothing; an admin cannot remove themselves', async () => {
    const admin = await signedIn(ledger, 'admin');
    const viewer = await signedIn(ledger, 'viewer');
    const removed = await request(app, 'POST', '/console/staff/remove', { session: admin.sessionId, csrf: admin.csrf, form: { email: viewer.staff.email } });
    expect(removed.status).toBe(303);
    expect((await request(app, 'GET', '/console', { session: viewer.sessionId })).status).toBe(303);
    const self = await request(app, 'POST', '/console/staff/remove', { session: admin.sessionId, csrf: admin.csrf, form: { email: admin.staff.email } });
    expect(self.status).toBe(400);
    expect(await ledger.staff.find(admin.staff.email)).toBeDefined();
    expect(csrfTokenFor(admin.sessionId)).toBe(admin.csrf);
  });

  it('the audit log page shows each change with who made it, and no route of the console changes it', async () => {
    const admin = await signedIn(ledger, 'admin');
    await request(app, 'POST', '/console/staff/invite', { session: admin.sessionId, csrf: admin.csrf, form: { email: 'mo@mira.example', role: 'viewer' } });
    const page = await (await request(app, 'GET', '/console/audit', { session: admin.sessionId })).text();
    expect(page).toMatch(new RegExp(`<td>${admin.staff.email.replace('.', '\\.')}</td><th scope="row">staff.invite</th><td>staff: mo@mira.example</td>`));
    expect(app.routes.filter((r) => r.path.startsWith('/console/audit') && r.method !== 'GET' && r.method !== 'ALL')).toEqual([]);
  });
});

describe.each(BACKENDS)('the console\'s rate limit (%s)', (backend) => {
  it(`allows ${ATTEMPTS_PER_WINDOW} passkey answers per address in 15 minutes, enrolments included`, async () => {
    const { app, close } = await openConsole(backend);
    try {
      const attempt = () => json(app, '/console/sign-in/verify', { response: { id: 'guess' } });
      for (let i = 0; i < ATTEMPTS_PER_WINDOW; i++) expect((await attempt()).status).toBe(400);
      const limited = await attempt();
      expect(limited.status).toBe(429);
      expect((await limited.json()).error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Enrolment answers share the count: guessing invitation tokens is no faster.
      expect((await json(app, '/console/enrol/verify', { token: 'y'.repeat(43) })).status).toBe(429);
    } finally {
      await close();
    }
  });
});
