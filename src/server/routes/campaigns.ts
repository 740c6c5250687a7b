/**
 * GET /api/campaigns/:id: raised, goal and donors for the progress bar, on every page view of
 * every member organization's site. The ledger keeps each campaign's running totals in one row, so
 * a read costs the same at any size. Answers come from a small cache that any ledger write in this
 * process clears and that expires within seconds, so several processes stay close to the truth;
 * requests that miss it together share one read. Browsers and CDNs may keep an answer briefly and
 * revalidate it with its ETag.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { CampaignResponse } from '../../core/api.js';
import { ApiError } from '../errors.js';
import type { Services } from '../env.js';
import { CAMPAIGN_ID } from '../ledger/campaigns.js';

const FRESH_MS = 2_000;
const CACHE_CONTROL = 'public, max-age=15, stale-while-revalidate=60';
const MAX_ENTRIES = 1_000;

interface Cached {
  body: string;
  etag: string;
  expires: number;
}

export function campaignRoutes({ ledger }: Services) {
  const cache = new Map<string, Cached>();
  /** Reads under way: requests that miss together share one (a crowd arriving at once reads the ledger once). */
  const reading = new Map<string, Promise<Cached | undefined>>();
  /** Counts writes, so a read that began before one neither serves the requests after it nor stays in the cache. */
  let writes = 0;
  ledger.onChange(() => {
    writes++;
    cache.clear();
    reading.clear();
  });

  function load(id: string): Promise<Cached | undefined> {
    const shared = reading.get(id);
    if (shared) return shared;
    const read = readCampaign(id, writes).finally(() => {
      if (reading.get(id) === read) reading.delete(id);
    });
    reading.set(id, read);
    return read;
  }

  async function readCampaign(id: string, writesBefore: number): Promise<Cached | undefined> {
    const totals = await ledger.totals(id);
    if (!totals) return undefined;
    const { name, currency, goal, raised, donors, updatedAt, open } = totals;
    const response: CampaignResponse = { id, name, currency, goal, raised, donors, updatedAt, ...(open !== undefined ? { open } : {}) };
    const body = JSON.stringify(response);
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
    const entry = { body, etag, expires: Date.now() + FRESH_MS };
    if (writes === writesBefore) {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(id, entry);
    }
    return entry;
  }

  // A Response with plain-object headers: the Node adapter writes those straight out, where
  // c.body() would first build a Headers object for them.
  const respond = (c: Context, campaign: Cached) => {
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': CACHE_CONTROL, ETag: campaign.etag };
    if (matches(ifNoneMatch(c), campaign.etag)) return new Response(null, { status: 304, headers });
    return new Response(campaign.body, { status: 200, headers: { ...headers, 'Content-Type': 'application/json' } });
  };

  return new Hono().get('/:id', (c) => {
    const id = c.req.param('id');
    // A fresh answer is sent without touching a promise: this is the route homepages hammer.
    const hit = cache.get(id);
    if (hit && hit.expires > Date.now()) return respond(c, hit);
    return (async () => {
      const campaign = CAMPAIGN_ID.test(id) ? await load(id) : undefined;
      if (!campaign) throw new ApiError(404, 'campaign_not_found');
      return respond(c, campaign);
    })();
  });
}

/**
 * Read from Node's own request when there is one: asking the Fetch-style request for a header makes
 * the adapter build every header of it, which costs more than the rest of this route.
 */
function ifNoneMatch(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { headers: Record<string, string | string[] | undefined> } } | undefined)?.incoming;
  if (!incoming) return c.req.header('if-none-match');
  const value = incoming.headers['if-none-match'];
  return Array.isArray(value) ? value.join(',') : value;
}

/** If-None-Match may list several tags, weak or strong, or `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
