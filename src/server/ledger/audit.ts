/**
 * The audit log: every change made in the console or the CLI, who made it, when, and what it was
 * before and after. Written in the same transaction as the change; there is no way to edit it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export interface AuditEntry {
  /** A staff member's id, or `cli:<user>` for a command run on the server. */
  actor: string;
  /** What was done, as `area.verb`: `offline_gift.void`, `campaign.update`, `site.add`, `staff.invite`… */
  action: string;
  /** What it was done to: `donation:<id>`, `campaign:<id>`, `site:<origin>`, `staff:<id>`. */
  subject: string;
  before?: unknown;
  after?: unknown;
  /** Why, where the change asks for one (a correction, a void). */
  reason?: string;
}

export async function recordAudit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
    })
    .execute();
}
