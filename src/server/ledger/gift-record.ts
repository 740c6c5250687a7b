/**
 * Everything the ledger knows of one gift, for its page: the payment and its donation, the refunds
 * and disputes against it, what Stripe's balance says of it (fee, net, payout), its mail, the
 * Stripe events about it and the console's changes to it.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { findGift, type GiftRow } from './gifts-query.js';

export interface GiftRecord {
  gift: GiftRow;
  recordedAt: string;
  note: string | null;
  donation?: {
    id: string;
    locale: string;
    fee: number;
    total: number;
    createdAt: string;
    customer: string | null;
    subscription: string | null;
    tributeNotifyEmail: string | null;
    tributeMessage: string | null;
  };
  reversals: Array<{ id: string; kind: string; amount: number; status: string; counted: boolean; recordedAt: string }>;
  balance: Array<{ id: string; type: string; source: string | null; amount: number; fee: number; net: number; currency: string; payout: string | null; createdAt: string }>;
  mail: Array<{ id: number; kind: string; status: string; attempts: number; sentAt: string | null; lastError: string | null }>;
  events: Array<{ id: string; type: string; receivedAt: string; outcome: string | null }>;
  audit: Array<{ at: string; actor: string; action: string; reason: string | null; before: string | null; after: string | null }>;
}

/** The audit log's subject for a gift. */
export const giftSubject = (paymentId: string) => `gift:${paymentId}`;

export async function readGiftRecord(db: Kysely<Database>, id: string): Promise<GiftRecord | undefined> {
  const gift = await findGift(db, id);
  if (!gift) return undefined;
  const payment = await db.selectFrom('payments').select(['recorded_at', 'note', 'donation_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const donation = payment.donation_id ? await db.selectFrom('donations').selectAll().where('id', '=', payment.donation_id).executeTakeFirst() : undefined;
  const intent = gift.paymentIntent;
  const reversals = intent ? await db.selectFrom('reversals').selectAll().where('payment_intent', '=', intent).orderBy('recorded_at').execute() : [];
  const balance = intent ? await db.selectFrom('balance_transactions').selectAll().where('payment_intent', '=', intent).orderBy('created_at').execute() : [];
  // The event ids the ledger knows this gift by: its payment, invoice, charges, refunds and disputes.
  const objects = [...new Set([id, intent, ...balance.map((b) => b.source), ...reversals.map((r) => r.id)].filter((o): o is string => Boolean(o)))];
  const events = await db.selectFrom('stripe_events').select(['id', 'type', 'received_at', 'outcome']).where('object_id', 'in', objects).orderBy('received_at').execute();
  const mail = await db.selectFrom('outbox').select(['id', 'kind', 'status', 'attempts', 'sent_at', 'last_error']).where('payment_id', '=', id).orderBy('id').execute();
  const audit = await db.selectFrom('audit_log').select(['at', 'actor', 'action', 'reason', 'before', 'after']).where('subject', '=', giftSubject(id)).orderBy('at').orderBy('id').execute();
  return {
    gift,
    recordedAt: payment.recorded_at,
    note: payment.note,
    ...(donation
      ? {
          donation: {
            id: donation.id,
            locale: donation.locale,
            fee: Number(donation.fee),
            total: Number(donation.total),
            createdAt: donation.created_at,
            customer: donation.stripe_customer,
            subscription: donation.stripe_subscription,
            tributeNotifyEmail: donation.tribute_notify_email,
            tributeMessage: donation.tribute_message,
          },
        }
      : {}),
    reversals: reversals.map((r) => ({ id: r.id, kind: r.kind, amount: Number(r.amount), status: r.status, counted: Number(r.counted) === 1, recordedAt: r.recorded_at })),
    balance: balance.map((b) => ({ id: b.id, type: b.type, source: b.source, amount: Number(b.amount), fee: Number(b.fee), net: Number(b.net), currency: b.currency, payout: b.payout, createdAt: b.created_at })),
    mail: mail.map((m) => ({ id: Number(m.id), kind: m.kind, status: m.status, attempts: Number(m.attempts), sentAt: m.sent_at, lastError: m.last_error })),
    events: events.map((e) => ({ id: e.id, type: e.type, receivedAt: e.received_at, outcome: e.outcome })),
    audit,
  };
}
