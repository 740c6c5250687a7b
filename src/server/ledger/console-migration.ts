/**
 * The console's migration ('2026-12-20-031-console-gifts'): indexes that keep the gifts list fast at
 * any size, a voided offline gift, each Stripe event's object, and Stripe's balance transactions and
 * payouts (what the payout reconciliation reads).
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The day a gift was given: an offline gift's date, else when it was counted. Every list, filter and index uses this one expression. */
export const GIVEN_AT = 'coalesce(paid_at, recorded_at)';

export const consoleGiftsMigration: Migration = {
  async up(db: Kysely<any>) {
    // Newest first, by the day given, then id: keyset pages read straight off these.
    await db.schema.createIndex('payments_given').on('payments').expression(sql.raw(`${GIVEN_AT}, id`)).execute();
    await db.schema.createIndex('payments_campaign_given').on('payments').expression(sql.raw(`campaign, ${GIVEN_AT}, id`)).execute();
    await db.schema.createIndex('payments_gift').on('payments').columns(['gift', 'id']).execute();
    await db.schema.createIndex('payments_donation').on('payments').column('donation_id').execute();
    await db.schema.createIndex('payments_subscription').on('payments').column('subscription').execute();
    await db.schema.createIndex('donations_email').on('donations').expression(sql`lower(donor_email)`).execute();
    // Named as the manage page's migration names it, which may have made it already.
    await db.schema.createIndex('donations_stripe_subscription').ifNotExists().on('donations').column('stripe_subscription').execute();
    await db.schema.createIndex('donations_customer').on('donations').column('stripe_customer').execute();

    // A voided offline gift stays listed but counts for nothing; why is in the audit log.
    await db.schema.alterTable('payments').addColumn('voided_at', 'text').execute();

    // What each event was about (pi_…, in_…, ch_…, re_…), so a gift's page lists its events.
    await db.schema.alterTable('stripe_events').addColumn('object_id', 'varchar(255)').execute();
    await db.schema.createIndex('stripe_events_object').on('stripe_events').column('object_id').execute();

    await db.schema
      .createTable('balance_transactions')
      .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
      // charge, refund, payout, adjustment, stripe_fee…: Stripe's type.
      .addColumn('type', 'varchar(64)', (c) => c.notNull())
      .addColumn('source', 'varchar(255)')
      .addColumn('payment_intent', 'varchar(255)')
      // A charge's payment method type (card, us_bank_account), when known.
      .addColumn('method', 'varchar(64)')
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('fee', 'bigint', (c) => c.notNull())
      .addColumn('net', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'varchar(3)', (c) => c.notNull())
      .addColumn('status', 'varchar(32)', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('available_on', 'text')
      .addColumn('payout', 'varchar(255)')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('balance_transactions_payout').on('balance_transactions').column('payout').execute();
    await db.schema.createIndex('balance_transactions_payment_intent').on('balance_transactions').column('payment_intent').execute();
    await db.schema.createIndex('balance_transactions_source').on('balance_transactions').column('source').execute();

    await db.schema
      .createTable('payouts')
      .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'varchar(3)', (c) => c.notNull())
      .addColumn('status', 'varchar(32)', (c) => c.notNull())
      .addColumn('arrival_date', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('payouts_arrival').on('payouts').columns(['arrival_date', 'id']).execute();
  },
};
