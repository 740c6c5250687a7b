/**
 * The operator's commands:
 *   serve                                   start the endpoint (prints its URL and mode)
 *   offline-gift --campaign mira --amount 250.00 [--note "Gala cheque"]
 *   totals                                  each campaign's raised / goal / donors
 *   campaign set <id> --goal 50000 [--currency USD] --name-en … --name-es … --name-pt …
 *   campaign list
 */
import { parseArgs } from 'node:util';
import { parseAmount, formatMoney } from '../core/money.js';
import { ConfigError, isLoopback, loadConfig, type Config } from './config.js';
import { CAMPAIGN_ID } from './ledger/campaigns.js';
import type { Ledger } from './ledger/ledger.js';
import { openLedger, startEndpoint } from './server.js';
import { StartError } from './start-error.js';

const USAGE = `usage:
  mira-donate serve
  mira-donate offline-gift --campaign <id> --amount <dollars> [--note <text>]
  mira-donate totals
  mira-donate campaign set <id> --goal <dollars> [--currency USD] [--name-en <text>] [--name-es <text>] [--name-pt <text>]
  mira-donate campaign list`;

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
  console.log(`mira-donate listening on ${endpoint.url} (mode: ${mode}, ready ${Math.round(performance.now())} ms after process start)\n${notes[mode]}${beyondLoopback}`);
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

async function offlineGift(args: string[]) {
  const { values } = parseArgs({ args, options: { campaign: { type: 'string' }, amount: { type: 'string' }, note: { type: 'string' } }, strict: true });
  if (!values.campaign) throw new UsageError('--campaign is needed');
  await withLedger(async (ledger) => {
    const campaign = await ledger.findCampaign(values.campaign!);
    if (!campaign) throw new UsageError(`no campaign "${values.campaign}" (see: campaign list)`);
    const amount = dollars('amount', values.amount, campaign.currency);
    const id = await ledger.recordOfflineGift({ campaign: campaign.id, amount, ...(values.note ? { note: values.note } : {}) });
    const now = await ledger.totals(campaign.id);
    console.log(`Recorded ${formatMoney(amount, campaign.currency, 'en')} for ${campaign.id} (${id}). Raised: ${formatMoney(now!.raised, campaign.currency, 'en')}`);
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
      for (const c of await ledger.listCampaigns()) console.log(`${c.id}  ${formatMoney(c.goal, c.currency, 'en')}  ${c.name.en} | ${c.name.es} | ${c.name.pt}`);
    });
  }
  if (action !== 'set') throw new UsageError('campaign set <id> … or campaign list');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { goal: { type: 'string' }, currency: { type: 'string' }, 'name-en': { type: 'string' }, 'name-es': { type: 'string' }, 'name-pt': { type: 'string' } },
  });
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
    await ledger.saveCampaign({ id, name, goal, currency });
    console.log(`${existing ? 'Updated' : 'Added'} campaign ${id}: goal ${formatMoney(goal, currency, 'en')}, "${name.en}"`);
  });
}

main(process.argv.slice(2)).catch((error) => {
  // Said in one line: the setting to fix, not a stack trace.
  if (error instanceof ConfigError || error instanceof StartError) console.error(error.message);
  else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error);
  process.exit(error instanceof ConfigError || error instanceof UsageError ? 2 : 1);
});
