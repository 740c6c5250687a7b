/**
 * /api/manage: a donor manages their recurring gift with the signed link from their mail. Every
 * route but `links` takes the link's token as `Authorization: Bearer <token>`; the token alone says
 * which gift, so nothing in a request can reach another. Each change is one idempotent Stripe call,
 * recorded in the ledger under the request's Idempotency-Key (a replay gets the first answer and
 * changes nothing), and confirmed by mail in the donor's language.
 */
import { createHash } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type Stripe from 'stripe';
import { isEmail } from '../../core/donation.js';
import { isLanguage } from '../../core/locale.js';
import type { CardConfirmResponse, CardSetupResponse, ManageResponse } from '../../core/manage-api.js';
import { manageLinkLimits } from '../abuse.js';
import type { Services } from '../env.js';
import { ApiError } from '../errors.js';
import { applyChange, checkAllowed, readChange } from './changes.js';
import { describeGift, isCanceled, loadGift, stateOf } from './gift.js';
import { manageLinksFor } from './links.js';

const MAX_BODY = 4 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SETUP_INTENT = /^seti_[A-Za-z0-9_]{1,200}$/;
/** Links mailed to one address per rate-limit window, whatever is asked. */
const LINK_MAILS_PER_EMAIL = 3;

interface ManageEnv {
  Variables: { subscription: string };
}

export function manageRoutes(services: Services) {
  const { config, ledger, stripe, log } = services;
  const links = manageLinksFor(config);
  const limits = manageLinkLimits(config, ledger, LINK_MAILS_PER_EMAIL);
  const rates = config.feeRates;

  const signedLink: MiddlewareHandler<ManageEnv> = async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const check = links.verify(token);
    if (!check.ok) throw new ApiError(401, check.code, 'Authorization');
    c.set('subscription', check.subscription);
    await next();
  };
  const small = bodyLimit({ maxSize: MAX_BODY, onError: () => { throw new ApiError(413, 'payload_too_large'); } });
  const json = async (c: { req: { header(name: string): string | undefined; json(): Promise<unknown> } }): Promise<unknown> => {
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw new ApiError(415, 'unsupported_media_type');
    try {
      return await c.req.json();
    } catch {
      throw new ApiError(400, 'body_invalid');
    }
  };
  const idempotencyKey = (header: string | undefined) => {
    const key = header?.trim() ?? '';
    if (!UUID.test(key)) throw new ApiError(400, 'idempotency_key_invalid', 'Idempotency-Key');
    return key.toLowerCase();
  };
  const stripeFailure = (error: unknown, what: string, subscription: string): ApiError => {
    const e = error as { type?: string; code?: string; statusCode?: number };
    log('stripe_manage_failed', { subscription, what, error: [e.type, e.code, e.statusCode].filter(Boolean).join(' ') });
    if (e.type === 'StripeIdempotencyError') return new ApiError(422, 'idempotency_key_reused', 'Idempotency-Key');
    if (e.code === 'resource_missing' && what !== 'setup_intent') return new ApiError(404, 'gift_not_found');
    return new ApiError(502, 'payment_unavailable');
  };
  const noStore: MiddlewareHandler = async (c, next) => {
    await next();
    // The gift's details are the donor's alone: never kept by a cache on the way.
    c.header('Cache-Control', 'no-store');
  };

  return new Hono<ManageEnv>()
    .use('*', noStore)
    .get('/gift', signedLink, async (c) => {
      const gift = await loadGift(services, c.get('subscription'));
      return c.json(await describeGift(services, gift));
    })

    .post('/gift', small, signedLink, async (c) => {
      const subscription = c.get('subscription');
      const key = idempotencyKey(c.req.header('idempotency-key'));
      const read = readChange(await json(c), config);
      if (!read.ok) throw ApiError.from(read.error);
      const change = read.change;
      const requestHash = hashOf({ subscription, ...change });

      // A replay is answered before anything else: a replayed cancel finds the gift cancelled, and must still get its answer.
      const first = await ledger.recurring.findChange(key);
      if (first && (first.subscription !== subscription || first.requestHash !== requestHash)) throw new ApiError(422, 'idempotency_key_reused', 'Idempotency-Key');
      if (first?.status === 'done' && first.response) return c.json(JSON.parse(first.response) as ManageResponse);

      const loaded = await loadGift(services, subscription);
      if (!first) checkAllowed(loaded.subscription, change);
      const start = first
        ? { started: false as const, existing: first }
        : await ledger.recurring.startChange({ idempotencyKey: key, requestHash, subscription, donationId: loaded.donation.id, action: change.action, before: stateOf(loaded.subscription) });
      if (!start.started && (start.existing.subscription !== subscription || start.existing.requestHash !== requestHash)) throw new ApiError(422, 'idempotency_key_reused', 'Idempotency-Key');
      const changeId = start.started ? start.id : start.existing.id;
      const askedAt = new Date(start.started ? start.createdAt : start.existing.createdAt);

      let updated: Stripe.Subscription;
      try {
        updated = await applyChange(stripe, loaded.subscription, change, rates, key, askedAt);
      } catch (error) {
        await ledger.recurring.failChange(changeId);
        throw stripeFailure(error, change.action, subscription);
      }
      const response = await describeGift(services, { ...loaded, subscription: updated });
      await ledger.recurring.finishChange(changeId, stateOf(updated), response);
      log('gift_changed', { subscription, action: change.action, change: changeId });
      return c.json(response);
    })

    .post('/card', signedLink, async (c) => {
      const loaded = await loadGift(services, c.get('subscription'));
      if (isCanceled(loaded.subscription)) throw new ApiError(409, 'gift_canceled');
      const customer = typeof loaded.subscription.customer === 'string' ? loaded.subscription.customer : loaded.subscription.customer.id;
      const header = c.req.header('idempotency-key');
      let intent: Stripe.SetupIntent;
      try {
        intent = await stripe.setupIntents.create(
          { customer, usage: 'off_session', allowed_payment_method_types: ['card'], metadata: { subscription: loaded.subscription.id } },
          header ? { idempotencyKey: `${idempotencyKey(header)}:manage:setup_intent` } : {},
        );
      } catch (error) {
        throw stripeFailure(error, 'setup_intent', loaded.subscription.id);
      }
      if (!intent.client_secret) throw new ApiError(502, 'payment_unavailable');
      return c.json({ clientSecret: intent.client_secret } satisfies CardSetupResponse);
    })

    .post('/card/confirm', small, signedLink, async (c) => {
      const subscription = c.get('subscription');
      const body = (await json(c)) as { setupIntent?: unknown } | null;
      const setupIntentId = body && typeof body === 'object' ? body.setupIntent : undefined;
      if (typeof setupIntentId !== 'string' || !SETUP_INTENT.test(setupIntentId)) throw new ApiError(400, 'body_invalid', 'setupIntent');
      // The SetupIntent is the change's own key: confirming it twice saves the card once and mails once.
      const key = `card:${setupIntentId}`;
      const requestHash = hashOf({ subscription, setupIntentId });
      const first = await ledger.recurring.findChange(key);
      if (first && first.requestHash !== requestHash) throw new ApiError(422, 'idempotency_key_reused', 'setupIntent');
      if (first?.status === 'done' && first.response) return c.json(JSON.parse(first.response) as CardConfirmResponse);

      const loaded = await loadGift(services, subscription);
      if (isCanceled(loaded.subscription)) throw new ApiError(409, 'gift_canceled');
      const intent = await stripe.setupIntents.retrieve(setupIntentId).catch((error: unknown) => {
        throw (error as { statusCode?: number }).statusCode === 404 ? new ApiError(400, 'card_not_saved', 'setupIntent') : stripeFailure(error, 'setup_intent', subscription);
      });
      const customerOf = (value: string | { id: string } | null) => (typeof value === 'string' ? value : value?.id);
      // Another donor's card, or one saved for another gift, is refused: the link reaches this gift only.
      if (customerOf(intent.customer) !== customerOf(loaded.subscription.customer) || intent.metadata?.subscription !== subscription) {
        throw new ApiError(403, 'request_rejected', 'setupIntent');
      }
      const paymentMethod = customerOf(intent.payment_method as string | { id: string } | null);
      if (intent.status !== 'succeeded' || !paymentMethod) throw new ApiError(400, 'card_not_saved', 'setupIntent');

      const start = first
        ? { started: false as const, existing: first }
        : await ledger.recurring.startChange({ idempotencyKey: key, requestHash, subscription, donationId: loaded.donation.id, action: 'card', before: stateOf(loaded.subscription) });
      const changeId = start.started ? start.id : start.existing.id;
      let updated: Stripe.Subscription;
      try {
        updated = await stripe.subscriptions.update(subscription, { default_payment_method: paymentMethod, expand: ['default_payment_method', 'latest_invoice'] }, { idempotencyKey: `${key}:default_payment_method` });
      } catch (error) {
        await ledger.recurring.failChange(changeId);
        throw stripeFailure(error, 'card', subscription);
      }
      const openInvoice = await payOpenInvoice(stripe, updated, paymentMethod, key);
      // The pay call changed the subscription (past due → active): read it as it now is.
      const current = openInvoice ? await stripe.subscriptions.retrieve(subscription, { expand: ['default_payment_method'] }) : updated;
      const response: CardConfirmResponse = { ...(await describeGift(services, { ...loaded, subscription: current })), ...(openInvoice ? { openInvoice } : {}) };
      await ledger.recurring.finishChange(changeId, stateOf(current), response);
      log('gift_changed', { subscription, action: 'card', change: changeId, openInvoice });
      return c.json(response);
    })

    .post('/links', small, limits.perAddress, async (c) => {
      const body = (await json(c)) as { email?: unknown; locale?: unknown } | null;
      const email = body && typeof body === 'object' && typeof body.email === 'string' ? body.email.trim() : '';
      if (!email) throw new ApiError(400, 'email_required', 'email');
      if (email.length > 254 || !isEmail(email)) throw new ApiError(400, 'email_invalid', 'email');
      if (body!.locale !== undefined && !isLanguage(body!.locale)) throw new ApiError(400, 'locale_invalid', 'locale');
      const donorHash = ledger.donorHash(email);
      // The same answer whether or not the email has a gift, and whether or not it was mailed just now.
      if (await limits.emailAllowed(donorHash)) {
        const request = crypto.randomUUID();
        for (const subscription of await ledger.recurring.activeOf(donorHash)) await ledger.recurring.queueNotice('manage_link', subscription, `${subscription}:${request}`);
      }
      return c.json({ sent: true }, 202);
    });
}

/**
 * A renewal that failed left its invoice open: paid now with the new card (Stripe's retries would
 * take days). The gift counts when Stripe reports the invoice paid, as every invoice does.
 */
async function payOpenInvoice(stripe: Stripe, subscription: Stripe.Subscription, paymentMethod: string, key: string): Promise<'paid' | 'failed' | undefined> {
  const latest = subscription.latest_invoice;
  const invoice = typeof latest === 'object' && latest ? latest : typeof latest === 'string' ? await stripe.invoices.retrieve(latest) : undefined;
  if (!invoice?.id || invoice.status !== 'open') return undefined;
  try {
    const paid = await stripe.invoices.pay(invoice.id, { payment_method: paymentMethod }, { idempotencyKey: `${key}:pay:${invoice.id}` });
    return paid.status === 'paid' ? 'paid' : 'failed';
  } catch (error) {
    if ((error as { type?: string }).type === 'StripeCardError') return 'failed';
    throw error;
  }
}

/** The same change always hashes the same. */
function hashOf(value: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}


