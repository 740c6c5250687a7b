/**
 * The operator's commands:
 *   serve                                   start the endpoint (prints its URL and mode)
 *   offline-gift --campaign mira --amount 250.00 [--note "Gala cheque"] [--donor-name … --donor-email … --date … --method … --language …]
 *   totals                                  each campaign's raised / goal / donors
 *   campaign set <id> --goal 50000 [--currency USD] --name-en … --name-es … --name-pt … [--deductible yes|no]
 *   campaign list
 *   outbox [retry <id>|--failed]             mail not yet sent, and sending it again
 *   receipts year-end <year>                 each donor of the year's statement, once
 *   donor erase <email>                      a person's name, email and messages; amounts stay
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { isLanguage } from '../core/locale.js';
import { parseAmount, formatMoney } from '../core/money.js';
import { ConfigError, isLoopback, loadConfig, type Config } from './config.js';
import { CAMPAIGN_ID } from './ledger/campaigns.js';
import type { Ledger } from './ledger/ledger.js';
import { openLedger, startEndpoint } from './server.js';
import { StartError } from './start-error.js';
import { maskAddress } from './mail/failure.js';

const USAGE = `usage:
  mira-donate serve
  mira-donate offline-gift --campaign <id> --amount <dollars> [--note <text>]
      [--donor-name <name> --donor-email <email> [--date YYYY-MM-DD] [--method cheque|cash|other] [--language en|es|pt]]
  mira-donate totals
  mira-donate campaign set <id> --goal <dollars> [--currency USD] [--name-en <text>] [--name-es <text>] [--name-pt <text>] [--deductible yes|no]
  mira-donate campaign list
  mira-donate outbox                         queued, sending, failed and kept mail
  mira-donate outbox retry <id> | --failed   send a message (or every failed one) again
  mira-donate receipts year-end <year>       queue each donor of the year one statement of their gifts
  mira-donate donor erase <email>            remove a person's name, email and messages, keeping the amounts`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand();
    case 'offline-gift':
      return offlineGift(rest);
    case 'totals':
      return totals();
    case 'campaign':
      return campaign(rest);
    case 'outbox':
      return outbox(rest);
    case 'receipts':
      return receipts(rest);
    case 'donor':
      return donor(rest);
    default:
      throw new UsageError(command ? `unknown command: ${command}` : 'a command is needed');
  }
}

async function serveCommand() {
  const endpoint = await startEndpoint(loadConfig());
  const { mode } = endpoint.config;
  const notes = {
    demo: 'Demo mode: payments go to a local Stripe stand-in; no real payment is taken.',
    test: 'Stripe test mode: no real money moves; use test cards such as 4242 4242 4242 4242.',
    live: 'Live mode: real payments are taken.',
  };
  const beyondLoopback =
    mode === 'demo' && !isLoopback(endpoint.config.host)
      ? `\nWARNING: DEMO_LISTEN_PUBLIC=yes: the demo listens on ${endpoint.config.host}, so other machines reach it and can add test gifts to its totals.`
      : '';
  // One write, so whoever waits for the URL also has the mode note.
  const notices = endpoint.notices.map((n) => `\n${n}`).join('');
  console.log(`mira-donate listening on ${endpoint.url} (mode: ${mode}, ready ${Math.round(performance.now())} ms after process start)\n${notes[mode]}${beyondLoopback}${notices}`);
  const stop = async () => {
    await endpoint.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function withLedger<T>(work: (ledger: Ledger, config: Config) => Promise<T>): Promise<T> {
  // Only the database matters here: the Stripe keys may be absent on an operator's machine, and
  // without them the live endpoint's HOST would read as a demo's asking to listen beyond loopback.
  const config = loadConfig({ ...process.env, NODE_ENV: undefined, STRIPE_SECRET_KEY: undefined, STRIPE_PUBLISHABLE_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, STRIPE_API_URL: undefined, HOST: undefined });
  const ledger = await openLedger(config.databaseUrl);
  // An offline gift recorded here is receipted like any other, unless RECEIPTS=off.
  ledger.queueMail({ receipts: config.mail.receipts, tributeCards: false });
  try {
    return await work(ledger, config);
  } finally {
    await ledger.close();
  }
}

function dollars(name: string, value: string | undefined, currency = 'USD'): number {
  const parsed = value ? parseAmount(value, currency, 'en') : undefined;
  if (!parsed?.ok || parsed.minor <= 0) throw new UsageError(`--${name} must be a positive amount, like 250.00`);
  return parsed.minor;
}

const isEmail = (text: string) => v.is(v.pipe(v.string(), v.maxLength(254), v.email()), text);
const METHODS = ['cheque', 'cash', 'other'] as const;

async function offlineGift(args: string[]) {
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

async function totals() {
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

async function campaign(args: string[]) {
  const [action, ...rest] = args;
  if (action === 'list') {
    return withLedger(async (ledger) => {
      const tax = (d: boolean | null | undefined) => (d === true ? 'deductible' : d === false ? 'not deductible' : 'deductible: not said');
      for (const c of await ledger.listCampaigns()) console.log(`${c.id}  ${formatMoney(c.goal, c.currency, 'en')}  ${tax(c.deductible)}  ${c.name.en} | ${c.name.es} | ${c.name.pt}`);
    });
  }
  if (action !== 'set') throw new UsageError('campaign set <id> … or campaign list');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      goal: { type: 'string' },
      currency: { type: 'string' },
      'name-en': { type: 'string' },
      'name-es': { type: 'string' },
      'name-pt': { type: 'string' },
      deductible: { type: 'string' },
    },
  });
  if (values.deductible !== undefined && values.deductible !== 'yes' && values.deductible !== 'no') throw new UsageError('--deductible must be yes or no');
  const id = positionals[0];
  if (!id || !CAMPAIGN_ID.test(id)) throw new UsageError('campaign set needs an id of lower-case letters, digits and dashes');
  await withLedger(async (ledger, config) => {
    const existing = await ledger.findCampaign(id);
    const currency = (values.currency ?? existing?.currency ?? config.currencies[0]).toUpperCase();
    if (!config.currencies.includes(currency)) throw new UsageError(`--currency must be one of ${config.currencies.join(', ')}`);
    const goal = values.goal !== undefined ? dollars('goal', values.goal, currency) : existing?.goal;
    if (goal === undefined) throw new UsageError('--goal is needed for a new campaign');
    const en = values['name-en'] ?? existing?.name.en;
    if (!en) throw new UsageError('--name-en is needed for a new campaign');
    const name = { en, es: values['name-es'] ?? existing?.name.es ?? en, pt: values['name-pt'] ?? existing?.name.pt ?? en };
    const deductible = values.deductible === undefined ? undefined : values.deductible === 'yes';
    await ledger.saveCampaign({ id, name, goal, currency, ...(deductible !== undefined ? { deductible } : {}) });
    const tax = deductible ?? existing?.deductible;
    console.log(
      `${existing ? 'Updated' : 'Added'} campaign ${id}: goal ${formatMoney(goal, currency, 'en')}, "${name.en}", ${
        tax === true ? 'tax-deductible' : tax === false ? 'not tax-deductible' : 'tax-deductible or not: not said (receipts wait for --deductible yes|no)'
      }`,
    );
  });
}

async function outbox(args: string[]) {
  const [action, ...rest] = args;
  if (action === 'retry') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { failed: { type: 'boolean' } } });
    const id = positionals[0];
    if (!values.failed && !(id && /^\d+$/.test(id))) throw new UsageError('outbox retry <id> (as outbox lists it) or outbox retry --failed');
    return withLedger(async (ledger) => {
      const count = await ledger.outbox.retry(values.failed ? { failed: true } : { id: Number(id) });
      if (!values.failed && count === 0) throw new UsageError(`no failed, kept or queued message ${id} with a recipient (see: outbox)`);
      console.log(`Queued again: ${count} message${count === 1 ? '' : 's'}. A running endpoint sends ${count === 1 ? 'it' : 'them'} within a second.`);
    });
  }
  if (action !== undefined && action !== 'list') throw new UsageError('outbox, or outbox retry <id>|--failed');
  await withLedger(async (ledger) => {
    const rows = await ledger.outbox.list(['queued', 'sending', 'failed', 'kept']);
    const counts = await ledger.outbox.counts();
    console.log(Object.entries(counts).map(([status, n]) => `${status} ${n}`).join(', '));
    if (!rows.length) return;
    // An operator sees which message and why, not whose: the address is masked.
    const table = [['id', 'kind', 'status', 'to', 'language', 'attempts', 'queued', 'next attempt', 'last error']];
    for (const r of rows) {
      table.push([String(r.id), r.kind, r.status, maskAddress(r.recipient), r.language, String(r.attempts), r.createdAt.slice(0, 16), r.status === 'queued' ? r.nextAttemptAt.slice(0, 19) : '', r.lastError ?? '']);
    }
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  });
}

async function receipts(args: string[]) {
  const [action, year] = args;
  if (action !== 'year-end' || !year || !/^\d{4}$/.test(year)) throw new UsageError('receipts year-end <year>, like receipts year-end 2026');
  await withLedger(async (ledger) => {
    const { queued, already } = await ledger.queueYearEnd(Number(year));
    console.log(`Year-end statements for ${year}: ${queued} queued${already ? `, ${already} already queued before` : ''}. A running endpoint sends them.`);
  });
}

async function donor(args: string[]) {
  const [action, email, ...extra] = args;
  if (action !== 'erase' || !email || extra.length || !isEmail(email.trim())) throw new UsageError('donor erase <email>');
  await withLedger(async (ledger) => {
    const erased = await ledger.eraseDonor(email);
    console.log(
      `Erased ${maskAddress(email.trim().toLowerCase())}: donor details on ${erased.donations} gift${erased.donations === 1 ? '' : 's'}, ${erased.tributes} tribute notification${erased.tributes === 1 ? '' : 's'}, ${erased.messages} message${erased.messages === 1 ? '' : 's'} in the outbox. Amounts and totals are unchanged. Stripe keeps its own copy: erase the customer there too.`,
    );
  });
}

main(process.argv.slice(2)).catch((error) => {
  // Said in one line: the setting to fix, not a stack trace.
  if (error instanceof ConfigError || error instanceof StartError) console.error(error.message);
  else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error);
  process.exit(error instanceof ConfigError || error instanceof UsageError ? 2 : 1);
});
