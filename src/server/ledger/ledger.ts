/**
 * The ledger: campaigns, donation attempts, Stripe events and what they count. Routes and the CLI
 * talk to this one object; it tells listeners when totals may have changed so caches can drop them.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { openDatabase, type LedgerDatabase, type OpenOptions } from './db.js';
import { findCampaign, listCampaigns, saveCampaign, type Campaign } from './campaigns.js';
import { findDonationByKey, finishDonation, markDonationFailed, startDonation, type DonationRecord, type StartResult, type StripeIds } from './donations.js';
import type { DonationResponse } from '../../core/api.js';
import { GroupedEventWriter, recordEntry, recordEvent, type EventRecord } from './events.js';
import type { LedgerEntry } from './entries.js';
import { readTotals, type CampaignTotals } from './totals.js';
import { rebuildTotals } from './recount.js';

export type { Campaign, CampaignTotals, DonationRecord, LedgerEntry, EventRecord };

export class Ledger {
  private listeners = new Set<() => void>();
  private readonly grouped?: GroupedEventWriter;

  private constructor(
    readonly database: LedgerDatabase,
    private readonly donorSalt: string,
  ) {
    if (database.dialect === 'sqlite') this.grouped = new GroupedEventWriter(database.db);
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

  async saveCampaign(campaign: Campaign): Promise<void> {
    await saveCampaign(this.db, campaign);
    this.changed();
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

  startDonation(record: DonationRecord): Promise<StartResult> {
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
    const recorded = this.grouped ? await this.grouped.record(event, entries) : await recordEvent(this.db, event, entries);
    if (recorded && entries.length) this.changed();
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

  /** A cheque or an event's takings, entered by the operator. Returns the gift's ledger id. */
  async recordOfflineGift(gift: { campaign: string; amount: number; note?: string }): Promise<string> {
    const campaign = await this.findCampaign(gift.campaign);
    if (!campaign) throw new Error(`No campaign "${gift.campaign}"`);
    const id = `offline_${randomUUID()}`;
    await recordEntry(this.db, {
      type: 'payment',
      id,
      kind: 'offline',
      campaign: campaign.id,
      currency: campaign.currency,
      gift: gift.amount,
      total: gift.amount,
      ...(gift.note ? { note: gift.note } : {}),
    });
    this.changed();
    return id;
  }

  close(): Promise<void> {
    return this.database.close();
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }
}
