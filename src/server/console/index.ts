/**
 * /console: MIRA's staff pages. Sign-in comes first (sign-in.ts); every page after it sees the
 * signed-in staff member as `c.var.staff` and is refused to a role too small for it.
 */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { overviewPages } from './overview.js';
import { giftsPages } from './gifts.js';
import { giftPages } from './gift.js';
import { offlinePages } from './offline.js';
import { recurringPages } from './recurring.js';
import { exportPages } from './exports.js';
import { payoutPages } from './payouts.js';

export function consoleRoutes(services: Services) {
  const app = new Hono<ConsoleEnv>();
  app.route('/', overviewPages(services));
  app.route('/gifts', giftsPages(services));
  app.route('/gifts', giftPages(services));
  app.route('/offline', offlinePages(services));
  app.route('/recurring', recurringPages(services));
  app.route('/exports', exportPages(services));
  app.route('/payouts', payoutPages(services));
  return app;
}
