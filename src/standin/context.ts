/** What every operation needs: the objects, the event stream, and the API request that caused it. */
import type { Events, RequestContext } from './events.js';
import type { Store } from './store.js';

export interface Context {
  store: Store;
  events: Events;
  /** The API request being served, or null for a simulated cardholder or bank action. */
  request: RequestContext | null;
  /** The stand-in's own address as the caller reached it, for URLs it hands out (authentication pages). */
  baseUrl: string;
}

export function emit(ctx: Context, type: string, object: import('./store.js').StripeObject, previous?: Record<string, unknown>): void {
  ctx.events.emit(type, object, ctx.request, previous);
}
