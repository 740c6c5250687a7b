/**
 * /console: MIRA's staff pages. Sign-in comes first (sign-in.tsx, enrol.tsx, and the assets they
 * need); everything mounted after requireSession sees the signed-in staff member as `c.var.staff`,
 * refuses a state-changing request without the session's token, and is refused to a role too small
 * for it (requireRole). Every response carries the console's headers (headers.ts).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { overviewPages } from './overview.js';
import { giftsPages } from './gifts.js';
import { giftPages } from './gift.js';
import { offlinePages } from './offline.js';
import { recurringPages } from './recurring.js';
import { exportPages } from './exports.js';
import { payoutPages } from './payouts.js';
import { campaignPages } from './campaigns.js';
import { sitePages } from './sites.js';
import { assetRoutes } from './assets.js';
import { auditRoutes } from './audit.js';
import { enrolRoutes } from './enrol.js';
import { consoleHeaders } from './headers.js';
import { consoleLimits } from './limits.js';
import { relyingParty } from './origin.js';
import { consoleErrors, ConsoleRefusal } from './refusal.js';
import { requireCsrf, requireSession } from './session.js';
import { signInRoutes, signOutRoutes } from './sign-in.js';
import { staffRoutes } from './staff.js';

// Each page mounts behind requireSession; a page that changes things gates with requireRole first.
export { requireRole, requireSession } from './session.js';

export function consoleRoutes(services: Services) {
  const rp = relyingParty(services.config);
  const limits = consoleLimits(services.config, services.ledger);
  const app = new Hono<ConsoleEnv>();
  app.onError(consoleErrors(services.log));
  app.use('*', consoleHeaders);
  app.use(
    '*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new ConsoleRefusal('payload_too_large');
      },
    }),
  );

  // Open to anyone: what signing in needs. Nothing else may be mounted above requireSession.
  app.route('/assets', assetRoutes(services.root));
  app.route('/', signInRoutes(services, rp, limits));
  app.route('/', enrolRoutes(services, rp, limits));

  app.use('*', requireSession(services.ledger));
  app.use('*', requireCsrf(rp.origin));
  app.route('/', signOutRoutes(services));
  app.route('/', overviewPages(services));
  app.route('/gifts', giftsPages(services));
  app.route('/gifts', giftPages(services));
  app.route('/offline', offlinePages(services));
  app.route('/recurring', recurringPages(services));
  app.route('/exports', exportPages(services));
  app.route('/payouts', payoutPages(services));
  app.route('/staff', staffRoutes(services));
  app.route('/audit', auditRoutes(services));
  app.route('/campaigns', campaignPages(services));
  app.route('/sites', sitePages(services));
  return app;
}
