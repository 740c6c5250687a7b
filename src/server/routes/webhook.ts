/**
 * POST /api/stripe/webhook: the raw body's signature is checked before anything else; an event
 * that does not verify is answered 400 and leaves no trace. A verified one is recorded with what
 * it counts in one transaction, and 200 is sent only after that commits, so Stripe retries
 * anything we failed to keep. A verified event the ledger cannot use (an unknown type, a missing
 * field) is recorded as skipped with its reason and acknowledged: retrying it would not change it.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.js';
import type { Services } from '../env.js';
import { entriesFor, parseEvent, type InvoicePaymentLookup } from '../stripe/events.js';
import { noticesFor } from '../manage/notices.js';
import { balanceFactsFor } from '../stripe/balance.js';
import { isObject, isStripeId } from '../stripe/fields.js';
import { recordBalanceEvent } from '../ledger/payouts.js';

const MAX_BODY = 512 * 1024;

export function webhookRoutes({ config, ledger, stripe, log }: Services) {
  const verifier = stripe.webhooks.signature;
  if (!verifier) throw new Error('The Stripe SDK has no webhook signature verifier');

  const paymentIntentOfInvoice: InvoicePaymentLookup = async (invoice) => {
    const payments = await stripe.invoicePayments.list({ invoice, limit: 10 });
    const paid = payments.data.find((p) => p.status === 'paid') ?? payments.data[0];
    const intent = paid?.payment?.payment_intent;
    return typeof intent === 'string' ? intent : intent?.id;
  };

  return new Hono().post(
    '/',
    bodyLimit({ maxSize: MAX_BODY, onError: () => { throw new ApiError(413, 'payload_too_large'); } }),
    async (c) => {
      const signature = c.req.header('stripe-signature');
      if (!signature) throw new ApiError(400, 'signature_invalid', 'Stripe-Signature');
      const payload = Buffer.from(await c.req.arrayBuffer());
      try {
        verifier.verifyHeader(payload, signature, config.stripe.webhookSecret);
      } catch {
        // Logged once, with the other refusals, by app.ts.
        throw new ApiError(400, 'signature_invalid', 'Stripe-Signature');
      }
      const parsed = parseEvent(payload);
      const about = isObject(parsed.event) && isObject(parsed.event.data) && isObject(parsed.event.data.object) ? parsed.event.data.object.id : undefined;
      const objectId = isStripeId(about) ? about : undefined;
      // Charges' and payouts' balance transactions, for the payout reconciliation (stripe/balance.ts).
      const balance = parsed.skipReason ? undefined : await balanceFactsFor(parsed.event, stripe);
      if (balance && 'facts' in balance) {
        const recorded = await recordBalanceEvent(ledger.db, { id: parsed.id, type: parsed.type, objectId: balance.objectId }, balance.facts);
        log('webhook_recorded', { eventId: parsed.id, type: parsed.type, duplicate: !recorded });
        return c.json({ received: true, duplicate: !recorded });
      }
      // Only a failure to reach Stripe (the invoice lookup) or to write the ledger is thrown: 5xx, and Stripe delivers again.
      const { entries, skipReason } = parsed.skipReason
        ? { entries: [], skipReason: parsed.skipReason }
        : balance
          ? { entries: [], skipReason: balance.skipReason }
          : await entriesFor(parsed.event, paymentIntentOfInvoice);
      // Mail the event owes its donor, keyed by its cause, so a redelivery queues nothing new; queued
      // before the event is recorded, so a failure here is retried by Stripe rather than lost.
      for (const notice of noticesFor(parsed.event)) await ledger.recurring.queueNotice(notice.kind, notice.subscription, notice.cause);
      const recorded = await ledger.recordEvent({ id: parsed.id, type: parsed.type, ...(skipReason ? { skipReason } : {}), ...(objectId ? { objectId } : {}) }, entries);
      // Ids, types and codes only: an event's object carries the donor's email and name.
      if (skipReason) log('webhook_skipped', { eventId: parsed.id, type: parsed.type, reason: skipReason, duplicate: !recorded });
      else log('webhook_recorded', { eventId: parsed.id, type: parsed.type, duplicate: !recorded });
      return c.json({ received: true, duplicate: !recorded });
    },
  );
}
