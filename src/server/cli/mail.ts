/** outbox, outbox retry and receipts year-end: the mail the endpoint sends. */
import { parseArgs } from 'node:util';
import { maskAddress } from '../mail/failure.js';
import { recordAudit } from '../ledger/audit.js';
import { cliActor, UsageError, withLedger } from './shared.js';

export async function outbox(args: string[]) {
  const [action, ...rest] = args;
  if (action === 'retry') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { failed: { type: 'boolean' } } });
    const id = positionals[0];
    if (!values.failed && !(id && /^\d+$/.test(id))) throw new UsageError('outbox retry <id> (as outbox lists it) or outbox retry --failed');
    return withLedger(async (ledger) => {
      const count = await ledger.outbox.retry(values.failed ? { failed: true } : { id: Number(id) });
      if (!values.failed && count === 0) throw new UsageError(`no failed, kept or queued message ${id} with a recipient (see: outbox)`);
      await recordAudit(ledger.db, { actor: cliActor(), action: 'outbox.retry', subject: values.failed ? 'outbox:failed' : `outbox:${id}`, after: { queuedAgain: count } });
      console.log(`Queued again: ${count} message${count === 1 ? '' : 's'}. A running endpoint sends ${count === 1 ? 'it' : 'them'} within a second.`);
    });
  }
  if (action !== undefined && action !== 'list') throw new UsageError('outbox, or outbox retry <id>|--failed');
  await withLedger(async (ledger) => {
    const rows = await ledger.outbox.list(['queued', 'sending', 'failed', 'kept']);
    const counts = await ledger.outbox.counts();
    console.log(Object.entries(counts).map(([status, n]) => `${status} ${n}`).join(', '));
    if (!rows.length) return;
    // An operator sees which message and why, not whose: the address is masked.
    const table = [['id', 'kind', 'status', 'to', 'language', 'attempts', 'queued', 'next attempt', 'last error']];
    for (const r of rows) {
      table.push([String(r.id), r.kind, r.status, maskAddress(r.recipient), r.language, String(r.attempts), r.createdAt.slice(0, 16), r.status === 'queued' ? r.nextAttemptAt.slice(0, 19) : '', r.lastError ?? '']);
    }
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  });
}

export async function receipts(args: string[]) {
  const [action, year] = args;
  if (action !== 'year-end' || !year || !/^\d{4}$/.test(year)) throw new UsageError('receipts year-end <year>, like receipts year-end 2026');
  await withLedger(async (ledger) => {
    const { queued, already } = await ledger.queueYearEnd(Number(year));
    console.log(`Year-end statements for ${year}: ${queued} queued${already ? `, ${already} already queued before` : ''}. A running endpoint sends them.`);
  });
}
