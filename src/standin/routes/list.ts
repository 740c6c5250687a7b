/** Stripe's cursor pagination: `limit` (1..100, default 10), `starting_after`, newest first. */
import { invalidRequest } from '../errors.js';
import { expandPaths, int, str } from '../params.js';
import { listOf, type ApiList, type StripeObject } from '../store.js';
import type { ApiCall } from './route.js';

export function paginate(call: ApiCall, url: string, objects: StripeObject[]): ApiList {
  const limit = int(call.params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit');
  // Newest first; the store keeps insertion order, which is creation order.
  const ordered = [...objects].reverse();
  const after = str(call.params, 'starting_after');
  const start = after ? ordered.findIndex((o) => o.id === after) + 1 : 0;
  const page = ordered.slice(start, start + limit);
  const expand = expandPaths(call.params).map((p) => p.replace(/^data\./, ''));
  return listOf(url, page.map((o) => call.ctx.store.render(o, expand)), start + limit < ordered.length);
}
