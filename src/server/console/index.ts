/**
 * /console: MIRA's staff pages. Sign-in comes first (sign-in.ts); every page after it sees the
 * signed-in staff member as `c.var.staff` and is refused to a role too small for it.
 */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { campaignPages } from './campaigns.js';
import { sitePages } from './sites.js';

export function consoleRoutes(services: Services) {
  const app = new Hono<ConsoleEnv>();
  app.route('/campaigns', campaignPages(services));
  app.route('/sites', sitePages(services));
  return app;
}
