/**
 * The console's gift pages for tests on their own: their sub-apps under a middleware that says who is
 * signed in and their anti-forgery token (as requireSession and requireCsrf do), and a small ledger
 * of gifts with named donors. What sign-in refuses is tested through the whole app (routes.test.ts).
 */
import { Hono } from 'hono';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import type { NewDonation } from '../../../src/server/ledger/donations.js';
import type { ConsoleEnv, Role } from '../../../src/server/console/access.js';
import type { Services } from '../../../src/server/env.js';
import { overviewPages } from '../../../src/server/console/overview.js';
import { giftsPages } from '../../../src/server/console/gifts.js';
import { giftPages } from '../../../src/server/console/gift.js';
import { offlinePages } from '../../../src/server/console/offline.js';
import { recurringPages } from '../../../src/server/console/recurring.js';
import { exportPages } from '../../../src/server/console/exports.js';
import { payoutPages } from '../../../src/server/console/payouts.js';
import { consoleErrors } from '../../../src/server/console/refusal.js';
import { StripeGateway } from '../../../src/server/stripe/gateway.js';
import { createStripe } from '../../../src/server/stripe/client.js';
import { silentLog } from '../../../src/server/log.js';
import type { Config } from '../../../src/server/config.js';
import { invoicePaid, oneTimeSucceeded, refundEvent, subscriptionDeleted } from '../fixtures.js';
import { record } from '../ledger/streams.js';
import { testConfig } from '../helpers.js';

export const CSRF = 'test-csrf-token';

export function consoleApp(ledger: Ledger, role: Role = 'treasurer', options: { config?: Config; stripe?: Services['stripe'] } = {}) {
  const config = options.config ?? testConfig(undefined);
  const stripe = options.stripe ?? createStripe(config.stripe);
  const services: Services = { config, ledger, stripe, gateway: new StripeGateway(stripe), log: silentLog, root: process.cwd() };
  // As the whole console does: a role too small is refused as a page (requireRole throws the refusal).
  return new Hono<ConsoleEnv>()
    .onError(consoleErrors(silentLog))
    .use(async (c, next) => {
      c.set('staff', { id: `staff-${role}`, email: `${role}@miracoalition.org`, name: role, role });
      c.set('csrfToken', CSRF);
      await next();
    })
    .route('/console', overviewPages(services))
    .route('/console/gifts', giftsPages(services))
    .route('/console/gifts', giftPages(services))
    .route('/console/offline', offlinePages(services))
    .route('/console/recurring', recurringPages(services))
    .route('/console/exports', exportPages(services))
    .route('/console/payouts', payoutPages(services));
}

/** A form POST as the page's form sends it. */
export function post(app: ReturnType<typeof consoleApp>, path: string, fields: Record<string, string>) {
  return app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: CSRF, ...fields }).toString() });
}

export async function donation(ledger: Ledger, d: { id: string; campaign?: string; name: string; email: string; frequency?: string; gift?: number; subscription?: string; tribute?: string }) {
  const row: NewDonation = {
    id: d.id,
    idempotency_key: `key-${d.id}`,
    request_hash: 'h',
    campaign: d.campaign ?? 'mira',
    currency: 'USD',
    gift: d.gift ?? 1,
    fee: 0,
    total: d.gift ?? 1,
    frequency: d.frequency ?? 'once',
    locale: 'en',
    anonymous: 0,
    tribute_kind: d.tribute ? 'memory' : null,
    tribute_name: d.tribute ?? null,
    donor_hash: ledger.donorHash(d.email),
    donor_name: d.name,
    donor_email: d.email,
    stripe_payment_intent: null,
    stripe_customer: null,
    stripe_subscription: d.subscription ?? null,
    response: null,
    failed_at: null,
    created_at: new Date().toISOString(),
  };
  await ledger.startDonation(row);
}

/**
 * Gifts to list: Ana's one-time $100 (covering the fee), Bruno's $50 refunded in part, Carla's
 * monthly $25 (two invoices, then cancelled), a $40 one-time to the youth campaign, and two offline
 * gifts (a cheque from Dora on 2026-03-14, cash at an event with no donor named).
 */
export async function seedGifts(ledger: Ledger) {
  await ledger.saveCampaign({ id: 'youth', name: { en: 'Youth', es: 'Jóvenes', pt: 'Jovens' }, goal: 500_000, currency: 'USD' });
  await donation(ledger, { id: 'don-ana', name: 'Ana Souza', email: 'ana@example.org', gift: 10_000, tribute: 'Maria' });
  await donation(ledger, { id: 'don-bruno', name: 'Bruno Lima', email: 'bruno@example.org', gift: 5_000 });
  await donation(ledger, { id: 'don-carla', name: 'Carla Dias', email: 'carla@example.org', gift: 2_500, frequency: 'month', subscription: 'sub_carla' });
  await donation(ledger, { id: 'don-eva', campaign: 'youth', name: 'Eva Ramos', email: 'eva@example.org', gift: 4_000 });
  await record(ledger, oneTimeSucceeded({ intent: 'pi_ana', gift: 10_000, total: 10_256, donationId: 'don-ana' }));
  await record(ledger, oneTimeSucceeded({ intent: 'pi_bruno', gift: 5_000, total: 5_000, donationId: 'don-bruno' }));
  await record(ledger, refundEvent('refund.created', { id: 're_bruno', intent: 'pi_bruno', amount: 2_000, status: 'succeeded' }));
  await record(ledger, invoicePaid({ invoice: 'in_carla_1', subscription: 'sub_carla', intent: 'pi_carla_1', gift: 2_500, total: 2_500, donationId: 'don-carla' }));
  await record(ledger, invoicePaid({ invoice: 'in_carla_2', subscription: 'sub_carla', intent: 'pi_carla_2', gift: 2_500, total: 2_500, donationId: 'don-carla', reason: 'subscription_cycle' }));
  await record(ledger, oneTimeSucceeded({ intent: 'pi_eva', campaign: 'youth', gift: 4_000, total: 4_000, donationId: 'don-eva' }));
  const cheque = await ledger.recordOfflineGift({ campaign: 'mira', amount: 25_000, donor: { name: 'Dora Alves', email: 'dora@example.org' }, date: '2026-03-14', method: 'cheque' });
  const event = await ledger.recordOfflineGift({ campaign: 'mira', amount: 12_000, date: '2026-04-02', method: 'event', note: 'Gala' });
  return { cheque, event, cancelCarla: () => record(ledger, subscriptionDeleted('sub_carla')) };
}
