/**
 * Guards for donation creation, the favourite target of card testers: only allowed sites may
 * post from a browser, and each client address and each donor email gets a few attempts per window,
 * counted in the ledger's PostgreSQL when there is one, so every process holds the same limit.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { CompiledQuery, type Kysely } from 'kysely';
import proxyaddr from 'proxy-addr';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type IRateLimiterPostgresOptions, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from './config.js';
import type { AppEnv } from './env.js';
import { ApiError } from './errors.js';
import type { Ledger } from './ledger/ledger.js';
import { siteOrigin } from './ledger/sites.js';
import type { Log } from './log.js';

/**
 * Which pages may create donations: ALLOWED_ORIGINS (read at start), the endpoint's own origin,
 * and the member sites in the ledger (a copy per process, a few seconds old at most: see
 * ledger/sites.ts). Browsers always send Origin on a cross-site POST; a request without one is not
 * from a page. The endpoint's own origin is configured (PUBLIC_URL, or the demo's listen address),
 * never read from Host: a DNS-rebinding page sends its own name as both.
 */
export interface OriginGate {
  allows(origin: string | undefined): Promise<boolean>;
  /** Notes a page refused, so the console can offer to add its site; never fails the request. */
  refused(origin: string): Promise<void>;
}

export function originGate(config: Config, ledger: Ledger, log: Log): OriginGate {
  const configured = (origin: string) => config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin) || config.ownOrigins.includes(origin);
  return {
    async allows(origin) {
      if (!origin || configured(origin)) return true;
      // The ledger's origins are as URL writes them, and so is what a browser sends.
      return siteOrigin(origin) === origin && ledger.isMemberSite(origin);
    },
    async refused(origin) {
      if (siteOrigin(origin) !== origin) return;
      try {
        await ledger.recordRefusedOrigin(origin);
      } catch (error) {
        log('refused_origin_not_recorded', { error: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}

export function requireAllowedOrigin(gate: OriginGate): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!(await gate.allows(origin))) {
      await gate.refused(origin!);
      throw new ApiError(403, 'origin_not_allowed');
    }
    await next();
  };
}

/**
 * The caller's address: the socket's, unless the socket is one of the trusted proxies; then
 * X-Forwarded-For is walked from the right past trusted hops to the first address that is not one.
 */
export function clientAddressOf(trustedProxies: string[]): (c: Context) => string {
  const trust = proxyaddr.compile(trustedProxies);
  return (c) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    return incoming?.socket?.remoteAddress ? proxyaddr(incoming, trust) : 'unknown';
  };
}

/** The per-address and per-donor-email limits on donation attempts, as middleware. */
export function donationLimits(config: Config, ledger: Ledger) {
  const { windowMs, perAddress, perEmail } = config.rateLimits;
  const addressOf = clientAddressOf(config.trustedProxies);
  return {
    perAddress: limitPerKey(limiter(ledger, 'address', windowMs, perAddress), addressOf),
    perEmail: limitPerKey(limiter(ledger, 'email', windowMs, perEmail), (c: Context<AppEnv>) => c.get('donorHash')),
  };
}

/**
 * Asking for manage links: each client address gets the donation limit's attempts per window
 * (refused with 429), and each email `perEmail` mails per window; past that the request is answered
 * as always and nothing is sent, so the answer says nothing of the address and no inbox is flooded.
 */
export function manageLinkLimits(config: Config, ledger: Ledger, perEmail: number) {
  const { windowMs, perAddress } = config.rateLimits;
  const email = limiter(ledger, 'manage_link_email', windowMs, perEmail);
  return {
    perAddress: limitPerKey(limiter(ledger, 'manage_link_address', windowMs, perAddress), clientAddressOf(config.trustedProxies)),
    async emailAllowed(donorHash: string): Promise<boolean> {
      try {
        await (await email()).consume(donorHash);
        return true;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return false;
        throw refusal;
      }
    },
  };
}

/** A limit on requests per key (an address, a hashed email), answered 429 `rate_limited` with Retry-After beyond it. */
export function limitPerKey<E extends Env>(limiter: () => Promise<RateLimiterAbstract>, key: (c: Context<E>) => string): MiddlewareHandler<E> {
  return async (c, next) => {
    try {
      await (await limiter()).consume(key(c));
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      c.header('Retry-After', String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))));
      throw new ApiError(429, 'rate_limited');
    }
    await next();
  };
}

/** PostgreSQL: counts in the ledger's schema, shared by every process. SQLite means one process: memory. */
export function limiter(ledger: Ledger, name: string, windowMs: number, points: number): () => Promise<RateLimiterAbstract> {
  const options = { keyPrefix: name, points, duration: Math.ceil(windowMs / 1000) };
  const { dialect, schema } = ledger.database;
  if (dialect !== 'postgres') {
    const memory = Promise.resolve(new RateLimiterMemory(options));
    return () => memory;
  }
  const store = {
    ...options,
    storeClient: queriesThrough(ledger.db),
    storeType: 'pool',
    ...(schema ? { schemaName: schema } : {}),
    tableName: 'rate_limits',
    // While PostgreSQL is unreachable each process still limits what it sees.
    insuranceLimiter: new RateLimiterMemory(options),
  };
  let ready: Promise<RateLimiterAbstract> | undefined;
  // Made on first use; a failure is the request's 500, and the next request tries again.
  return () => (ready ??= openStore(store).catch((error) => ((ready = undefined), Promise.reject(error))));
}

/**
 * The store creates its table on start. Processes (or this process's two limits) starting together
 * race on CREATE TABLE IF NOT EXISTS, and a loser can be told the table already exists: then the
 * next try finds it there.
 */
async function openStore(options: IRateLimiterPostgresOptions, attempts = 3): Promise<RateLimiterPostgres> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise<RateLimiterPostgres>((resolve, reject) => {
        const store: RateLimiterPostgres = new RateLimiterPostgres(options, (error?: Error) => (error ? reject(error) : resolve(store)));
      });
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

/** The library speaks to pg's Pool.query({text, values}); the ledger's own connections answer it. */
function queriesThrough(db: Kysely<any>) {
  return {
    async query({ text, values }: { text: string; values?: unknown[] }) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows, rowCount: result.numAffectedRows !== undefined ? Number(result.numAffectedRows) : result.rows.length };
    },
  };
}
