/**
 * The synthetic ledger the totals bench reads: `size` counted payments for campaign `mira`, in a mix
 * like a year of real giving. Payment i, by i % 20:
 * - 1: an offline gift ($100 to $300), one donor each;
 * - 3, 7, 11, 15, 19 (a quarter): a paid invoice of one of size/48 monthly subscriptions (about a
 *   year of renewals each), counted against the subscription's donation and its donor;
 * - otherwise (70%): a one-time payment with its donation row; donors repeat (about two gifts each).
 * A third of the charges cover the fee. Refunds: i % 25 = 2 (whole charge when the fee was covered,
 * else half the gift, so the gift share is exact under any allocation); lost disputes: i % 200 = 6.
 * A fifth of the subscriptions are cancelled. Times run from 2025-01-01, 20 s apart.
 *
 * seed.ts writes these rows in bulk (SQLite from this file, PostgreSQL as the same rules in SQL);
 * expectedTotals() computes raised and donors from the rules alone, to check what the ledger reports.
 */
export const CAMPAIGN = 'mira';
export const BASE_TIME = Date.parse('2025-01-01T00:00:00.000Z');
export const STEP_MS = 20_000;

export type Kind = 'payment' | 'invoice' | 'offline';

export const subscriptionCount = (size: number) => Math.max(1, Math.ceil(size / 48));
/** One-time donors: about two one-time gifts per donor. */
export const oneTimeDonorCount = (size: number) => Math.max(1, Math.ceil(size * 0.35));

export function kindOf(i: number): Kind {
  if (i % 20 === 1) return 'offline';
  if (i % 4 === 3) return 'invoice';
  return 'payment';
}

export const subscriptionOf = (i: number, size: number) => Math.floor(i / 4) % subscriptionCount(size);
export const oneTimeDonorOf = (i: number, size: number) => i % oneTimeDonorCount(size);

/** Gift and charge, in cents. */
export function amountsOf(i: number): { gift: number; total: number } {
  if (kindOf(i) === 'offline') {
    const gift = 10_000 + (i % 5) * 5_000;
    return { gift, total: gift };
  }
  const gift = 500 * (1 + ((i * 7) % 20));
  const total = i % 3 === 0 ? gift + Math.floor((gift * 29) / 1000) + 30 : gift;
  return { gift, total };
}

/** The reversal of payment i, if it has one: amount taken back and the gift's share of it. */
export function reversalOf(i: number): { kind: 'refund' | 'dispute'; amount: number; giftShare: number } | undefined {
  if (kindOf(i) === 'offline') return undefined;
  const { gift, total } = amountsOf(i);
  if (i % 200 === 6) return { kind: 'dispute', amount: total, giftShare: gift };
  if (i % 25 !== 2) return undefined;
  return total > gift ? { kind: 'refund', amount: total, giftShare: gift } : { kind: 'refund', amount: Math.floor(gift / 2), giftShare: Math.floor(gift / 2) };
}

export const isCancelled = (subscription: number) => subscription % 5 === 0;

export const at = (i: number) => new Date(BASE_TIME + i * STEP_MS).toISOString();

/** raised and donors as the rules above make them, computed without the ledger. */
export function expectedTotals(size: number): { raised: number; donors: number } {
  let raised = 0;
  const oneTimeDonors = new Uint8Array(oneTimeDonorCount(size));
  const subscribers = new Uint8Array(subscriptionCount(size));
  let offline = 0;
  for (let i = 0; i < size; i++) {
    raised += amountsOf(i).gift - (reversalOf(i)?.giftShare ?? 0);
    const kind = kindOf(i);
    if (kind === 'offline') offline++;
    else if (kind === 'invoice') subscribers[subscriptionOf(i, size)] = 1;
    else oneTimeDonors[oneTimeDonorOf(i, size)] = 1;
  }
  const count = (a: Uint8Array) => a.reduce((n, v) => n + v, 0);
  return { raised, donors: count(oneTimeDonors) + count(subscribers) + offline };
}
