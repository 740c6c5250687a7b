/**
 * Writes a Stripe event and what it counts in one transaction, with the campaign totals it changes.
 * The event row has a unique key and is inserted with ON CONFLICT DO NOTHING, so a replay, a
 * duplicate, or the same event racing through two processes counts once: the loser of the race
 * waits on the winner's row lock and then finds the row there. An event with nothing to count is
 * kept too, as skipped, with the reason.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { LedgerEntry } from './entries.js';
import { NO_MAIL, type MailPolicy } from './outbox.js';
import { TotalsChanges } from './totals.js';
import { writeEntry } from './write.js';

export interface EventRecord {
  id: string;
  type: string;
  /** Why the event counts nothing (a stable code); absent when it has entries. */
  skipReason?: string;
  /** The id of the object it is about (data.object.id), so a gift's page can list its events. */
  objectId?: string;
}

/** Returns false when the event was already recorded (nothing changed). */
export async function recordEvent(db: Kysely<Database>, event: EventRecord, entries: LedgerEntry[], mail: MailPolicy = NO_MAIL): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const changes = new TotalsChanges();
    const recorded = await writeEvent(trx, event, entries, changes, mail);
    await changes.apply(trx);
    return recorded;
  });
}

/** Writes the event and its entries; what they change in the totals goes into `changes`, for the caller to apply before commit. */
async function writeEvent(trx: Transaction<Database>, event: EventRecord, entries: LedgerEntry[], changes: TotalsChanges, mail: MailPolicy): Promise<boolean> {
  const at = new Date().toISOString();
  const skipped = entries.length === 0;
  const inserted = await trx
    .insertInto('stripe_events')
    .values({
      id: event.id,
      type: event.type,
      received_at: at,
      outcome: skipped ? 'skipped' : 'applied',
      skip_reason: skipped ? (event.skipReason ?? 'nothing_to_count') : null,
      object_id: event.objectId ?? null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  for (const entry of entries) await writeEntry(trx, entry, at, changes, mail);
  return true;
}

interface Pending {
  event: EventRecord;
  entries: LedgerEntry[];
  mail: MailPolicy;
  resolve(recorded: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit for SQLite, whose one writer makes each commit the cost: events that arrive
 * together are written in one transaction, and each delivery is answered only after that commit.
 * If a batch fails, its events are retried one transaction each, so one bad event fails alone.
 * (PostgreSQL takes concurrent transactions itself and writes each event on its own.)
 */
export class GroupedEventWriter {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Kysely<Database>) {}

  record(event: EventRecord, entries: LedgerEntry[], mail: MailPolicy = NO_MAIL): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, entries, mail, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0);
    this.scheduled = false;
    try {
      const results = await this.db.transaction().execute(async (trx) => {
        // One update of each campaign's totals for the whole batch.
        const changes = new TotalsChanges();
        const out: boolean[] = [];
        for (const pending of batch) out.push(await writeEvent(trx, pending.event, pending.entries, changes, pending.mail));
        await changes.apply(trx);
        return out;
      });
      batch.forEach((pending, i) => pending.resolve(results[i]));
    } catch {
      for (const pending of batch) {
        await recordEvent(this.db, pending.event, pending.entries, pending.mail).then(pending.resolve, pending.reject);
      }
    }
  }
}

/** An entry that comes from the operator rather than Stripe (an offline gift), in its own transaction or the caller's. */
export async function recordEntry(db: Kysely<Database>, entry: LedgerEntry, mail: MailPolicy = NO_MAIL): Promise<void> {
  const write = async (trx: Transaction<Database>) => {
    const changes = new TotalsChanges();
    await writeEntry(trx, entry, new Date().toISOString(), changes, mail);
    await changes.apply(trx);
  };
  if (db.isTransaction) await write(db as Transaction<Database>);
  else await db.transaction().execute(write);
}
