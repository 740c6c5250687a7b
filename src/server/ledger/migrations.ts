/**
 * One set of migrations for SQLite and PostgreSQL, run at every start (a no-op once applied).
 * Kysely's migrator takes a lock, so several processes starting together apply each one once.
 */
import { randomBytes } from 'node:crypto';
import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { stripClientSecrets } from './donations.js';
import { rebuildTotals } from './recount.js';
import { consoleGiftsMigration } from './console-migration.js';

const now = () => new Date().toISOString();

/** Exported for tests that start from an older schema. */
export const migrations: Record<string, Migration> = {
  '2026-11-21-001-ledger': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('name_es', 'text', (c) => c.notNull())
        .addColumn('name_pt', 'text', (c) => c.notNull())
        .addColumn('goal', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'varchar(3)', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('donations')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('idempotency_key', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('campaign', 'varchar(64)', (c) => c.notNull())
        .addColumn('currency', 'varchar(3)', (c) => c.notNull())
        .addColumn('gift', 'bigint', (c) => c.notNull())
        .addColumn('fee', 'bigint', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('frequency', 'varchar(8)', (c) => c.notNull())
        .addColumn('locale', 'varchar(8)', (c) => c.notNull())
        .addColumn('anonymous', 'integer', (c) => c.notNull())
        .addColumn('tribute_kind', 'varchar(8)')
        .addColumn('donor_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('stripe_payment_intent', 'varchar(255)')
        .addColumn('stripe_customer', 'varchar(255)')
        .addColumn('stripe_subscription', 'varchar(255)')
        .addColumn('response', 'text')
        .addColumn('failed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('stripe_events')
        .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('type', 'varchar(255)', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('payments')
        .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('campaign', 'varchar(64)', (c) => c.notNull())
        .addColumn('currency', 'varchar(3)', (c) => c.notNull())
        .addColumn('gift', 'bigint', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('payment_intent', 'varchar(255)')
        .addColumn('donation_id', 'varchar(64)')
        .addColumn('subscription', 'varchar(255)')
        .addColumn('note', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('payments_campaign').on('payments').column('campaign').execute();
      await db.schema.createIndex('payments_payment_intent').on('payments').column('payment_intent').execute();

      await db.schema
        .createTable('reversals')
        .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('payment_intent', 'varchar(255)', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reversals_payment_intent').on('reversals').column('payment_intent').execute();

      await db.schema
        .createTable('cancelled_subscriptions')
        .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('campaign', 'varchar(64)')
        .addColumn('cancelled_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      // A salt of this ledger's own for hashing donor emails: shared by every process on the database.
      await db.insertInto('settings').values({ key: 'donor_salt', value: randomBytes(32).toString('hex') }).execute();

      const at = now();
      await db
        .insertInto('campaigns')
        .values({
          id: 'mira',
          name_en: "MIRA's state policy work",
          name_es: 'El trabajo de MIRA en políticas estatales',
          name_pt: 'O trabalho da MIRA em políticas estaduais',
          goal: 10_000_000,
          currency: 'USD',
          created_at: at,
          updated_at: at,
        })
        .execute();
    },
  },

  // Running totals (issue 7): refund and dispute status, skipped events, and each campaign's totals
  // kept beside the entries. Rows from before are backfilled: every refund then recorded was
  // counted, and only lost disputes were recorded.
  '2026-12-02-002-running-totals': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('stripe_events').addColumn('outcome', 'varchar(16)').execute();
      await db.schema.alterTable('stripe_events').addColumn('skip_reason', 'varchar(255)').execute();
      await db.schema.alterTable('reversals').addColumn('status', 'varchar(64)', (c) => c.notNull().defaultTo('succeeded')).execute();
      await db.schema.alterTable('reversals').addColumn('counted', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.updateTable('reversals').set({ status: 'lost' }).where('kind', '=', 'dispute').execute();

      await db.schema
        .createTable('payment_intents')
        .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('reversed', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('campaign_donors')
        .addColumn('campaign', 'varchar(64)', (c) => c.notNull())
        .addColumn('donor_key', 'varchar(255)', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_donors_pk', ['campaign', 'donor_key'])
        .execute();
      await db.schema
        .createTable('campaign_totals')
        .addColumn('campaign', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('raised', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('donors', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('cancelled_subscriptions', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cancelled_subscriptions_campaign').on('cancelled_subscriptions').column('campaign').execute();
      await rebuildTotals(db);
    },
  },

  '2026-12-02-003-donations-without-client-secrets': {
    // The saved answer replayed to a retried request kept the PaymentIntent's client secret; it is
    // now asked of Stripe again.
    up: (db: Kysely<any>) => stripClientSecrets(db),
  },
  // Receipts and tribute cards (issue 9): what they need of the donation, each campaign's tax
  // statement (unknown until the operator says), receipt numbers, and the outbox.
  '2026-12-09-003-mail': {
    async up(db: Kysely<any>) {
      for (const column of ['donor_name', 'donor_email', 'tribute_name', 'tribute_notify_email', 'tribute_message']) {
        await db.schema.alterTable('donations').addColumn(column, 'text').execute();
      }
      await db.schema.alterTable('campaigns').addColumn('deductible', 'integer').execute();
      await db.schema.alterTable('payments').addColumn('paid_at', 'text').execute();
      await db.schema.alterTable('payments').addColumn('method', 'varchar(16)').execute();
      await db.schema.alterTable('payments').addColumn('receipt_number', 'varchar(32)').execute();
      await db.schema.createIndex('payments_receipt_number').on('payments').column('receipt_number').unique().execute();
      await db.schema.createIndex('donations_donor_hash').on('donations').column('donor_hash').execute();

      await db.schema
        .createTable('receipt_numbers')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();

      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable('outbox')
        // SQLite's INTEGER PRIMARY KEY numbers rows itself; PostgreSQL needs an identity.
        .addColumn('id', 'integer', (c) => (postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
        .addColumn('key', 'varchar(255)', (c) => c.notNull().unique())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('payment_id', 'varchar(255)')
        .addColumn('donation_id', 'varchar(64)')
        .addColumn('donor_hash', 'varchar(64)')
        .addColumn('year', 'integer')
        .addColumn('language', 'varchar(8)', (c) => c.notNull())
        .addColumn('recipient', 'text')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claim', 'varchar(64)')
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('subject', 'text')
        .addColumn('html', 'text')
        .addColumn('text', 'text')
        .addColumn('message_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
    },
  },
  '2026-12-20-020-audit-log': {
    async up(db: Kysely<any>) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => (postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'varchar(255)', (c) => c.notNull())
        .addColumn('action', 'varchar(64)', (c) => c.notNull())
        .addColumn('subject', 'varchar(255)', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('reason', 'text')
        .execute();
      await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject', 'at']).execute();
    },
  },
  // Managing a recurring gift (issue 10): each change a donor makes from their link, once per
  // Idempotency-Key, and what the outbox needs to write about a subscription and its changes.
  '2026-12-20-010-manage': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('subscription_changes')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('idempotency_key', 'varchar(255)', (c) => c.notNull().unique())
        .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('subscription', 'varchar(255)', (c) => c.notNull())
        .addColumn('donation_id', 'varchar(64)')
        .addColumn('action', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('response', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .execute();
      await db.schema.createIndex('subscription_changes_subscription').on('subscription_changes').columns(['subscription', 'created_at']).execute();
      await db.schema.alterTable('outbox').addColumn('subscription', 'varchar(255)').execute();
      await db.schema.alterTable('outbox').addColumn('change_id', 'varchar(64)').execute();
      await db.schema.createIndex('donations_stripe_subscription').on('donations').column('stripe_subscription').execute();
    },
  },
  // The console's campaigns and member sites (issue 11): campaign dates and status, where each gift
  // came from (the page's origin, the element's source), member organizations and their sites, and
  // the origins refused.
  '2026-12-20-030-sites': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('campaigns').addColumn('starts_on', 'varchar(10)').execute();
      await db.schema.alterTable('campaigns').addColumn('ends_on', 'varchar(10)').execute();
      await db.schema.alterTable('campaigns').addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('open')).execute();
      await db.schema.alterTable('donations').addColumn('origin', 'varchar(255)').execute();
      await db.schema.alterTable('donations').addColumn('source', 'varchar(32)').execute();
      await db.schema
        .createTable('members')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact_name', 'text')
        .addColumn('contact_email', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('member_sites')
        .addColumn('origin', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('member_id', 'varchar(64)', (c) => c.notNull().references('members.id'))
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('member_sites_member').on('member_sites').column('member_id').execute();
      await db.schema
        .createTable('refused_origins')
        .addColumn('origin', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('attempts', 'bigint', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('refused_origins_last_seen').on('refused_origins').column('last_seen').execute();
    },
  },
  // The console's staff (issue 11): who may sign in, their passkeys, one-time invitations, sessions
  // and the WebAuthn challenges in flight. Tokens and session ids are kept only as SHA-256 hashes.
  // The audit log becomes append-only in the database itself: a trigger refuses UPDATE and DELETE.
  '2026-12-20-021-staff': {
    async up(db: Kysely<any>) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable('staff')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('user_handle', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('removed_at', 'text')
        .execute();
      await db.schema
        .createTable('staff_invitations')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('staff_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('invited_by', 'varchar(255)', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('staff_invitations_staff').on('staff_invitations').column('staff_id').execute();
      await db.schema
        .createTable('staff_passkeys')
        .addColumn('id', 'varchar(1024)', (c) => c.primaryKey())
        .addColumn('staff_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('counter', 'bigint', (c) => c.notNull())
        .addColumn('transports', 'text')
        .addColumn('backed_up', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('staff_passkeys_staff').on('staff_passkeys').column('staff_id').execute();
      await db.schema
        .createTable('staff_sessions')
        .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('staff_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').column('staff_id').execute();
      await db.schema
        .createTable('webauthn_challenges')
        .addColumn('challenge', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
        .addColumn('invitation_id', 'varchar(64)')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      if (postgres) {
        await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP; END $$`.execute(db);
        await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
      } else {
        await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END`.execute(db);
        await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END`.execute(db);
      }
    },
  },
  // The console (issue 11): the gifts list's indexes (sorted by the day given, filtered, searched),
  // a voided offline gift, each Stripe event's object (a gift's page lists its events), and what
  // Stripe moved in the balance: each charge's and refund's balance transaction and the payout it
  // landed in.
  '2026-12-20-031-console-gifts': consoleGiftsMigration,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrate(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Ledger migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The migrations this code knows that the database has not applied (a readiness check: none). */
export async function pendingMigrations(db: Kysely<any>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
