/** The endpoint: routers composed under /api, the widget and demo pages beside them, errors shaped once. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError, errorBody } from './errors.js';
import type { Services } from './env.js';
import { configRoutes } from './routes/config.js';
import { campaignRoutes } from './routes/campaigns.js';
import { donationRoutes } from './routes/donations.js';
import { webhookRoutes } from './routes/webhook.js';
import { outboxRoutes } from './routes/outbox.js';
import { staticRoutes } from './static.js';

export function createApp(services: Services) {
  const app = new Hono()
    .route('/api/config', configRoutes(services))
    .route('/api/campaigns', campaignRoutes(services))
    .route('/api/donations', donationRoutes(services))
    .route('/api/stripe/webhook', webhookRoutes(services))
    .route('/', staticRoutes(services.root));

  // Demo mode only: the mail a try of the demo caused, to read (404 otherwise).
  if (services.config.mode === 'demo') app.route('/outbox', outboxRoutes(services));

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
