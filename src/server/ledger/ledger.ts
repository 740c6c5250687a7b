/**
 * The ledger: campaigns, donation attempts, Stripe events and what they count. Routes and the CLI
 * talk to this one object; it tells listeners when totals may have changed so caches can drop them.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { openDatabase, type LedgerDatabase, type OpenOptions } from './db.js';
import { findCampaign, listCampaigns, saveCampaign, setCampaignStatus, type Campaign, type CampaignStatus, type ChangedBy } from './campaigns.js';
import { addSite, listMembers, listRefusedOrigins, recordRefusedOrigin, removeSite, saveMember, siteOrigins, SiteOriginCache, totalsBySite, type AddSiteResult, type Member, type MemberDetails, type RefusedOrigin, type SiteTotals, type SiteTotalsQuery } from './sites.js';
import { findDonationByKey, finishDonation, markDonationFailed, startDonation, type DonationRecord, type NewDonation, type StartResult, type StripeIds } from './donations.js';
import type { DonationResponse } from '../../core/api.js';
import { GroupedEventWriter, recordEntry, recordEvent, type EventRecord } from './events.js';
import type { LedgerEntry, OfflineMethod } from './entries.js';
import { recordAudit, type AuditEntry } from './audit.js';
import { correctOfflineGift, voidOfflineGift, type OfflineCorrection } from './offline.js';
import type { GiftSite } from './site-columns.js';
import { resendReceipt, type ResendOutcome } from './receipt-resend.js';
import { readTotals, type CampaignTotals } from './totals.js';
import { rebuildTotals } from './recount.js';
import { NO_MAIL, Outbox, type MailPolicy } from './outbox.js';
import { queueYearEnd, readReceiptFacts, readTributeFacts, readYearEndFacts } from './receipts.js';
import { eraseDonor, type Erased } from './erase.js';
import { StaffLedger, type NewInvitation } from './staff.js';
import type { Language } from '../../core/locale.js';
import { RecurringGifts } from './subscriptions.js';

export type { Campaign, CampaignTotals, DonationRecord, LedgerEntry, EventRecord, ChangedBy, Member, RefusedOrigin, SiteTotals };

/** A cheque or an event's takings, as the operator records it; with the donor's email it is receipted. */
export interface OfflineGift {
  campaign: string;
  amount: number;
  note?: string;
  donor?: { name: string; email: string };
  /** The day it was given (YYYY-MM-DD); default today. */
  date?: string;
  method?: OfflineMethod;
  language?: Language;
  /** The member site it was given through, where the ledger records sites. */
  site?: GiftSite;
}

export class Ledger {
  private listeners = new Set<() => void>();
  private mailListeners = new Set<() => void>();
  private readonly grouped?: GroupedEventWriter;
  /** What counting a gift queues in the outbox; the endpoint sets it from its configuration. */
  private mail: MailPolicy = NO_MAIL;
  readonly outbox: Outbox;
  /** Recurring gifts as their donors manage them (subscriptions.ts). */
  readonly recurring: RecurringGifts;
  /** The member sites' origins, as this process last read them (sites.ts). */
  private readonly sites: SiteOriginCache;
  /** The console's staff, passkeys and sessions (staff.ts). */
  readonly staff: StaffLedger;

  private constructor(
    readonly database: LedgerDatabase,
    private readonly donorSalt: string,
  ) {
    if (database.dialect === 'sqlite') this.grouped = new GroupedEventWriter(database.db);
    this.outbox = new Outbox(database.db, database.dialect);
    this.recurring = new RecurringGifts(database.db, () => this.mailQueued());
    this.sites = new SiteOriginCache(() => siteOrigins(database.db));
    this.staff = new StaffLedger(database.db);
  }

  static async open(url: string, options: OpenOptions = {}): Promise<Ledger> {
    const database = await openDatabase(url, options);
    const salt = await database.db.selectFrom('settings').select('value').where('key', '=', 'donor_salt').executeTakeFirstOrThrow();
    return new Ledger(database, salt.value);
  }

  get db() {
    return this.database.db;
  }

  /** Fires after any write that can change a campaign's totals. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** From now on, counting a gift queues the mail `policy` allows, in the same transaction. */
  queueMail(policy: MailPolicy): void {
    this.mail = policy;
  }

  get mailPolicy(): MailPolicy {
    return this.mail;
  }

  /** Fires after a write that may have queued mail, so this process's worker looks at once. */
  onMail(listener: () => void): () => void {
    this.mailListeners.add(listener);
    return () => this.mailListeners.delete(listener);
  }

  /** Counting donors needs only "same email or not": a keyed hash answers that and nothing more. */
  donorHash(email: string): string {
    return createHmac('sha256', this.donorSalt).update(email.trim().toLowerCase()).digest('hex');
  }

  findCampaign(id: string): Promise<Campaign | undefined> {
    return findCampaign(this.db, id);
  }

  listCampaigns(): Promise<Campaign[]> {
    return listCampaigns(this.db);
  }

  /** Creates or updates a campaign; `by` (a console or CLI change) writes the audit log in the same transaction. */
  async saveCampaign(campaign: Campaign, by?: ChangedBy): Promise<Campaign> {
    const saved = await saveCampaign(this.db, campaign, by);
    this.changed();
    return saved;
  }

  /** Close, archive or reopen: a closed campaign takes no gifts. Undefined when there is no such campaign. */
  async setCampaignStatus(id: string, status: CampaignStatus, by: ChangedBy): Promise<Campaign | undefined> {
    const saved = await setCampaignStatus(this.db, id, status, by);
    this.changed();
    return saved;
  }

  listMembers(): Promise<Member[]> {
    return listMembers(this.db);
  }

  saveMember(member: MemberDetails, by: ChangedBy): Promise<Member> {
    return saveMember(this.db, member, by);
  }

  /** The origin may take gifts at once in this process, and in others once their copy is stale (SITE_ORIGINS_FRESH_MS). */
  async addSite(origin: string, memberId: string, by: ChangedBy): Promise<AddSiteResult> {
    const result = await addSite(this.db, origin, memberId, by);
    this.sites.drop();
    return result;
  }

  async removeSite(origin: string, by: ChangedBy): Promise<boolean> {
    const removed = await removeSite(this.db, origin, by);
    this.sites.drop();
    return removed;
  }

  /** Whether `origin` is one of the member sites (ALLOWED_ORIGINS is the config's to answer). */
  isMemberSite(origin: string): Promise<boolean> {
    return this.sites.has(origin);
  }

  recordRefusedOrigin(origin: string): Promise<void> {
    return recordRefusedOrigin(this.db, origin);
  }

  listRefusedOrigins(): Promise<RefusedOrigin[]> {
    return listRefusedOrigins(this.db);
  }

  /** Raised, payments and donors per page origin, source and campaign (see sites.ts). */
  totalsBySite(query: SiteTotalsQuery = {}): Promise<SiteTotals[]> {
    return totalsBySite(this.db, query);
  }

  /** The campaign with its running totals (one row). */
  totals(campaignId: string): Promise<CampaignTotals | undefined> {
    return readTotals(this.db, campaignId);
  }

  /** Rewrites every campaign's running totals from the entries, e.g. after rows were loaded in bulk. */
  async rebuildTotals(): Promise<void> {
    await rebuildTotals(this.db);
    this.changed();
  }

  startDonation(record: NewDonation): Promise<StartResult> {
    return startDonation(this.db, record);
  }

  findDonationByKey(idempotencyKey: string): Promise<DonationRecord | undefined> {
    return findDonationByKey(this.db, idempotencyKey);
  }

  /** Keeps the answer given, without its client secret. */
  finishDonation(id: string, ids: StripeIds, response: DonationResponse): Promise<void> {
    return finishDonation(this.db, id, ids, response);
  }

  markDonationFailed(id: string): Promise<void> {
    return markDonationFailed(this.db, id);
  }

  async recordEvent(event: EventRecord, entries: LedgerEntry[]): Promise<boolean> {
    entries = await this.inCampaignCurrency(entries);
    if (!entries.length) event = { ...event, skipReason: event.skipReason ?? 'currency_mismatch' };
    const recorded = this.grouped ? await this.grouped.record(event, entries, this.mail) : await recordEvent(this.db, event, entries, this.mail);
    if (recorded && entries.length) this.changed();
    if (recorded && entries.some((e) => e.type === 'payment')) this.mailQueued();
    return recorded;
  }

  /**
   * A campaign's totals are in its own currency's minor units: a payment in another currency (made
   * outside the form, which refuses one) would add euros as dollars, so it is left out. A payment
   * for a campaign not (yet) set up is kept as it is.
   */
  private async inCampaignCurrency(entries: LedgerEntry[]): Promise<LedgerEntry[]> {
    const kept: LedgerEntry[] = [];
    for (const entry of entries) {
      if (entry.type === 'payment') {
        const campaign = await this.findCampaign(entry.campaign);
        if (campaign && campaign.currency !== entry.currency.toUpperCase()) continue;
      }
      kept.push(entry);
    }
    return kept;
  }

  /**
   * A cheque or an event's takings, entered by the operator. Returns the gift's ledger id. With the
   * donor's email it gets a donation row of its own (what a receipt needs, and one donor per email).
   */
  async recordOfflineGift(gift: OfflineGift, audit?: (id: string) => AuditEntry): Promise<string> {
    const campaign = await this.findCampaign(gift.campaign);
    if (!campaign) throw new Error(`No campaign "${gift.campaign}"`);
    const id = `offline_${randomUUID()}`;
    const at = new Date().toISOString();
    // A site needs a donation row to be kept on; without a donor its donor key is the gift's own id, as before.
    const site = gift.site;
    const donationId = gift.donor || site ? randomUUID() : undefined;
    await this.db.transaction().execute(async (trx) => {
      if (donationId) {
        await trx
          .insertInto('donations')
          .values({
            id: donationId,
            idempotency_key: `offline:${id}`,
            request_hash: 'offline',
            campaign: campaign.id,
            currency: campaign.currency,
            gift: gift.amount,
            fee: 0,
            total: gift.amount,
            frequency: 'once',
            locale: gift.language ?? 'en',
            anonymous: 0,
            donor_hash: gift.donor ? this.donorHash(gift.donor.email) : id,
            donor_name: gift.donor?.name ?? null,
            donor_email: gift.donor?.email.trim() ?? null,
            created_at: at,
            ...(site ? ({ origin: site.origin, source: site.source } as object) : {}),
          })
          .execute();
      }
      await recordEntry(
        trx,
        {
          type: 'payment',
          id,
          kind: 'offline',
          campaign: campaign.id,
          currency: campaign.currency,
          gift: gift.amount,
          total: gift.amount,
          ...(gift.note ? { note: gift.note } : {}),
          ...(donationId ? { donationId } : {}),
          ...(gift.date ? { paidAt: `${gift.date}T12:00:00.000Z` } : {}),
          ...(gift.method ? { method: gift.method } : {}),
        },
        this.mail,
      );
      if (audit) await recordAudit(trx, audit(id));
    });
    this.changed();
    this.mailQueued();
    return id;
  }

  /** Corrects an offline gift (amount, date, method, campaign, donor, note), with the reason in the audit log; totals follow exactly. */
  async correctOfflineGift(correction: OfflineCorrection): Promise<void> {
    await correctOfflineGift(this.db, correction, (email) => this.donorHash(email));
    this.changed();
  }

  /** Voids an offline gift entered by mistake: listed still, counted nowhere; the reason goes in the audit log. */
  async voidOfflineGift(id: string, actor: string, reason: string): Promise<void> {
    await voidOfflineGift(this.db, id, actor, reason);
    this.changed();
  }

  /** Campaigns whose tax statement is not yet said (deductible unknown). */
  async campaignsWithoutTaxStatus(): Promise<Campaign[]> {
    return (await this.listCampaigns()).filter((c) => c.deductible === null || c.deductible === undefined);
  }

  readReceiptFacts(paymentId: string) {
    return readReceiptFacts(this.db, paymentId);
  }

  readTributeFacts(donationId: string) {
    return readTributeFacts(this.db, donationId);
  }

  readYearEndFacts(donorHash: string, year: number) {
    return readYearEndFacts(this.db, donorHash, year);
  }

  /** One statement per donor of the year, once each (see receipts.ts). */
  async queueYearEnd(year: number): Promise<{ queued: number; already: number }> {
    const result = await queueYearEnd(this.db, year);
    if (result.queued) this.mailQueued();
    return result;
  }

  /** Removes a person's name, email and messages, keeping every amount (see erase.ts). */
  eraseDonor(email: string): Promise<Erased> {
    return eraseDonor(this.db, email, this.donorHash(email), this.database.dialect);
  }

  /** Invites someone to the console (staff.ts); this process's mail worker then sends the letter at once. */
  async inviteStaff(invitation: NewInvitation): Promise<{ id: string; staffId: string; expiresAt: string }> {
    const made = await this.staff.invite(invitation);
    this.mailQueued();
    return made;
  }

  /** Sends a gift's receipt again (its first copy's words), or queues it if it never was; audited (see receipt-resend.ts). */
  async resendReceipt(paymentId: string, actor: string): Promise<ResendOutcome> {
    const outcome = await resendReceipt(this.db, paymentId, actor);
    if (outcome === 'queued') this.mailQueued();
    return outcome;
  }

  close(): Promise<void> {
    return this.database.close();
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }

  private mailQueued() {
    for (const listener of this.mailListeners) listener();
  }
}
