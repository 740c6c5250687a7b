/**
 * The console's staff in the ledger: members, one-time invitations, passkeys, sessions and the
 * WebAuthn challenges in flight. Secrets (an invitation's token, a session's id) reach the ledger
 * only as SHA-256 hashes, so a copy of the database signs nobody in. Every change writes the audit
 * log in its own transaction.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Role, StaffMember } from '../console/access.js';
import { recordAudit } from './audit.js';
import { queueMessage } from './outbox.js';
import type { Database, StaffTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** How long an invitation link works, and how long a session lasts idle and at most. */
export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** A session's last use is written at most this often: reading a page is not a write each time. */
export const SESSION_TOUCH_MS = 60 * 1000;
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** 32 random bytes, base64url: an invitation token or a session id. */
export const newSecret = () => randomBytes(32).toString('base64url');

const member = (row: Pick<Selectable<StaffTable>, 'id' | 'email' | 'name' | 'role'>): StaffMember => ({ id: row.id, email: row.email, name: row.name, role: row.role });

export interface StaffListing extends StaffMember {
  passkeys: number;
  lastSignIn: string | null;
  createdAt: string;
}

export interface PendingInvitation {
  id: string;
  email: string;
  name: string;
  role: Role;
  invitedBy: string;
  expiresAt: string;
}

export interface NewInvitation {
  email: string;
  name?: string;
  role: Role;
  /** A staff id, or `cli:<user>`. */
  by: string;
  /** The token (the link's secret); only its hash is kept. */
  token: string;
  /** The letter carrying the link, rendered now: the outbox keeps its copy (it cannot be written again later). */
  letter: { subject: string; html: string; text: string };
  now?: Date;
}

export interface Invitation {
  id: string;
  staff: StaffMember;
  role: Role;
  userHandle: string;
  expiresAt: string;
}

export interface NewPasskey {
  id: string;
  publicKey: string;
  counter: number;
  transports?: string[];
  backedUp: boolean;
}

export interface StoredPasskey {
  id: string;
  publicKey: string;
  counter: number;
  transports: string[];
  staff: StaffMember;
  userHandle: string;
}

export interface SessionState {
  staff: StaffMember;
  /** Whether the caller should write its last use now (see SESSION_TOUCH_MS). */
  stale: boolean;
}

export class StaffLedger {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * An invitation to enrol a passkey for `email`: the staff member is added if new (with the
   * invitation's role) or taken back if removed; someone already on the staff keeps their role and
   * passkeys until they enrol through it. Queues the letter, and writes the audit log.
   */
  async invite(invitation: NewInvitation): Promise<{ id: string; staffId: string; expiresAt: string }> {
    const now = invitation.now ?? new Date();
    const at = now.toISOString();
    const email = invitation.email.trim().toLowerCase();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
    return this.db.transaction().execute(async (trx) => {
      let staff = await trx.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
      const name = invitation.name?.trim() || staff?.name || email;
      if (!staff) {
        staff = { id: randomUUID(), email, name, role: invitation.role, user_handle: randomBytes(32).toString('base64url'), created_at: at, removed_at: null };
        await trx.insertInto('staff').values(staff).execute();
      } else if (staff.removed_at) {
        // Taken back as someone new: no passkey or session of before survives removal anyway.
        await trx.updateTable('staff').set({ removed_at: null, role: invitation.role, name }).where('id', '=', staff.id).execute();
      } else if (invitation.name?.trim()) {
        await trx.updateTable('staff').set({ name }).where('id', '=', staff.id).execute();
      }
      // One link at a time: an earlier one not yet used stops working.
      await trx.updateTable('staff_invitations').set({ revoked_at: at }).where('staff_id', '=', staff.id).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
      const id = randomUUID();
      await trx
        .insertInto('staff_invitations')
        .values({ id, token_hash: sha256(invitation.token), staff_id: staff.id, role: invitation.role, invited_by: invitation.by, created_at: at, expires_at: expiresAt, used_at: null, revoked_at: null })
        .execute();
      await queueMessage(trx, { key: `staff_invitation:${id}`, kind: 'staff_invitation', language: 'en', recipient: email, rendered: invitation.letter }, at);
      await recordAudit(trx, {
        actor: invitation.by,
        action: 'staff.invite',
        subject: `staff:${staff.id}`,
        before: staff.removed_at ? { removed: true } : staff.created_at === at ? undefined : { email, name: staff.name, role: staff.role },
        after: { email, name, role: invitation.role, expiresAt },
      });
      return { id, staffId: staff.id, expiresAt };
    });
  }

  /** The invitation a token opens, if it is still good: not used, not replaced, not expired, its person not removed. */
  async invitation(token: string, now = new Date()): Promise<Invitation | undefined> {
    const row = await this.db
      .selectFrom('staff_invitations as i')
      .innerJoin('staff as s', 's.id', 'i.staff_id')
      .select(['i.id', 'i.role', 'i.expires_at', 'i.used_at', 'i.revoked_at', 's.id as staff_id', 's.email', 's.name', 's.role as staff_role', 's.user_handle', 's.removed_at'])
      .where('i.token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.used_at || row.revoked_at || row.removed_at || row.expires_at <= now.toISOString()) return undefined;
    return { id: row.id, role: row.role, userHandle: row.user_handle, expiresAt: row.expires_at, staff: member({ id: row.staff_id, email: row.email, name: row.name, role: row.staff_role }) };
  }

  /**
   * Enrols a passkey through an invitation, once: the invitation is used up in the same statement
   * that checks it, so two enrolments racing on one link make one passkey. The staff member's
   * earlier passkeys and sessions go (a lost passkey is replaced, not added to). Returns a session id.
   */
  async enrol(invitationId: string, passkey: NewPasskey, now = new Date()): Promise<{ staff: StaffMember; sessionId: string } | undefined> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('staff_invitations')
        .set({ used_at: at })
        .where('id', '=', invitationId)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(['staff_id', 'role'])
        .executeTakeFirst();
      if (!used) return undefined;
      const before = await trx.selectFrom('staff').selectAll().where('id', '=', used.staff_id).where('removed_at', 'is', null).executeTakeFirst();
      if (!before) return undefined;
      const replaced = await trx.deleteFrom('staff_passkeys').where('staff_id', '=', before.id).executeTakeFirst();
      await trx.deleteFrom('staff_sessions').where('staff_id', '=', before.id).execute();
      await trx.updateTable('staff').set({ role: used.role }).where('id', '=', before.id).execute();
      await trx
        .insertInto('staff_passkeys')
        .values({
          id: passkey.id,
          staff_id: before.id,
          public_key: passkey.publicKey,
          counter: passkey.counter,
          transports: passkey.transports?.length ? JSON.stringify(passkey.transports) : null,
          backed_up: passkey.backedUp ? 1 : 0,
          created_at: at,
          last_used_at: at,
        })
        .execute();
      await recordAudit(trx, {
        actor: before.id,
        action: 'staff.enrol',
        subject: `staff:${before.id}`,
        before: { role: before.role, passkeys: Number(replaced.numDeletedRows) },
        after: { role: used.role, passkeys: 1 },
      });
      const sessionId = await createSession(trx, before.id, now);
      return { staff: member({ ...before, role: used.role }), sessionId };
    });
  }

  async passkey(credentialId: string): Promise<StoredPasskey | undefined> {
    const row = await this.db
      .selectFrom('staff_passkeys as p')
      .innerJoin('staff as s', 's.id', 'p.staff_id')
      .select(['p.id', 'p.public_key', 'p.counter', 'p.transports', 's.id as staff_id', 's.email', 's.name', 's.role', 's.user_handle'])
      .where('p.id', '=', credentialId)
      .where('s.removed_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      publicKey: row.public_key,
      counter: Number(row.counter),
      transports: row.transports ? (JSON.parse(row.transports) as string[]) : [],
      userHandle: row.user_handle,
      staff: member({ id: row.staff_id, email: row.email, name: row.name, role: row.role }),
    };
  }

  /** A verified sign-in: the passkey's counter kept, and a new session. */
  async signIn(passkey: StoredPasskey, counter: number, now = new Date()): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_passkeys').set({ counter, last_used_at: now.toISOString() }).where('id', '=', passkey.id).execute();
      return createSession(trx, passkey.staff.id, now);
    });
  }

  /** The signed-in staff member of a session id, with their role as it is now; undefined once it has ended. */
  async session(sessionId: string, now = new Date()): Promise<SessionState | undefined> {
    const row = await this.db
      .selectFrom('staff_sessions as x')
      .innerJoin('staff as s', 's.id', 'x.staff_id')
      .select(['x.last_seen_at', 'x.expires_at', 's.id', 's.email', 's.name', 's.role', 's.removed_at'])
      .where('x.id_hash', '=', sha256(sessionId))
      .executeTakeFirst();
    if (!row || row.removed_at) return undefined;
    const t = now.getTime();
    if (t >= Date.parse(row.expires_at) || t >= Date.parse(row.last_seen_at) + SESSION_IDLE_MS) return undefined;
    return { staff: member(row), stale: t >= Date.parse(row.last_seen_at) + SESSION_TOUCH_MS };
  }

  async touchSession(sessionId: string, now = new Date()): Promise<void> {
    await this.db.updateTable('staff_sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', sha256(sessionId)).execute();
  }

  async endSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('id_hash', '=', sha256(sessionId)).execute();
  }

  /** Sessions long over, and challenges never answered: nothing reads them, so they go. */
  async sweep(now = new Date()): Promise<void> {
    const at = now.toISOString();
    await this.db.deleteFrom('staff_sessions').where((eb) => eb.or([eb('expires_at', '<=', at), eb('last_seen_at', '<=', new Date(now.getTime() - SESSION_IDLE_MS).toISOString())])).execute();
    await this.db.deleteFrom('webauthn_challenges').where('expires_at', '<=', at).execute();
  }

  async saveChallenge(challenge: string, purpose: 'enrol' | 'sign_in', invitationId?: string, now = new Date()): Promise<void> {
    await this.db
      .insertInto('webauthn_challenges')
      .values({ challenge, purpose, invitation_id: invitationId ?? null, expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString() })
      .execute();
  }

  /** Takes a challenge this ledger handed out for `purpose` (and the invitation), once; false if unknown, used or expired. */
  async takeChallenge(challenge: string, purpose: 'enrol' | 'sign_in', invitationId?: string, now = new Date()): Promise<boolean> {
    let query = this.db.deleteFrom('webauthn_challenges').where('challenge', '=', challenge).where('purpose', '=', purpose).where('expires_at', '>', now.toISOString());
    if (invitationId) query = query.where('invitation_id', '=', invitationId);
    const taken = await query.executeTakeFirst();
    return Number(taken.numDeletedRows) === 1;
  }

  /** Removes a staff member: their passkeys, sessions and open invitations go; the row stays so the audit log still names them. */
  async remove(email: string, by: string, now = new Date()): Promise<StaffMember | undefined> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('staff').selectAll().where('email', '=', email.trim().toLowerCase()).where('removed_at', 'is', null).executeTakeFirst();
      if (!row) return undefined;
      const passkeys = await trx.deleteFrom('staff_passkeys').where('staff_id', '=', row.id).executeTakeFirst();
      await trx.deleteFrom('staff_sessions').where('staff_id', '=', row.id).execute();
      await trx.updateTable('staff_invitations').set({ revoked_at: at }).where('staff_id', '=', row.id).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
      await trx.updateTable('staff').set({ removed_at: at }).where('id', '=', row.id).execute();
      await recordAudit(trx, {
        actor: by,
        action: 'staff.remove',
        subject: `staff:${row.id}`,
        before: { email: row.email, name: row.name, role: row.role, passkeys: Number(passkeys.numDeletedRows) },
        after: { removed: true },
      });
      return member(row);
    });
  }

  async find(email: string): Promise<StaffMember | undefined> {
    const row = await this.db.selectFrom('staff').selectAll().where('email', '=', email.trim().toLowerCase()).where('removed_at', 'is', null).executeTakeFirst();
    return row ? member(row) : undefined;
  }

  /** Everyone on the staff (not removed), with how many passkeys each has and when they last signed in. */
  async list(): Promise<StaffListing[]> {
    const rows = await this.db
      .selectFrom('staff as s')
      .leftJoin('staff_passkeys as p', 'p.staff_id', 's.id')
      .select((eb) => ['s.id', 's.email', 's.name', 's.role', 's.created_at', eb.fn.count<number>('p.id').as('passkeys'), eb.fn.max('p.last_used_at').as('last_sign_in')])
      .where('s.removed_at', 'is', null)
      .groupBy(['s.id', 's.email', 's.name', 's.role', 's.created_at'])
      .orderBy('s.email')
      .execute();
    return rows.map((r) => ({ ...member(r), passkeys: Number(r.passkeys), lastSignIn: (r.last_sign_in as string | null) ?? null, createdAt: r.created_at }));
  }

  /** Invitations not yet used, replaced or expired. */
  async pending(now = new Date()): Promise<PendingInvitation[]> {
    const rows = await this.db
      .selectFrom('staff_invitations as i')
      .innerJoin('staff as s', 's.id', 'i.staff_id')
      .select(['i.id', 's.email', 's.name', 'i.role', 'i.invited_by', 'i.expires_at'])
      .where('i.used_at', 'is', null)
      .where('i.revoked_at', 'is', null)
      .where('i.expires_at', '>', now.toISOString())
      .where('s.removed_at', 'is', null)
      .orderBy('i.expires_at')
      .execute();
    return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, invitedBy: r.invited_by, expiresAt: r.expires_at }));
  }

  /** Names for the audit log's actors and subjects: staff id to email (removed staff included). */
  async names(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('staff').select(['id', 'email']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.email]));
  }
}

async function createSession(db: Db, staffId: string, now: Date): Promise<string> {
  const id = newSecret();
  const at = now.toISOString();
  await db
    .insertInto('staff_sessions')
    .values({ id_hash: sha256(id), staff_id: staffId, created_at: at, last_seen_at: at, expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString() })
    .execute();
  return id;
}
