/** What the commands share: the usage error, the ledger opened from the environment, amounts and emails. */
import { userInfo } from 'node:os';
import * as v from 'valibot';
import { parseAmount } from '../../core/money.js';
import { loadConfig, type Config } from '../config.js';
import type { Ledger } from '../ledger/ledger.js';
import { openLedger } from '../server.js';

/** A command used wrongly: said with the usage. */
export class UsageError extends Error {}

export async function withLedger<T>(work: (ledger: Ledger, config: Config) => Promise<T>): Promise<T> {
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

export function dollars(name: string, value: string | undefined, currency = 'USD'): number {
  const parsed = value ? parseAmount(value, currency, 'en') : undefined;
  if (!parsed?.ok || parsed.minor <= 0) throw new UsageError(`--${name} must be a positive amount, like 250.00`);
  return parsed.minor;
}

export const isEmail = (text: string) => v.is(v.pipe(v.string(), v.maxLength(254), v.email()), text);
export const METHODS = ['cheque', 'cash', 'other'] as const;

/** Who ran a command, for the audit log: `cli:<the operating system's user>`. */
export function cliActor(): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): the environment may still say.
  }
  return `cli:${name || process.env.USER || process.env.LOGNAME || 'unknown'}`;
}
