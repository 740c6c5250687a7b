/**
 * POST /api/stripe/webhook: the raw body's signature is checked before anything else; an event
 * that does not verify is answered 400 and leaves no trace. A verified one is recorded with what
 * it counts in one transaction, and 200 is sent only after that commits, so Stripe retries
 * anything we failed to keep.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type Stripe from 'stripe';
import { ApiError, errorBody } from '../errors.js';
import type { Services } from '../env.js';
import { entriesFor, type InvoicePaymentLookup } from '../stripe/events.js';

const MAX_BODY = 512 * 1024;

export function webhookRoutes({ config, ledger, stripe, log }: Services) {
  const paymentIntentOfInvoice: InvoicePaymentLookup = async (invoice) => {
    const payments = await stripe.invoicePayments.list({ invoice, limit: 10 });
    const paid = payments.data.find((p) => p.status === 'paid') ?? payments.data[0];
    const intent = paid?.payment?.payment_intent;
    return typeof intent === 'string' ? intent : intent?.id;
  };

  return new Hono().post(
    '/',
    bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.json(errorBody('payload_too_large'), 413) }),
    async (c) => {
      const signature = c.req.header('stripe-signature');
      if (!signature) throw new ApiError(400, 'signature_invalid', 'Stripe-Signature');
      const payload = Buffer.from(await c.req.arrayBuffer());
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(payload, signature, config.stripe.webhookSecret);
      } catch {
        log('webhook_signature_invalid');
        throw new ApiError(400, 'signature_invalid', 'Stripe-Signature');
      }
      const entries = await entriesFor(event, paymentIntentOfInvoice);
      const recorded = await ledger.recordEvent({ id: event.id, type: event.type }, entries);
      if (entries.length) log('webhook_recorded', { event: event.id, type: event.type, duplicate: !recorded });
      return c.json({ received: true, duplicate: !recorded });
    },
  );
}
