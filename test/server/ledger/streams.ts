/**
 * Delivering fixture events to a ledger the way the webhook route does, and the orders to deliver
 * them in: every order of a short story, a few seeded shuffles of a long one, each event twice.
 */
import type Stripe from 'stripe';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { entriesFor } from '../../../src/server/stripe/events.js';
import { shuffled } from '../fixtures.js';

const noLookup = async () => undefined;

/** What the webhook route does with a verified event: read it, then record it with what it counts. */
export async function record(ledger: Ledger, event: Stripe.Event): Promise<boolean> {
  const { entries, skipReason } = await entriesFor(event, noLookup);
  return ledger.recordEvent({ id: event.id, type: event.type, ...(skipReason ? { skipReason } : {}) }, entries);
}

export function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Every order when there are few events (4! = 24), else `samples` seeded shuffles. */
export function orders<T>(items: T[], samples = 12): T[][] {
  return items.length <= 4 ? permutations(items) : Array.from({ length: samples }, (_, i) => shuffled(items, 1_000 + i));
}

/** The events in this order, then each again (Stripe's at-least-once delivery) in another order. */
export const deliveredTwice = <T>(order: T[], seed: number): T[] => [...order, ...shuffled(order, seed)];
