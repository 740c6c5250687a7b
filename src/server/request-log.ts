/**
 * Around every request: its id (a new UUID, or the X-Request-Id a trusted proxy sent, so a line in
 * nginx's log and ours can be matched), carried by every line logged while it is answered and sent
 * back in X-Request-Id; then one access line: method, route pattern (never the path or query as
 * sent, which may carry a token), status and duration. Never a body, a header's value or an address.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { HttpBindings } from '@hono/node-server';
import proxyaddr from 'proxy-addr';
import { duringRequest, type Log } from './log.js';
import { sendHeader } from './security-headers.js';

const PROBES = new Set(['/healthz', '/readyz']);
/** What an id from a proxy may look like: nginx's $request_id is 32 hex digits, others send UUIDs. */
const ID = /^[\w-]{8,128}$/;

export function requestLog(log: Log, trustedProxies: string[]): MiddlewareHandler {
  const trust = proxyaddr.compile(trustedProxies);
  const fromTrustedProxy = (c: Parameters<MiddlewareHandler>[0]) => {
    const address = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress;
    return address !== undefined && trust(address, 0);
  };
  return async (c, next) => {
    const started = performance.now();
    const sent = c.req.header('x-request-id');
    const requestId = sent && ID.test(sent) && fromTrustedProxy(c) ? sent : randomUUID();
    const mine = c.req.routeIndex;
    sendHeader(c, 'X-Request-Id', requestId);
    await duringRequest(requestId, async () => {
      await next();
      // The route that answered; none when nothing matched (a 404).
      const route = c.req.routeIndex === mine ? undefined : routePath(c);
      log(route && PROBES.has(route) ? 'probe' : 'request', {
        method: c.req.method,
        route,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
  };
}
