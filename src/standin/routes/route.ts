/** The shape of one API route: a method, a path pattern, and a synchronous handler. */
import type { Context } from '../context.js';
import type { FormObject } from '../form.js';

export interface ApiCall {
  ctx: Context;
  /** The query string for GET and DELETE, the form body for POST, parsed from bracket notation. */
  params: FormObject;
  /** The path's captured ids, in order. */
  ids: string[];
  /** True when the caller used the publishable key, as Stripe.js does from a browser. */
  publishable: boolean;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  /** Stripe.js may call this route with the publishable key (plus a client secret where one applies). */
  publishable?: boolean;
  /**
   * Synchronous on purpose: one request's changes are complete before the next is read, so an
   * idempotency key can never race against itself.
   */
  handle(call: ApiCall): unknown;
}

export const ID = '([^/]+)';

export function route(method: Route['method'], path: string, handle: Route['handle'], publishable = false): Route {
  return { method, path: new RegExp(`^${path.replaceAll(':id', ID)}$`), handle, publishable };
}
