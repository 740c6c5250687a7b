/** The endpoint: routers composed under /api, the widget and demo pages beside them, errors shaped once. */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HttpBindings } from '@hono/node-server';
import type { ErrorResponse } from '../core/api.js';
import { ApiError, errorBody } from './errors.js';
import type { Services } from './env.js';
import { configRoutes } from './routes/config.js';
import { campaignRoutes } from './routes/campaigns.js';
import { donationRoutes } from './routes/donations.js';
import { webhookRoutes } from './routes/webhook.js';
import { outboxRoutes } from './routes/outbox.js';
import { manageRoutes } from './manage/routes.js';
import { consoleRoutes } from './console/index.js';
import { staticRoutes } from './static.js';
import { managePageRoutes } from './manage/page.js';
import { healthRoutes } from './health.js';
import { requestLog } from './request-log.js';
import { pageHeaders, securityHeaders } from './security-headers.js';
import { standinRoutes } from './routes/standin.js';

export function createApp(services: Services) {
  const { config } = services;
  const demoPage = pageHeaders(config, { frameAncestors: 'self', widget: true });
  const app = new Hono()
    .use(requestLog(services.log, config.trustedProxies))
    .use(securityHeaders(config))
    .use('/', demoPage)
    .use('/:page{[^/]+\\.html}', demoPage)
    .use('/outbox', pageHeaders(config, { frameAncestors: 'none', keepOwnPolicy: true }))
    .route('/', healthRoutes(services.ledger, services.draining))
    .route('/api/config', configRoutes(services))
    .route('/api/campaigns', campaignRoutes(services))
    .route('/api/donations', donationRoutes(services))
    .route('/api/stripe/webhook', webhookRoutes(services))
    .route('/api/manage', manageRoutes(services))
    .route('/manage', managePageRoutes(services))
    .route('/console', consoleRoutes(services))
    .route('/', staticRoutes(services.root));

  // Demo mode only: the mail a try of the demo caused, to read (404 otherwise); the stand-in, through this origin.
  if (config.mode === 'demo') app.route('/outbox', outboxRoutes(services));
  if (config.mode === 'demo' && config.stripe.api) app.route('/standin', standinRoutes(config.stripe.api));

  /**
   * Every refusal passes here (routes throw them; none is returned past this), so here it is shaped,
   * logged once with its code, method and route (never the request's contents: no name or email
   * reaches the log), and made to end the connection if it came before the body had all arrived:
   * kept open, the unread rest would be taken for the next request, or a proxy would lose the next
   * donor's POST on a connection the adapter drops.
   */
  const answer = (c: Context, status: ContentfulStatusCode, body: ErrorResponse) => {
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    if (incoming && !incoming.complete) c.header('Connection', 'close');
    // A caller gone before the answer (or cut off at a deadline, logged where it was cut) was refused nothing.
    if (status < 500 && !incoming?.errored) {
      const { code, field } = body.error;
      services.log('request_refused', { status, code, field, method: c.req.method, route: routePath(c) });
    }
    return c.json(body, status);
  };

  app.notFound((c) => answer(c, 404, errorBody('not_found')));

  app.onError((error, c) => {
    const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
    // The caller hung up before its body had all come: nothing went wrong here, and nobody hears the answer.
    if (incoming?.errored && error === incoming.errored) return answer(c, 400, errorBody('body_invalid'));
    if (error instanceof ApiError) return answer(c, error.status, error.toJSON());
    if (error instanceof HTTPException) {
      // Hono's own: malformed JSON and the like are the caller's doing.
      const status = error.status;
      if (status === 413) return answer(c, 413, errorBody('payload_too_large'));
      if (status === 415) return answer(c, 415, errorBody('unsupported_media_type'));
      if (status === 404) return answer(c, 404, errorBody('not_found'));
      if (status < 500) return answer(c, 400, errorBody('body_invalid'));
    }
    services.log('internal_error', { method: c.req.method, path: c.req.path, error: error instanceof Error ? error.message : String(error) });
    return answer(c, 500, errorBody('internal_error'));
  });

  return app;
}
