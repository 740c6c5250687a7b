/**
 * The outbox: mail the ledger owes, one row per message, queued in the same transaction as what
 * causes it (so a crash between counting a gift and sending its receipt loses nothing) under a
 * unique key inserted with ON CONFLICT DO NOTHING (so a redelivered or reordered webhook queues
 * nothing new).
 *
 * A worker claims one due row at a time: the claim marks it `sending` with a token, a lease and one
 * more attempt, in one statement (on PostgreSQL its candidate is picked FOR UPDATE SKIP LOCKED, so
 * two processes never claim the same row; SQLite has one writer). Every later change names the
 * token, so a worker whose lease ran out and whose row was claimed again changes nothing. A lease
 * that runs out (the process died mid-send) makes the row claimable again.
 */
import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, OutboxTable } from './schema.js';

type Trx = Transaction<Database>;

export type MessageKind = OutboxTable['kind'];
export type MessageStatus = OutboxTable['status'];

/** What the ledger queues as it counts gifts: the endpoint's configuration decides. */
export interface MailPolicy {
  receipts: boolean;
  tributeCards: boolean;
}

export const NO_MAIL: MailPolicy = { receipts: false, tributeCards: false };

export interface NewMessage {
  key: string;
  kind: MessageKind;
  language: string;
  recipient: string;
  paymentId?: string;
  donationId?: string;
  donorHash?: string;
  year?: number;
  subscription?: string;
  changeId?: string;
  /** A message whose words are fixed when it is queued (a staff invitation's one-time link): kept as its rendered copy. */
  rendered?: { subject: string; html: string; text: string };
}

/** Queues a message unless its key is known; true when it was new. */
export async function queueMessage(trx: Trx | Kysely<Database>, message: NewMessage, at: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('outbox')
    .values({
      key: message.key,
      kind: message.kind,
      language: message.language,
      recipient: message.recipient,
      payment_id: message.paymentId ?? null,
      donation_id: message.donationId ?? null,
      donor_hash: message.donorHash ?? null,
      year: message.year ?? null,
      subscription: message.subscription ?? null,
      change_id: message.changeId ?? null,
      ...(message.rendered ? { subject: message.rendered.subject, html: message.rendered.html, text: message.rendered.text } : {}),
      status: 'queued',
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The next receipt number of a year ("2026-000042"), taken in the caller's transaction: unique, and never given twice. */
export async function nextReceiptNumber(trx: Trx, year: number): Promise<string> {
  const row = await trx
    .insertInto('receipt_numbers')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`receipt_numbers.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${year}-${String(row.last).padStart(6, '0')}`;
}

/** The donation a counted payment belongs to, as far as its mail needs it. */
export interface GiftDonation {
  id: string;
  locale: string;
  donor_email: string | null;
  tribute_notify_email: string | null;
}

/**
 * In the transaction that counts a new payment: its receipt (with its number) and, the first time
 * one of the donation's payments is counted, the tribute card.
 */
export async function queueGiftMail(trx: Trx, payment: { id: string; paidAt: string }, donation: GiftDonation | undefined, policy: MailPolicy, at: string): Promise<boolean> {
  if (!donation) return false;
  let queued = false;
  if (policy.receipts && donation.donor_email) {
    const receiptNumber = await nextReceiptNumber(trx, new Date(payment.paidAt).getUTCFullYear());
    await trx.updateTable('payments').set({ receipt_number: receiptNumber }).where('id', '=', payment.id).execute();
    queued =
      (await queueMessage(trx, { key: `receipt:${payment.id}`, kind: 'receipt', language: donation.locale, recipient: donation.donor_email, paymentId: payment.id, donationId: donation.id }, at)) ||
      queued;
  }
  if (policy.tributeCards && donation.tribute_notify_email) {
    queued =
      (await queueMessage(
        trx,
        { key: `tribute:${donation.id}`, kind: 'tribute', language: donation.locale, recipient: donation.tribute_notify_email, paymentId: payment.id, donationId: donation.id },
        at,
      )) || queued;
  }
  return queued;
}

/** A claimed message, with the copy rendered at an earlier attempt if there was one. */
export interface ClaimedMessage {
  id: number;
  key: string;
  kind: MessageKind;
  paymentId: string | null;
  donationId: string | null;
  donorHash: string | null;
  year: number | null;
  subscription: string | null;
  changeId: string | null;
  language: string;
  recipient: string | null;
  attempts: number;
  claim: string;
  leaseUntil: Date;
  rendered?: { subject: string; html: string; text: string };
}

export interface OutboxRow {
  id: number;
  kind: MessageKind;
  status: MessageStatus;
  language: string;
  recipient: string | null;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
}

const toRow = (r: Selectable<OutboxTable>): OutboxRow => ({
  id: Number(r.id),
  kind: r.kind,
  status: r.status,
  language: r.language,
  recipient: r.recipient,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  subject: r.subject,
  html: r.html,
  text: r.text,
});

export class Outbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  /** Claims the most overdue message, if any: queued and due, or sending with its lease run out. */
  async claim(options: { leaseMs: number; maxAttempts: number }, now = new Date()): Promise<ClaimedMessage | undefined> {
    const at = now.toISOString();
    // A message whose last allowed attempt died with its process is not tried again by itself.
    await this.db
      .updateTable('outbox')
      .set({ status: 'failed', claim: null, lease_until: null, last_error: 'lease_expired' })
      .where('status', '=', 'sending')
      .where('lease_until', '<=', at)
      .where('attempts', '>=', options.maxAttempts)
      .execute();
    const claimable = (eb: ExpressionBuilder<Database, 'outbox'>) =>
      eb.and([eb.or([eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', at)]), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', at)])]), eb('attempts', '<', options.maxAttempts)]);
    let due = this.db
      .selectFrom('outbox')
      .select('id')
      .where(claimable)
      .orderBy('next_attempt_at')
      .limit(1);
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const claim = randomUUID();
    const leaseUntil = new Date(now.getTime() + options.leaseMs);
    const row = await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', claim, lease_until: leaseUntil.toISOString(), attempts: eb('attempts', '+', 1) }))
      // A scalar subquery runs once (an IN list can be scanned again, and SKIP LOCKED then finds another row).
      .where('id', '=', due)
      // Checked again on the row as it is when updated, should another claim have come first.
      .where(claimable)
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: Number(row.id),
      key: row.key,
      kind: row.kind,
      paymentId: row.payment_id,
      donationId: row.donation_id,
      donorHash: row.donor_hash,
      year: row.year === null ? null : Number(row.year),
      subscription: row.subscription,
      changeId: row.change_id,
      language: row.language,
      recipient: row.recipient,
      attempts: Number(row.attempts),
      claim,
      leaseUntil,
      ...(row.subject !== null && row.html !== null && row.text !== null ? { rendered: { subject: row.subject, html: row.html, text: row.text } } : {}),
    };
  }

  /** Keeps the copy rendered for this message, so every later attempt sends the same words. */
  async saveRendered(message: ClaimedMessage, letter: { subject: string; html: string; text: string }): Promise<boolean> {
    return this.update(message, { subject: letter.subject, html: letter.html, text: letter.text }, false);
  }

  markSent(message: ClaimedMessage, messageId: string, at = new Date()): Promise<boolean> {
    return this.update(message, { status: 'sent', message_id: messageId, sent_at: at.toISOString(), last_error: null });
  }

  /** No SMTP server: the rendered message stays here (demo mode shows it at /outbox). */
  markKept(message: ClaimedMessage): Promise<boolean> {
    return this.update(message, { status: 'kept', last_error: null });
  }

  markCancelled(message: ClaimedMessage, reason: string): Promise<boolean> {
    return this.update(message, { status: 'cancelled', last_error: reason });
  }

  /** An attempt failed: tried again at `retryAt`, or, without one, failed for good (kept for the operator). */
  markAttemptFailed(message: ClaimedMessage, error: string, retryAt?: Date): Promise<boolean> {
    return this.update(message, retryAt ? { status: 'queued', next_attempt_at: retryAt.toISOString(), last_error: error } : { status: 'failed', last_error: error });
  }

  /** Whether the claim still holds the message (not erased, cancelled or claimed again since). */
  async holds(message: ClaimedMessage): Promise<boolean> {
    const row = await this.db.selectFrom('outbox').select(['claim', 'recipient']).where('id', '=', message.id).executeTakeFirst();
    return row?.claim === message.claim && row.recipient !== null;
  }

  /** When the next message falls due here (queued, or a lease running out), if any. */
  async nextDue(): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => [
        eb.fn.min(eb.case().when('status', '=', 'queued').then(eb.ref('next_attempt_at')).else(null).end()).as('queued'),
        eb.fn.min(eb.case().when('status', '=', 'sending').then(eb.ref('lease_until')).else(null).end()).as('lease'),
      ])
      .where('status', 'in', ['queued', 'sending'])
      .executeTakeFirst();
    const times = [row?.queued, row?.lease].filter((t): t is string => typeof t === 'string');
    return times.length ? new Date(times.sort()[0]!) : undefined;
  }

  /** Messages by status (every status when none is given), newest first. */
  async list(statuses?: MessageStatus[], limit = 500): Promise<OutboxRow[]> {
    let query = this.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit);
    if (statuses) query = query.where('status', 'in', statuses);
    return (await query.execute()).map(toRow);
  }

  async counts(): Promise<Record<MessageStatus, number>> {
    const rows = await this.db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const counts = { queued: 0, sending: 0, sent: 0, failed: 0, cancelled: 0, kept: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /**
   * Sends again: a failed or kept message (or one still queued, now rather than later) goes back to
   * queued, due now, with its attempts counted afresh. Returns how many were queued again.
   */
  async retry(which: { id: number } | { failed: true }, now = new Date()): Promise<number> {
    let query = this.db
      .updateTable('outbox')
      .set({ status: 'queued', attempts: 0, next_attempt_at: now.toISOString(), claim: null, lease_until: null })
      .where('recipient', 'is not', null);
    query = 'id' in which ? query.where('id', '=', which.id).where('status', 'in', ['failed', 'kept', 'queued']) : query.where('status', '=', 'failed');
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  private async update(message: ClaimedMessage, values: Partial<Omit<OutboxTable, 'id'>>, release = true): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set(release ? { ...values, claim: null, lease_until: null } : values)
      .where('id', '=', message.id)
      .where('claim', '=', message.claim)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
