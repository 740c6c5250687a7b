import type { Generated } from 'kysely';

/** The ledger's tables, as Kysely sees them. Amounts are integers in minor units; times are ISO 8601 text. */
export interface CampaignTable {
  id: string;
  name_en: string;
  name_es: string;
  name_pt: string;
  goal: number;
  currency: string;
  created_at: string;
  updated_at: string;
  /** Whether gifts to it are tax-deductible: 1 yes, 0 no, null not yet said (the receipt's tax statement depends on it). */
  deductible: number | null;
  /** The first and last day it takes gifts (YYYY-MM-DD, Boston time), inclusive; null: no limit. */
  starts_on: string | null;
  ends_on: string | null;
  /** open takes gifts (within its dates); closed takes none and still shows its progress; archived is closed and listed apart. */
  status: 'open' | 'closed' | 'archived';
}

/** One row per POST /api/donations attempt (one Idempotency-Key): what the donor asked for. */
export interface DonationTable {
  id: string;
  idempotency_key: string;
  /** sha256 of the validated request, so the same key with another body is caught. */
  request_hash: string;
  campaign: string;
  currency: string;
  gift: number;
  fee: number;
  total: number;
  frequency: string;
  locale: string;
  anonymous: number;
  tribute_kind: string | null;
  /** HMAC of the lower-cased email, keyed with this ledger's own salt: counts donors, reveals none. */
  donor_hash: string;
  stripe_payment_intent: string | null;
  stripe_customer: string | null;
  stripe_subscription: string | null;
  /** The answer given, replayed for a retried request: without its client secret, fetched again from Stripe. */
  response: string | null;
  /** Set when Stripe could not be reached: a retry then goes straight back to Stripe. */
  failed_at: string | null;
  created_at: string;
  /**
   * What the receipt and the tribute card need, kept only for them and never logged; erased by
   * `cli.js donor erase`. An offline gift recorded with an email has a row of its own (request_hash 'offline').
   */
  donor_name: string | null;
  donor_email: string | null;
  tribute_name: string | null;
  tribute_notify_email: string | null;
  tribute_message: string | null;
  /** The origin of the page the gift was made on (checked against the member sites); null from no page (offline, a server). */
  origin: string | null;
  /** The element's `source` attribute: which member organization the gift is credited to, as it says. */
  source: string | null;
}

/** Each Stripe event, once. */
export interface StripeEventTable {
  id: string;
  type: string;
  received_at: string;
  /** 'applied': its entries were written (objects already counted count once); 'skipped': nothing in it to count (see skip_reason). Null before this was kept. */
  outcome: 'applied' | 'skipped' | null;
  /** A stable code: unhandled_type, no_object, invalid_field:<field>, not_a_gift, not_paid, … Never a value from the event. */
  skip_reason: string | null;
  /** The id of the object the event is about (pi_…, in_…, ch_…, re_…, po_…), for a gift's page. */
  object_id?: string | null;
}

/** Money in: a one-time payment, a paid subscription invoice, or an offline gift. Keyed by the counted object. */
export interface PaymentTable {
  /** pi_… for a one-time gift, in_… for an invoice, offline_… for an offline gift. */
  id: string;
  kind: 'payment' | 'invoice' | 'offline';
  campaign: string;
  currency: string;
  /** The gift part (what raised counts) and what was charged (gift + covered fee). */
  gift: number;
  total: number;
  /** The PaymentIntent that took the money: refunds and disputes point at it. */
  payment_intent: string | null;
  donation_id: string | null;
  subscription: string | null;
  note: string | null;
  recorded_at: string;
  /** When the gift was given, where that is not when it was recorded (an offline gift's date). */
  paid_at: string | null;
  /** An offline gift's method: cheque, cash or other (a Stripe payment's is Stripe's to tell). */
  method: string | null;
  /** The receipt's number ("2026-000042"), given once, when its receipt is queued. */
  receipt_number: string | null;
  /** Set when an offline gift was voided from the console: listed still, counted nowhere (ledger/offline.ts). */
  voided_at?: string | null;
}

/** Money out, or on its way out: a refund or a dispute, keyed by its own Stripe id. */
export interface ReversalTable {
  id: string;
  kind: 'refund' | 'dispute';
  payment_intent: string;
  amount: number;
  recorded_at: string;
  /** A refund's most final status, or a dispute's facts ("lost,withdrawn"; "open"): see reversals.ts. */
  status: string;
  /** 1 while it takes money back (the status decides), else 0. */
  counted: number;
}

/**
 * One row per PaymentIntent that money was paid or reversed against. Every write about a
 * PaymentIntent upserts its row first, which locks it, so two processes never count a payment and
 * its refund each without seeing the other.
 */
export interface PaymentIntentTable {
  id: string;
  /** Sum of the counted reversals' amounts against it. */
  reversed: number;
}

/** Each campaign's running totals, changed in the same transaction as every entry that changes them. */
export interface CampaignTotalsTable {
  campaign: string;
  raised: number;
  donors: number;
  cancelled_subscriptions: number;
  updated_at: string;
}

/** Who has given to a campaign, once each: a donation's donor_hash, or the payment's id when it has none. */
export interface CampaignDonorTable {
  campaign: string;
  donor_key: string;
}

export interface CancelledSubscriptionTable {
  id: string;
  campaign: string | null;
  cancelled_at: string;
}

/**
 * Mail the ledger owes: queued in the same transaction as what causes it, claimed by one worker at
 * a time (status sending, with a lease), then sent, failed (kept, for the operator), cancelled or,
 * with no SMTP server configured, kept here (demo mode shows these at /outbox).
 */
export interface OutboxTable {
  id: Generated<number>;
  /**
   * One message per cause: receipt:<payment id>, tribute:<donation id>, year-end:<year>:<donor hash>,
   * change:<change id>, payment-failed:<invoice id>, gift-ended:<subscription id>, manage-link:<subscription id>:<request>.
   */
  key: string;
  kind: 'receipt' | 'tribute' | 'year_end' | 'gift_changed' | 'payment_failed' | 'gift_ended' | 'manage_link' | 'staff_invitation';
  payment_id: string | null;
  donation_id: string | null;
  donor_hash: string | null;
  year: number | null;
  language: string;
  /** The address it goes to; null once erased. */
  recipient: string | null;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'kept';
  attempts: number;
  next_attempt_at: string;
  /** While sending: the claim's token and until when it holds; after that the row may be claimed again. */
  claim: string | null;
  lease_until: string | null;
  /** A stable code or the SMTP server's reply, with addresses masked. */
  last_error: string | null;
  /** The copy rendered at the first attempt, sent again unchanged on a retry. */
  subject: string | null;
  html: string | null;
  text: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
  /** The recurring gift a message is about (a change, a failed payment, a link). */
  subscription: string | null;
  /** A change's confirmation: the subscription_changes row it confirms. */
  change_id: string | null;
}

/** The last receipt number given in each year. */
export interface ReceiptNumberTable {
  year: number;
  last: number;
}

export interface SettingTable {
  key: string;
  value: string;
}

/** Every change made in the console or the CLI (ledger/audit.ts); rows are only ever added. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** Each change a donor made to a recurring gift from their link, once per Idempotency-Key. */
export interface SubscriptionChangeTable {
  id: string;
  /** The request's Idempotency-Key, or for a card the SetupIntent's `card:<seti_…>`. */
  idempotency_key: string;
  request_hash: string;
  subscription: string;
  donation_id: string | null;
  action: 'change' | 'pause' | 'resume' | 'cancel' | 'card';
  /** started (Stripe asked), done (Stripe said yes: the answer is kept), failed (Stripe refused or was unreachable). */
  status: 'started' | 'done' | 'failed';
  /** The gift before and after, as JSON (amounts, frequency, pause, card brand and last four). */
  before: string | null;
  after: string | null;
  /** The answer given, replayed to a retried request. */
  response: string | null;
  created_at: string;
  done_at: string | null;
}

/** A member organization of the coalition, whose sites may take gifts. */
export interface MemberTable {
  id: string;
  name: string;
  contact_name: string | null;
  contact_email: string | null;
  created_at: string;
  updated_at: string;
}

/** A member's site: an origin whose pages may create donations (beside ALLOWED_ORIGINS). */
export interface MemberSiteTable {
  origin: string;
  member_id: string;
  added_at: string;
}

/** Origins whose pages asked to take gifts and were refused, so adding one is one action; bounded (sites.ts). */
export interface RefusedOriginTable {
  origin: string;
  attempts: number;
  first_seen: string;
  last_seen: string;
}

/** Who may sign in to the console. Kept after removal (removed_at) so the audit log still names them. */
export interface StaffTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  role: 'viewer' | 'treasurer' | 'admin';
  /** The WebAuthn user handle (base64url, random): what a discoverable passkey says it belongs to. */
  user_handle: string;
  created_at: string;
  removed_at: string | null;
}

/** A one-time link to enrol a passkey: the token itself is never kept, only its SHA-256. */
export interface StaffInvitationTable {
  id: string;
  token_hash: string;
  staff_id: string;
  /** The role the staff member has once enrolled through it. */
  role: 'viewer' | 'treasurer' | 'admin';
  /** A staff id, or `cli:<user>`. */
  invited_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface StaffPasskeyTable {
  /** The credential id, base64url. */
  id: string;
  staff_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of transports the authenticator named, or null. */
  transports: string | null;
  backed_up: number;
  created_at: string;
  last_used_at: string | null;
}

/** A signed-in browser: the cookie holds the id, the ledger its SHA-256. */
export interface StaffSessionTable {
  id_hash: string;
  staff_id: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end, whatever the activity. */
  expires_at: string;
}

/** A WebAuthn challenge handed out and not yet answered: each is answered once, before it expires. */
export interface WebauthnChallengeTable {
  challenge: string;
  purpose: 'enrol' | 'sign_in';
  invitation_id: string | null;
  expires_at: string;
}

/** A movement of Stripe's balance: a charge (gross, Stripe's fee, net), a refund, a payout (ledger/payouts.ts). */
export interface BalanceTransactionTable {
  id: string;
  type: string;
  /** ch_…, re_…, du_…, po_…: what moved the money. */
  source: string | null;
  payment_intent: string | null;
  /** A charge's payment method type (card, us_bank_account). */
  method: string | null;
  amount: number;
  fee: number;
  net: number;
  currency: string;
  status: string;
  created_at: string;
  available_on: string | null;
  /** The payout it was paid out in, once Stripe says. */
  payout: string | null;
  recorded_at: string;
}

/** A Stripe payout to the bank: what the statement shows. */
export interface PayoutTable {
  id: string;
  amount: number;
  currency: string;
  status: string;
  arrival_date: string;
  created_at: string;
  recorded_at: string;
}

export interface Database {
  campaigns: CampaignTable;
  donations: DonationTable;
  stripe_events: StripeEventTable;
  payments: PaymentTable;
  reversals: ReversalTable;
  payment_intents: PaymentIntentTable;
  campaign_totals: CampaignTotalsTable;
  campaign_donors: CampaignDonorTable;
  cancelled_subscriptions: CancelledSubscriptionTable;
  settings: SettingTable;
  outbox: OutboxTable;
  receipt_numbers: ReceiptNumberTable;
  audit_log: AuditLogTable;
  subscription_changes: SubscriptionChangeTable;
  members: MemberTable;
  member_sites: MemberSiteTable;
  refused_origins: RefusedOriginTable;
  staff: StaffTable;
  staff_invitations: StaffInvitationTable;
  staff_passkeys: StaffPasskeyTable;
  staff_sessions: StaffSessionTable;
  webauthn_challenges: WebauthnChallengeTable;
  balance_transactions: BalanceTransactionTable;
  payouts: PayoutTable;
}
