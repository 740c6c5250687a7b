/**
 * Whether a refund or a dispute takes money back, from everything Stripe has said of it so far.
 * Its events come in any order and more than once, so what the ledger keeps of them is merged in a
 * way no order changes:
 * - a refund keeps its most final status: pending or requires_action, then succeeded, then failed
 *   or canceled, which are final (a card refund can fail after it succeeded). It takes money back
 *   unless it failed or was canceled. A status Stripe adds later ranks with pending.
 * - a dispute keeps every fact heard (funds withdrawn, funds reinstated, won, lost). It takes money
 *   back once it is lost, or while its funds are withdrawn and not reinstated; never once it is won
 *   (an inquiry closed without a chargeback, or a prevented one, counts as won). Won outranks lost:
 *   a lost dispute can be appealed and won, never the other way round.
 */
import type { DisputeFact, ReversalEntry } from './entries.js';

export interface ReversalState {
  /** What the ledger keeps in reversals.status: a refund's status, or a dispute's facts ("lost,withdrawn"; "open" for none). */
  status: string;
  /** Whether it takes money back now (reversals.counted). */
  counted: boolean;
}

const REFUND_RANK: Record<string, number> = { pending: 0, requires_action: 0, succeeded: 1, failed: 2, canceled: 2 };
const refundRank = (status: string) => REFUND_RANK[status] ?? 0;
const FACTS: DisputeFact[] = ['lost', 'reinstated', 'withdrawn', 'won'];

function refundState(status: string): ReversalState {
  return { status, counted: refundRank(status) < 2 };
}

function disputeState(facts: Set<string>): ReversalState {
  const known = FACTS.filter((fact) => facts.has(fact));
  const counted = !facts.has('won') && (facts.has('lost') || (facts.has('withdrawn') && !facts.has('reinstated')));
  return { status: known.length ? known.join(',') : 'open', counted };
}

const factsIn = (status: string) => new Set(status === 'open' ? [] : status.split(','));

/** The state after this entry, given what was kept before it (undefined: first time this refund or dispute is heard of). */
export function reversalState(entry: ReversalEntry, kept?: string): ReversalState {
  if (entry.kind === 'refund') {
    return refundState(kept !== undefined && refundRank(kept) >= refundRank(entry.status) ? kept : entry.status);
  }
  return disputeState(new Set([...(kept !== undefined ? factsIn(kept) : []), ...entry.facts]));
}
