/**
 * The stand-in's HTTP face: Stripe's wire format on `/v1/…` (form bodies, Bearer auth, JSON
 * answers, Stripe's error shapes, Idempotency-Key replay), CORS for the browser, and the
 * Stripe.js stand-in at `/js/stripe.js`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticationPage, completeAuthentication } from './authentication.js';
import { API_VERSION, type Events } from './events.js';
import { StripeError, authError } from './errors.js';
import { parseForm, type FormObject } from './form.js';
import { IdempotencyCache } from './idempotency.js';
import { routes } from './routes/index.js';
import { newId, type Store } from './store.js';

export interface RequestRecord {
  method: string;
  path: string;
  idempotencyKey?: string;
  livemode: false;
}

export interface ApiDeps {
  store: Store;
  events: Events;
  secretKey: string;
  publishableKey: string;
  requests: RequestRecord[];
  /** The Stripe.js stand-in, bundled on first request. */
  stripeJs(): Promise<string>;
}

const MAX_BODY = 256 * 1024;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, idempotency-key, stripe-version',
  'access-control-max-age': '600',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new StripeError(413, { type: 'invalid_request_error', message: 'Request body too large.' }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Which key the caller used: `Authorization: Bearer …` / Basic, or `key=` as Stripe.js sends it. */
function callerKey(req: IncomingMessage, params: FormObject): string | undefined {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0];
  return typeof params.key === 'string' ? params.key : undefined;
}

/**
 * Where the browser reaches this stand-in: itself, or the endpoint that forwards `/standin/…` to it
 * in demo mode (which says so in X-Forwarded-Prefix), so a redirect it hands out goes the same way.
 */
function publicBase(req: IncomingMessage): string {
  const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
  const prefix = header('x-forwarded-prefix');
  if (!prefix) return `http://${req.headers.host}`;
  return `${header('x-forwarded-proto') ?? 'http'}://${header('x-forwarded-host') ?? req.headers.host}${prefix}`;
}

function masked(key: string): string {
  return key.length > 8 ? `${key.slice(0, 8)}${'*'.repeat(Math.max(4, key.length - 12))}${key.slice(-4)}` : key;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export function createHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const idempotency = new IdempotencyCache();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (method === 'GET' && url.pathname === '/js/stripe.js') {
      const script = await deps.stripeJs();
      res.writeHead(200, { ...CORS, 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(script);
      return;
    }

    const authorize = /^\/authorize\/([^/]+)$/.exec(url.pathname);
    if (authorize) return authenticate(req, res, url, decodeURIComponent(authorize[1]!));

    const requestId = newId('req', 14);
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    deps.requests.push({ method, path: url.pathname, ...(idempotencyKey ? { idempotencyKey } : {}), livemode: false });
    const headers: Record<string, string> = {
      'request-id': requestId,
      'stripe-version': String(req.headers['stripe-version'] ?? API_VERSION),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    };
    const fail = (error: StripeError) => send(res, error.status, JSON.stringify({ error: error.body }, null, 2), headers);

    let params: FormObject;
    try {
      params = parseForm(method === 'POST' ? await readBody(req) : url.search.slice(1));
    } catch (error) {
      if (error instanceof StripeError) return fail(error);
      throw error;
    }

    const key = callerKey(req, params);
    if (!key) {
      return fail(authError('You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').'));
    }
    if (key !== deps.secretKey && key !== deps.publishableKey) return fail(authError(`Invalid API Key provided: ${masked(key)}`));
    const publishable = key === deps.publishableKey;

    const match = routes
      .filter((r) => r.method === method)
      .map((r) => ({ route: r, found: r.path.exec(url.pathname) }))
      .find((m) => m.found);
    if (!match) {
      return fail(new StripeError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` }));
    }
    if (publishable && !match.route.publishable) {
      return fail(authError('This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.'));
    }

    // Only a POST with a key is kept and replayed, as at Stripe.
    const fingerprint = idempotencyKey && method === 'POST' ? IdempotencyCache.fingerprint(method, url.pathname, params) : undefined;
    if (idempotencyKey && fingerprint) {
      const seen = idempotency.lookup(key, idempotencyKey, fingerprint);
      if (seen && 'conflict' in seen) {
        return fail(
          new StripeError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          }),
        );
      }
      if (seen) return send(res, seen.replay.status, seen.replay.body, { ...headers, 'idempotent-replayed': 'true' });
    }

    let status = 200;
    let body: string;
    try {
      const ctx = { store: deps.store, events: deps.events, request: { requestId, idempotencyKey: idempotencyKey ?? null }, baseUrl: publicBase(req) };
      const ids = match.found!.slice(1).map((id) => decodeURIComponent(id));
      body = JSON.stringify(match.route.handle({ ctx, params, ids, publishable }), null, 2);
    } catch (error) {
      const stripeError =
        error instanceof StripeError ? error : new StripeError(500, { type: 'api_error', message: `The stand-in failed: ${(error as Error).message}` });
      if (!(error instanceof StripeError)) console.error('[stripe stand-in]', error);
      status = stripeError.status;
      body = JSON.stringify({ error: stripeError.body }, null, 2);
    }
    if (idempotencyKey && fingerprint) idempotency.remember(key, idempotencyKey, fingerprint, status, body);
    send(res, status, body, headers);
  }

  /** The test authentication page (GET) and its answer (POST), for cards that ask the donor to authenticate. */
  async function authenticate(req: IncomingMessage, res: ServerResponse, url: URL, intentId: string): Promise<void> {
    const form = req.method === 'POST' ? parseForm(await readBody(req)) : parseForm(url.search.slice(1));
    const intent = deps.store.get(intentId, 'payment_intent');
    if (!intent || form.client_secret !== intent.client_secret) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No such payment to authenticate.');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(authenticationPage(intent));
      return;
    }
    const ctx = { store: deps.store, events: deps.events, request: null, baseUrl: publicBase(req) };
    const next = completeAuthentication(ctx, intent, form.outcome === 'fail' ? 'fail' : 'complete');
    if (next) res.writeHead(303, { location: next }).end();
    else res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`Payment ${intent.status}. You can close this page.`);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[stripe stand-in]', error);
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: { type: 'api_error', message: 'The stand-in failed.' } }));
      else res.end();
    });
  };
}
