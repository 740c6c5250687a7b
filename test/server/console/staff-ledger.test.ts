/**
 * The console's staff in the ledger, on SQLite and PostgreSQL: an invitation works once and not after
 * it runs out or is replaced; enrolling replaces a staff member's passkeys and sessions; a session ends
 * when idle, at its absolute end, at sign-out and when its person is removed; secrets are kept only as
 * hashes; every change is in the audit log, which the database refuses to change.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { INVITATION_TTL_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sha256 } from '../../../src/server/ledger/staff.js';
import { BACKENDS, openTestLedger } from '../helpers.js';
import { LETTER } from './support.js';

const token = () => randomBytes(32).toString('base64url');
const passkey = () => ({ id: randomBytes(16).toString('base64url'), publicKey: randomBytes(77).toString('base64url'), counter: 0, backedUp: true, transports: ['internal'] });
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const MINUTE = 60_000;

describe.each(BACKENDS)('staff in the ledger (%s)', (backend) => {
  let ledger: Ledger;
  let drop: () => Promise<void>;
  beforeEach(async () => ({ ledger, drop } = await openTestLedger(backend)));
  afterEach(() => drop());

  const invite = async (email: string, role: 'viewer' | 'treasurer' | 'admin' = 'viewer', now = new Date(), name?: string) => {
    const secret = token();
    const made = await ledger.inviteStaff({ email, role, by: 'cli:ops', token: secret, letter: LETTER, now, ...(name ? { name } : {}) });
    return { ...made, token: secret };
  };
  const audit = () => ledger.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

  it('an invitation opens once: after enrolment its token opens nothing, and a second enrolment through it is refused', async () => {
    const { token: secret, id } = await invite('Ana@Mira.example', 'admin', new Date(), 'Ana');
    const opened = await ledger.staff.invitation(secret);
    expect(opened).toMatchObject({ id, role: 'admin', staff: { email: 'ana@mira.example', name: 'Ana' } });
    expect(await ledger.staff.enrol(id, passkey())).toMatchObject({ staff: { email: 'ana@mira.example', role: 'admin' } });
    expect(await ledger.staff.invitation(secret)).toBeUndefined();
    expect(await ledger.staff.enrol(id, passkey())).toBeUndefined();
    expect(await ledger.db.selectFrom('staff_passkeys').select('id').execute()).toHaveLength(1);
  });

  it('two enrolments racing on one invitation make one passkey', async () => {
    const { id } = await invite('race@mira.example');
    const results = await Promise.allSettled([ledger.staff.enrol(id, passkey()), ledger.staff.enrol(id, passkey())]);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value).length).toBe(1);
    expect(await ledger.db.selectFrom('staff_passkeys').select('id').execute()).toHaveLength(1);
  });

  it('an invitation runs out after 72 hours, and a newer one for the same person replaces it', async () => {
    const start = new Date('2026-12-20T10:00:00Z');
    const first = await invite('bea@mira.example', 'viewer', start);
    expect(await ledger.staff.invitation(first.token, later(start, INVITATION_TTL_MS - MINUTE))).toBeDefined();
    expect(await ledger.staff.invitation(first.token, later(start, INVITATION_TTL_MS))).toBeUndefined();
    expect(await ledger.staff.enrol(first.id, passkey(), later(start, INVITATION_TTL_MS + MINUTE))).toBeUndefined();

    const second = await invite('bea@mira.example', 'viewer', start);
    const third = await invite('bea@mira.example', 'treasurer', start);
    expect(await ledger.staff.invitation(second.token, start)).toBeUndefined();
    expect(await ledger.staff.enrol(second.id, passkey(), start)).toBeUndefined();
    expect(await ledger.staff.invitation(third.token, start)).toMatchObject({ role: 'treasurer' });
    expect((await ledger.staff.pending(start)).map((p) => p.role)).toEqual(['treasurer']);
  });

  it('keeps only hashes of tokens and session ids', async () => {
    const { token: secret, id } = await invite('cy@mira.example');
    const enrolled = (await ledger.staff.enrol(id, passkey()))!;
    const invitation = await ledger.db.selectFrom('staff_invitations').selectAll().executeTakeFirstOrThrow();
    expect(invitation.token_hash).toBe(sha256(secret));
    const rows = JSON.stringify([invitation, await ledger.db.selectFrom('staff_sessions').selectAll().execute(), await ledger.db.selectFrom('staff').selectAll().execute(), await audit()]);
    expect(rows).not.toContain(secret);
    expect(rows).not.toContain(enrolled.sessionId);
  });

  it('enrolling through a new invitation replaces the old passkey, ends the old sessions and gives the invitation\'s role', async () => {
    const first = await invite('dan@mira.example', 'viewer');
    const old = passkey();
    const before = (await ledger.staff.enrol(first.id, old))!;
    const second = await invite('dan@mira.example', 'treasurer');
    // Until the new passkey is made, the old one and its role stand.
    expect(await ledger.staff.session(before.sessionId)).toMatchObject({ staff: { role: 'viewer' } });
    const after = (await ledger.staff.enrol(second.id, passkey()))!;
    expect(after.staff.role).toBe('treasurer');
    expect(await ledger.staff.passkey(old.id)).toBeUndefined();
    expect(await ledger.staff.session(before.sessionId)).toBeUndefined();
    expect(await ledger.staff.session(after.sessionId)).toMatchObject({ staff: { email: 'dan@mira.example', role: 'treasurer' } });
    expect(await ledger.staff.list()).toMatchObject([{ email: 'dan@mira.example', passkeys: 1 }]);
  });

  it('a session ends after 30 minutes idle, lives on while used, and ends 12 hours after sign-in whatever the use', async () => {
    const start = new Date('2026-12-20T08:00:00Z');
    const { id } = await invite('eve@mira.example', 'viewer', start);
    const { sessionId } = (await ledger.staff.enrol(id, passkey(), start))!;
    expect(await ledger.staff.session(sessionId, later(start, SESSION_IDLE_MS - MINUTE))).toBeDefined();
    expect(await ledger.staff.session(sessionId, later(start, SESSION_IDLE_MS))).toBeUndefined();

    // Used every 20 minutes, it lasts until its absolute end.
    let at = start;
    while (at.getTime() + 20 * MINUTE < start.getTime() + SESSION_ABSOLUTE_MS) {
      at = later(at, 20 * MINUTE);
      const state = await ledger.staff.session(sessionId, at);
      expect(state, at.toISOString()).toBeDefined();
      if (state!.stale) await ledger.staff.touchSession(sessionId, at);
    }
    expect(await ledger.staff.session(sessionId, later(start, SESSION_ABSOLUTE_MS))).toBeUndefined();
  });

  it('a session says when its last use is worth writing: not more than once a minute', async () => {
    const start = new Date();
    const { id } = await invite('fay@mira.example', 'viewer', start);
    const { sessionId } = (await ledger.staff.enrol(id, passkey(), start))!;
    expect((await ledger.staff.session(sessionId, later(start, 30_000)))!.stale).toBe(false);
    expect((await ledger.staff.session(sessionId, later(start, MINUTE)))!.stale).toBe(true);
  });

  it('signing out ends the session in the ledger', async () => {
    const { id } = await invite('gus@mira.example');
    const { sessionId } = (await ledger.staff.enrol(id, passkey()))!;
    await ledger.staff.endSession(sessionId);
    expect(await ledger.staff.session(sessionId)).toBeUndefined();
  });

  it('removing someone ends their sessions, passkeys and invitations at once; the audit log still names them', async () => {
    const { id } = await invite('hal@mira.example', 'admin');
    const key = passkey();
    const { sessionId, staff } = (await ledger.staff.enrol(id, key))!;
    const pending = await invite('hal@mira.example', 'admin');
    expect(await ledger.staff.remove('HAL@mira.example', 'cli:ops')).toMatchObject({ email: 'hal@mira.example' });
    expect(await ledger.staff.session(sessionId)).toBeUndefined();
    expect(await ledger.staff.passkey(key.id)).toBeUndefined();
    expect(await ledger.staff.invitation(pending.token)).toBeUndefined();
    expect(await ledger.staff.list()).toEqual([]);
    expect(await ledger.staff.remove('hal@mira.example', 'cli:ops')).toBeUndefined();
    expect((await ledger.staff.names([staff.id])).get(staff.id)).toBe('hal@mira.example');
  });

  it('writes who changed what to the audit log: invitations, enrolments and removals', async () => {
    const { id, staffId } = await invite('ida@mira.example', 'treasurer', new Date(), 'Ida');
    await ledger.staff.enrol(id, passkey());
    await ledger.staff.remove('ida@mira.example', 'admin-id');
    const rows = await audit();
    expect(rows.map((r) => [r.actor, r.action, r.subject])).toEqual([
      ['cli:ops', 'staff.invite', `staff:${staffId}`],
      [staffId, 'staff.enrol', `staff:${staffId}`],
      ['admin-id', 'staff.remove', `staff:${staffId}`],
    ]);
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ email: 'ida@mira.example', name: 'Ida', role: 'treasurer' });
    expect(JSON.parse(rows[1]!.before!)).toEqual({ role: 'treasurer', passkeys: 0 });
    expect(JSON.parse(rows[2]!.before!)).toMatchObject({ email: 'ida@mira.example', role: 'treasurer', passkeys: 1 });
  });

  it('the audit log cannot be changed or emptied, not even by a direct statement', async () => {
    await invite('jo@mira.example');
    const before = await audit();
    await expect(ledger.db.updateTable('audit_log').set({ actor: 'someone else' }).execute()).rejects.toThrow(/append-only/);
    await expect(ledger.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    if (backend === 'postgres') await expect(sql`TRUNCATE audit_log`.execute(ledger.db)).rejects.toThrow(/append-only/);
    expect(await audit()).toEqual(before);
  });

  it('a challenge is answered once, for its purpose and invitation, before it runs out', async () => {
    const now = new Date();
    await ledger.staff.saveChallenge('c1', 'sign_in', undefined, now);
    expect(await ledger.staff.takeChallenge('c1', 'enrol', undefined, now)).toBe(false);
    expect(await ledger.staff.takeChallenge('c1', 'sign_in', undefined, now)).toBe(true);
    expect(await ledger.staff.takeChallenge('c1', 'sign_in', undefined, now)).toBe(false);
    await ledger.staff.saveChallenge('c2', 'enrol', 'inv-1', now);
    expect(await ledger.staff.takeChallenge('c2', 'enrol', 'inv-2', now)).toBe(false);
    expect(await ledger.staff.takeChallenge('c2', 'enrol', 'inv-1', later(now, 5 * MINUTE))).toBe(false);
  });

  it('queues the invitation letter with its words fixed, for the worker to send as it is', async () => {
    await invite('kim@mira.example');
    const [letter] = await ledger.outbox.list();
    expect(letter).toMatchObject({ kind: 'staff_invitation', status: 'queued', recipient: 'kim@mira.example', subject: LETTER.subject, html: LETTER.html, text: LETTER.text });
  });
});
