/**
 * The Node HTTP server the app runs in, and what is decided before the app sees a request: how long
 * a request may take to arrive, the JSON error shape for what Node's own parser refuses, and one
 * request at a time on each connection, so an answer that closes the connection is the last one run.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener, RequestError } from '@hono/node-server';
import type { ErrorCode } from '../core/errors.js';
import { errorBody } from './errors.js';
import type { Log } from './log.js';
import { listenProblem, StartError } from './start-error.js';

/** Milliseconds. A donation is at most 16 KB: on a 2G phone (20–40 kbit/s up) that is 3–7 s. */
export interface Timeouts {
  /** From a connection's first byte (or its opening) to the end of a request's headers. */
  headers: number;
  /** From a request's first byte to the end of its body: what a slow body may take, and no more. */
  request: number;
  /** How long a connection may sit idle between requests. */
  keepAlive: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { headers: 10_000, request: 30_000, keepAlive: 5_000 };

type Fetch = (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => Response | Promise<Response>;

/** What Node's parser reports, as the status and code the endpoint answers. */
const REFUSALS: Record<string, [number, ErrorCode]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'payload_too_large'],
};

export function createHttpServer(fetch: Fetch, timeouts: Timeouts, log: Log): Server {
  const state: ServerState = { answering: new Set(), draining: false };
  const listener = getRequestListener(fetch as Parameters<typeof getRequestListener>[0], {
    // A request Hono cannot turn into a URL (no Host, a malformed one): Node has parsed it, we refuse it.
    errorHandler: (error) => {
      if (error instanceof RequestError) {
        log('request_refused', { status: 400, code: 'request_invalid', reason: error.message });
        return jsonError(400, 'request_invalid');
      }
      log('internal_error', { error: error instanceof Error ? error.message : String(error) });
      return jsonError(500, 'internal_error');
    },
  });
  const server = createServer(
    {
      headersTimeout: timeouts.headers,
      requestTimeout: timeouts.request,
      keepAliveTimeout: timeouts.keepAlive,
      // Node checks the two deadlines on this beat (30 s by default, which would double them).
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.round(Math.min(timeouts.headers, timeouts.request) / 10))),
      // Left to Hono, so a request without Host is refused in our shape rather than Node's bare 400.
      requireHostHeader: false,
    },
    oneAtATime(counted(listener, state)),
  );
  states.set(server, state);

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser stops at its first error but is fed again if more bytes come: answer once.
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, code] = REFUSALS[error.code ?? ''] ?? [400, 'request_invalid'];
    // A response already under way cannot be replaced by another.
    if (answering.get(socket)?.headersSent) return void socket.destroy();
    log('request_refused', { status, code, reason: error.code });
    socket.end(rawError(status, code), () => socket.destroy());
  });
  // Node answers these two with a bare status line unless someone listens.
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    log('request_refused', { status: 417, code: 'request_invalid', reason: 'expect' });
    const body = JSON.stringify(errorBody('request_invalid', 'Expect'));
    response.writeHead(417, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
  });
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    log('request_refused', { status: 400, code: 'request_invalid', reason: 'connect' });
    socket.end(rawError(400, 'request_invalid'), () => socket.destroy());
  });
  return server;
}

/** Requests being answered, and whether the server is shutting down (see drain). */
interface ServerState {
  answering: Set<ServerResponse>;
  draining: boolean;
  settled?: () => void;
}

const states = new WeakMap<Server, ServerState>();

/** Counts each request from the moment the app runs it until its response is done or abandoned. */
function counted(listener: (request: IncomingMessage, response: ServerResponse) => Promise<void>, state: ServerState) {
  return (request: IncomingMessage, response: ServerResponse) => {
    state.answering.add(response);
    // Once shutting down, each answer closes its connection, so none is left to idle.
    if (state.draining) response.shouldKeepAlive = false;
    response.once('close', () => {
      state.answering.delete(response);
      if (state.answering.size === 0) state.settled?.();
    });
    return listener(request, response);
  };
}

/** Whether drain() has begun: a readiness check answers 503 from then on. */
export function isDraining(server: Server): boolean {
  return states.get(server)?.draining ?? false;
}

/**
 * Shutting down: accept no more connections, close the idle ones, let the requests under way finish
 * (their connections close after each answer) for up to `deadlineMs`, then cut what is left.
 * Resolves with the number of requests cut.
 */
export async function drain(server: Server, deadlineMs: number): Promise<number> {
  const state = states.get(server);
  if (!state) throw new Error('drain: not a server made by createHttpServer');
  state.draining = true;
  for (const response of state.answering) if (!response.headersSent) response.shouldKeepAlive = false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  if (state.answering.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => (state.settled = resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs))),
    ]);
    clearTimeout(timer);
  }
  const cut = state.answering.size;
  // Connections that finished their last answer, and (past the deadline) those still answering.
  server.closeAllConnections();
  await closed;
  return cut;
}

/** The response in progress on each connection, so a late parser error knows whether it may still answer. */
const answering = new WeakMap<Duplex, ServerResponse>();

/**
 * Node hands over pipelined requests as they are parsed and they would run side by side, so a
 * request queued behind an answer that closes the connection would still reach Stripe and the
 * ledger with nobody to hear its answer. HTTP/1.1 says a server that sends `Connection: close`
 * processes nothing after it (RFC 9112 §9.6): run one request per connection at a time, and none
 * once the connection is closing. Browsers and proxies do not pipeline; this costs them nothing.
 */
function oneAtATime(listener: (request: IncomingMessage, response: ServerResponse) => Promise<void>) {
  const queues = new WeakMap<Duplex, Array<() => void>>();
  return (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    // Parsed from bytes that came in after a closing answer: never run, never answered.
    if (socket.writableEnded || socket.destroyed) return;
    const run = () => {
      answering.set(socket, response);
      response.once('close', () => {
        const queue = queues.get(socket) ?? [];
        const next = queue.shift();
        if (!next || socket.destroyed || socket.writableEnded) return void queues.delete(socket);
        next();
      });
      void listener(request, response);
    };
    const queue = queues.get(socket);
    if (queue) queue.push(run);
    else {
      queues.set(socket, []);
      run();
    }
  };
}

function jsonError(status: number, code: ErrorCode): Response {
  return new Response(JSON.stringify(errorBody(code)), { status, headers: { 'content-type': 'application/json', connection: 'close' } });
}

/** A whole response written straight to the socket, for refusals made before there is a request object. */
function rawError(status: number, code: ErrorCode): string {
  const body = JSON.stringify(errorBody(code));
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Listens, or says in one line why it cannot (the port is taken, the address is not this machine's). */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(new StartError(listenProblem(error, port, host), { cause: error }));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}
