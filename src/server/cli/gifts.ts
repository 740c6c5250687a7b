/** offline-gift and totals: what the treasurer records and reads. */
import { isLanguage } from '../../core/locale.js';
import { formatMoney } from '../../core/money.js';
import { maskAddress } from '../mail/failure.js';
import { recordAudit } from '../ledger/audit.js';
import { cliActor, dollars, isEmail, METHODS, UsageError, withLedger } from './shared.js';
import { parseArgs } from 'node:util';

export async function offlineGift(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      campaign: { type: 'string' },
      amount: { type: 'string' },
      note: { type: 'string' },
      'donor-name': { type: 'string' },
      'donor-email': { type: 'string' },
      date: { type: 'string' },
      method: { type: 'string' },
      language: { type: 'string' },
    },
    strict: true,
  });
  if (!values.campaign) throw new UsageError('--campaign is needed');
  const name = values['donor-name']?.trim();
  const email = values['donor-email']?.trim();
  if (email !== undefined && !isEmail(email)) throw new UsageError('--donor-email is not an email address');
  if (Boolean(name) !== Boolean(email)) throw new UsageError('--donor-name and --donor-email go together: the receipt is addressed to the donor by name');
  if (values.date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || Number.isNaN(Date.parse(values.date)) || values.date > new Date().toISOString().slice(0, 10)))
    throw new UsageError('--date must be the day it was given, YYYY-MM-DD, not in the future');
  const method = values.method;
  if (method !== undefined && !(METHODS as readonly string[]).includes(method)) throw new UsageError('--method must be cheque, cash or other');
  if (values.language !== undefined && !isLanguage(values.language)) throw new UsageError('--language must be en, es or pt (the receipt is written in it)');
  await withLedger(async (ledger, config) => {
    const campaign = await ledger.findCampaign(values.campaign!);
    if (!campaign) throw new UsageError(`no campaign "${values.campaign}" (see: campaign list)`);
    const amount = dollars('amount', values.amount, campaign.currency);
    const id = await ledger.recordOfflineGift({
      campaign: campaign.id,
      amount,
      ...(values.note ? { note: values.note } : {}),
      ...(name && email ? { donor: { name, email } } : {}),
      ...(values.date ? { date: values.date } : {}),
      ...(method ? { method: method as (typeof METHODS)[number] } : {}),
      ...(values.language && isLanguage(values.language) ? { language: values.language } : {}),
    });
    // The donor's name and email stay out of the log: `donor erase` must be able to remove them everywhere.
    await recordAudit(ledger.db, {
      actor: cliActor(),
      action: 'offline_gift.add',
      subject: `payment:${id}`,
      after: { campaign: campaign.id, amount, currency: campaign.currency, date: values.date ?? null, method: method ?? null, note: values.note ?? null, donor: Boolean(email) },
    });
    const now = await ledger.totals(campaign.id);
    console.log(`Recorded ${formatMoney(amount, campaign.currency, 'en')} for ${campaign.id} (${id}). Raised: ${formatMoney(now!.raised, campaign.currency, 'en')}`);
    if (email) {
      console.log(
        config.mail.receipts
          ? `Receipt queued for ${maskAddress(email)}: the endpoint sends it (see: outbox).`
          : 'No receipt queued: receipts are off (RECEIPTS=off).',
      );
    }
  });
}

export async function totals() {
  await withLedger(async (ledger) => {
    const rows = [['campaign', 'raised', 'goal', 'donors', 'cancelled subscriptions']];
    for (const campaign of await ledger.listCampaigns()) {
      const t = (await ledger.totals(campaign.id))!;
      rows.push([campaign.id, formatMoney(t.raised, t.currency, 'en'), formatMoney(t.goal, t.currency, 'en'), String(t.donors), String(t.cancelledSubscriptions)]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  });
}
