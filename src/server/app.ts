/** The endpoint: routers composed under /api, the widget and demo pages beside them, errors shaped once. */
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { HttpBindings } from '@hono/node-server';
import { ApiError, errorBody } from './errors.js';
import type { Services } from './env.js';
import type { Log } from './log.js';
import { configRoutes } from './routes/config.js';
import { campaignRoutes } from './routes/campaigns.js';
import { donationRoutes } from './routes/donations.js';
import { webhookRoutes } from './routes/webhook.js';
import { staticRoutes } from './static.js';

export function createApp(services: Services) {
  const app = new Hono()
    .use('*', closeIfBodyUnread(), logRefusals(services.log))
    .route('/api/config', configRoutes(services))
    .route('/api/campaigns', campaignRoutes(services))
    .route('/api/donations', donationRoutes(services))
    .route('/api/stripe/webhook', webhookRoutes(services))
    .route('/', staticRoutes(services.root));

  app.notFound((c) => c.json(errorBody('not_found'), 404));

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.toJSON(), error.status);
    if (error instanceof HTTPException) {
      // Hono's own: malformed JSON and the like are the caller's doing.
      const status = error.status;
      if (status === 413) return c.json(errorBody('payload_too_large'), 413);
      if (status === 415) return c.json(errorBody('unsupported_media_type'), 415);
      if (status === 404) return c.json(errorBody('not_found'), 404);
      if (status < 500) return c.json(errorBody('body_invalid'), 400);
    }
    services.log('internal_error', { method: c.req.method, path: c.req.path, error: error instanceof Error ? error.message : String(error) });
    return c.json(errorBody('internal_error'), 500);
  });

  return app;
}

const incomingOf = (env: unknown) => (env as Partial<HttpBindings> | undefined)?.incoming;

/**
 * An answer given before the request's body has all arrived (a refusal: too large, wrong origin)
 * ends the connection. Kept open, the unread rest of the body would be read as the next request,
 * or the connection dropped under a proxy that already counts on it for another donor's POST.
 */
function closeIfBodyUnread(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const incoming = incomingOf(c.env);
    if (incoming && !incoming.complete) c.header('Connection', 'close');
  };
}

/**
 * Every refusal (a 4xx) logged once, with its code, method and route: an operator sees card testing,
 * a misconfigured member site or a bad deploy. Codes and route patterns only, never the request's
 * contents, so no name or email reaches the log. Read from the answer itself, so a refusal a
 * middleware returns directly is logged just as one thrown to onError.
 */
function logRefusals(log: Log): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const { status } = c.res;
    if (status < 400 || status >= 500) return;
    // The caller left before the answer (or was cut off at a deadline, logged where it was cut).
    if (incomingOf(c.env)?.errored) return;
    const body = (await c.res.clone().json().catch(() => undefined)) as { error?: { code?: string; field?: string } } | undefined;
    log('request_refused', { status, code: body?.error?.code ?? 'unknown', field: body?.error?.field, method: c.req.method, route: routePath(c) });
  };
}
