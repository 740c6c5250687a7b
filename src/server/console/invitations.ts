/**
 * Inviting someone to the console, from the CLI or the staff page alike: a random token whose hash
 * the ledger keeps, a link carrying it in the fragment (never sent to a server, so never in a log or
 * a Referer), and the letter with the link queued in the outbox in the same transaction.
 */
import type { Config } from '../config.js';
import type { Ledger } from '../ledger/ledger.js';
import { INVITATION_TTL_MS, newSecret } from '../ledger/staff.js';
import { staffInvitationLetter } from '../mail/letters/staff-invitation.js';
import type { Role } from './access.js';
import { relyingParty } from './origin.js';

export interface InvitationRequest {
  email: string;
  name?: string;
  role: Role;
  /** A staff id, or `cli:<user>`. */
  by: string;
}

export interface SentInvitation {
  link: string;
  expiresAt: string;
  staffId: string;
}

export async function inviteStaff(ledger: Ledger, config: Pick<Config, 'ownOrigins' | 'port' | 'organization'>, request: InvitationRequest, now = new Date()): Promise<SentInvitation> {
  const token = newSecret();
  const link = `${relyingParty(config).origin}/console/enrol#${token}`;
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
  const existing = await ledger.staff.find(request.email);
  const name = request.name?.trim() || existing?.name || request.email.trim().toLowerCase();
  const letter = staffInvitationLetter({ organization: config.organization, name, role: request.role, link, expiresAt });
  const made = await ledger.inviteStaff({ email: request.email, name, role: request.role, by: request.by, token, letter, now });
  return { link, expiresAt: made.expiresAt, staffId: made.staffId };
}
