/**
 * Recurring gifts as their donors manage them: the donation behind a subscription, each change made
 * from a manage link (one row per Idempotency-Key, so a replay changes nothing twice), and the mail
 * each causes, queued in the same transaction under a key of its cause, so it goes once.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { queueMessage } from './outbox.js';
import type { Database, SubscriptionChangeTable } from './schema.js';

export type ChangeAction = SubscriptionChangeTable['action'];

/** The gift as a change left it, for the confirmation letter and the ledger's history. */
export interface GiftState {
  gift: number;
  fee: number;
  total: number;
  currency: string;
  frequency: 'month' | 'year';
  /** ISO date the gift resumes, while paused. */
  pausedUntil?: string;
  card?: { brand: string; last4: string };
  canceled?: boolean;
}

export interface RecurringDonation {
  id: string;
  campaign: string;
  locale: string;
  frequency: string;
  donorEmail: string | null;
  donorHash: string;
  tribute?: { kind: 'honor' | 'memory'; name: string };
  customer: string | null;
  subscription: string;
}

export interface ChangeRecord {
  id: string;
  idempotencyKey: string;
  requestHash: string;
  subscription: string;
  action: ChangeAction;
  status: SubscriptionChangeTable['status'];
  response: string | null;
  after: GiftState | null;
  createdAt: string;
}

export type ChangeStart = { started: true; id: string; createdAt: string } | { started: false; existing: ChangeRecord };

/** The mail about a recurring gift that is not a change: a failed renewal, the end Stripe gave it, a fresh link. */
export type GiftNotice = 'payment_failed' | 'gift_ended' | 'manage_link';

const toChange = (row: Database['subscription_changes']): ChangeRecord => ({
  id: row.id,
  idempotencyKey: row.idempotency_key,
  requestHash: row.request_hash,
  subscription: row.subscription,
  action: row.action,
  status: row.status,
  response: row.response,
  after: row.after ? (JSON.parse(row.after) as GiftState) : null,
  createdAt: row.created_at,
});

export class RecurringGifts {
  constructor(
    private readonly db: Kysely<Database>,
    /** Tells this process's mail worker there is mail to send. */
    private readonly mailQueued: () => void,
  ) {}

  /** The donation a subscription was made for, if this endpoint made it. */
  async donationOf(subscription: string): Promise<RecurringDonation | undefined> {
    const row = await this.db
      .selectFrom('donations')
      .select(['id', 'campaign', 'locale', 'frequency', 'donor_email', 'donor_hash', 'tribute_kind', 'tribute_name', 'stripe_customer', 'stripe_subscription'])
      .where('stripe_subscription', '=', subscription)
      .where('frequency', 'in', ['month', 'year'])
      .executeTakeFirst();
    if (!row?.stripe_subscription) return undefined;
    return {
      id: row.id,
      campaign: row.campaign,
      locale: row.locale,
      frequency: row.frequency,
      donorEmail: row.donor_email,
      donorHash: row.donor_hash,
      ...(row.tribute_kind && row.tribute_name ? { tribute: { kind: row.tribute_kind as 'honor' | 'memory', name: row.tribute_name } } : {}),
      customer: row.stripe_customer,
      subscription: row.stripe_subscription,
    };
  }

  /** Of these paid invoices, those the ledger counted and has since seen wholly given back (refunded, or a dispute lost). */
  async refundedInvoices(invoices: string[]): Promise<Set<string>> {
    if (!invoices.length) return new Set();
    const rows = await this.db
      .selectFrom('payments as p')
      .innerJoin('payment_intents as pi', 'pi.id', 'p.payment_intent')
      .select(['p.id', 'p.total', 'pi.reversed'])
      .where('p.id', 'in', invoices)
      .execute();
    return new Set(rows.filter((r) => Number(r.reversed) >= Number(r.total)).map((r) => r.id));
  }

  findChange(idempotencyKey: string): Promise<ChangeRecord | undefined> {
    return this.db
      .selectFrom('subscription_changes')
      .selectAll()
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst()
      .then((row) => row && toChange(row));
  }

  /** Records that a change is being asked of Stripe, unless its key is known: then the first is returned. */
  async startChange(change: { idempotencyKey: string; requestHash: string; subscription: string; donationId: string; action: ChangeAction; before: GiftState }): Promise<ChangeStart> {
    const id = randomUUID();
    const createdAt = new Date().toISOString();
    const inserted = await this.db
      .insertInto('subscription_changes')
      .values({
        id,
        idempotency_key: change.idempotencyKey,
        request_hash: change.requestHash,
        subscription: change.subscription,
        donation_id: change.donationId,
        action: change.action,
        status: 'started',
        before: JSON.stringify(change.before),
        after: null,
        response: null,
        created_at: createdAt,
        done_at: null,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { started: true, id, createdAt };
    return { started: false, existing: (await this.findChange(change.idempotencyKey))! };
  }

  /**
   * Stripe made the change: kept with the answer given, the donation row brought up to date (its
   * receipts say monthly or annual from it), and the confirmation queued, all in one transaction.
   * Done once: finishing a change already done changes nothing.
   */
  async finishChange(id: string, after: GiftState, response: unknown): Promise<void> {
    let queued = false;
    await this.db.transaction().execute(async (trx) => {
      const at = new Date().toISOString();
      const done = await trx
        .updateTable('subscription_changes')
        .set({ status: 'done', after: JSON.stringify(after), response: JSON.stringify(response), done_at: at })
        .where('id', '=', id)
        .where('status', '!=', 'done')
        .returning(['subscription', 'donation_id'])
        .executeTakeFirst();
      if (!done?.donation_id) return;
      const donation = await trx
        .updateTable('donations')
        .set({ gift: after.gift, fee: after.fee, total: after.total, frequency: after.frequency })
        .where('id', '=', done.donation_id)
        .returning(['locale', 'donor_email'])
        .executeTakeFirst();
      if (!donation?.donor_email) return;
      queued = await queueMessage(
        trx,
        { key: `change:${id}`, kind: 'gift_changed', language: donation.locale, recipient: donation.donor_email, donationId: done.donation_id, subscription: done.subscription, changeId: id },
        at,
      );
    });
    if (queued) this.mailQueued();
  }

  async failChange(id: string): Promise<void> {
    await this.db.updateTable('subscription_changes').set({ status: 'failed' }).where('id', '=', id).where('status', '=', 'started').execute();
  }

  async readChange(id: string): Promise<(ChangeRecord & { before: GiftState | null }) | undefined> {
    const row = await this.db.selectFrom('subscription_changes').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { ...toChange(row), before: row.before ? (JSON.parse(row.before) as GiftState) : null };
  }

  /**
   * Mail about a recurring gift under a key of its cause (`payment-failed:<invoice>`, …), so a cause
   * told twice (a webhook redelivered, Stripe's next retry of the same invoice) mails once.
   * Returns whether it was new.
   */
  async queueNotice(kind: GiftNotice, subscription: string, cause: string): Promise<boolean> {
    const donation = await this.donationOf(subscription);
    if (!donation?.donorEmail) return false;
    const key = { payment_failed: 'payment-failed', gift_ended: 'gift-ended', manage_link: 'manage-link' }[kind];
    const queued = await queueMessage(
      this.db,
      { key: `${key}:${cause}`, kind, language: donation.locale, recipient: donation.donorEmail, donationId: donation.id, subscription },
      new Date().toISOString(),
    );
    if (queued) this.mailQueued();
    return queued;
  }

  /**
   * The recurring gifts of one donor (by email hash) that are still going: paid at least once and not
   * cancelled, as far as the ledger has heard.
   */
  async activeOf(donorHash: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('donations as d')
      .select('d.stripe_subscription')
      .where('d.donor_hash', '=', donorHash)
      .where('d.frequency', 'in', ['month', 'year'])
      .where('d.stripe_subscription', 'is not', null)
      .where((eb) => eb.exists(eb.selectFrom('payments as p').select('p.id').whereRef('p.subscription', '=', 'd.stripe_subscription')))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('cancelled_subscriptions as c').select('c.id').whereRef('c.id', '=', 'd.stripe_subscription'))))
      .execute();
    return [...new Set(rows.map((r) => r.stripe_subscription!))];
  }
}
