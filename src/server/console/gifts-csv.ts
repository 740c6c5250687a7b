/**
 * The gifts CSV for a donor database import: one row per gift given in the range, oldest first,
 * read from the ledger in keyset batches and written through csv-stringify as it goes, so 100,000
 * gifts never sit in memory at once. amount − refunded over all rows is what the campaigns raised.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Kysely } from 'kysely';
import type { Database } from '../ledger/schema.js';
import { giftsGiven, type GiftRow } from '../ledger/gifts-query.js';
import { siteLabel } from '../ledger/site-columns.js';
import { plainAmount } from './figures.js';

export const CSV_COLUMNS = [
  'date',
  'donor',
  'email',
  'amount',
  'refunded',
  'fee covered',
  'currency',
  'method',
  'campaign',
  'site',
  'frequency',
  'tribute',
  'receipt number',
  'anonymous',
  'gift id',
] as const;

function methodOf(g: GiftRow): string {
  if (g.method) return g.method === 'us_bank_account' ? 'bank debit' : g.method;
  return g.kind === 'offline' ? 'other' : 'online';
}

export function csvRow(g: GiftRow): string[] {
  const tribute = g.tributeKind ? `${g.tributeKind === 'memory' ? 'In memory of' : 'In honor of'} ${g.tributeName ?? ''}`.trim() : '';
  return [
    g.givenAt.slice(0, 10),
    g.donorName ?? '',
    g.donorEmail ?? '',
    plainAmount(g.gift, g.currency),
    plainAmount(g.refunded, g.currency),
    plainAmount(g.total - g.gift, g.currency),
    g.currency,
    methodOf(g),
    g.campaign,
    siteLabel(g.site),
    g.frequency,
    tribute,
    g.receiptNumber ?? '',
    g.anonymous ? 'yes' : 'no',
    g.id,
  ];
}

/** The CSV as a web stream, for a Response body. */
export function giftsCsv(db: Kysely<Database>, range: { from: string; to: string }): ReadableStream<Uint8Array> {
  async function* rows() {
    for await (const gift of giftsGiven(db, range)) yield csvRow(gift);
  }
  // A spreadsheet formula in a donor's name ("=HYPERLINK(…)") is written as text, not run on opening.
  const csv = Readable.from(rows()).pipe(stringify({ header: true, columns: [...CSV_COLUMNS], cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value) } }));
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}
