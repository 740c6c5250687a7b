/**
 * The endpoint's configuration, read from the environment once at start and checked as a whole:
 * every missing or malformed setting is named in one error, so an operator fixes them in one go.
 */
import proxyaddr from 'proxy-addr';
import { DEFAULT_FEE_RATES, type FeeRates } from '../core/fees.js';
import { parseAmount } from '../core/money.js';
import type { Mode } from '../core/api.js';
import { parseLinkKeys, randomLinkKey, type LinkKey } from './manage/links.js';
import { LOG_LEVELS, type LogLevel } from './log.js';

export interface StripeApi {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export interface RateLimits {
  windowMs: number;
  perAddress: number;
  perEmail: number;
}

export interface Config {
  mode: Mode;
  /** Empty in demo mode until the stand-in starts and fills these in. */
  stripe: {
    secretKey: string;
    publishableKey: string;
    webhookSecret: string;
    /** A Stripe-compatible server to talk to instead of api.stripe.com (the stand-in). */
    api?: StripeApi;
    /** Demo mode: the Stripe.js stand-in the widget loads instead of js.stripe.com. */
    stripeJsUrl?: string;
  };
  /** `sqlite:<path>` or `postgres://…`. */
  databaseUrl: string;
  allowedOrigins: string[];
  feeRates: FeeRates;
  currencies: string[];
  minimum: number;
  maximum: number;
  port: number;
  host: string;
  rateLimits: RateLimits;
  /** The proxies in front (addresses, CIDR ranges, or loopback/linklocal/uniquelocal): X-Forwarded-For is read only from them. */
  trustedProxies: string[];
  /** Origins of the endpoint's own pages: PUBLIC_URL's; in demo mode the listen address's are added at start. */
  ownOrigins: string[];
  /** Demo mode only: the operator asked for a listen address beyond loopback (DEMO_LISTEN_PUBLIC=yes). */
  demoListenPublic: boolean;
  /** Who receipts come from, as the IRS knows it (ORG_*): required with real keys; demo mode fills in MIRA's name and a placeholder EIN. */
  organization: OrganizationConfig;
  /** Receipts, tribute cards and how they are sent (see mailConfigFrom). */
  mail: MailConfig;
  /** PUBLIC_URL as given: where the endpoint's own pages (the manage page) are. */
  publicUrl?: string;
  /** Managing a recurring gift (see manage/links.ts). */
  manage: ManageConfig;
  /** GIVE_URL: where the widget on a page that may not take gifts sends the donor instead. */
  giveUrl: string;
  /** LOG_LEVEL: the least level written (info by default; debug adds health probes). */
  logLevel: LogLevel;
  /** SHUTDOWN_SECONDS: on SIGTERM, how long requests under way and the mail being sent may take to finish (10 s). */
  shutdownMs: number;
}

export interface ManageConfig {
  /** MANAGE_LINK_KEYS: the first signs links, every one verifies them. Demo mode makes one at start. */
  linkKeys: LinkKey[];
}

/** MIRA's own donation page: where a donor goes when the page they are on may not take gifts. */
export const DEFAULT_GIVE_URL = 'https://www.miracoalition.org/donate';

export interface OrganizationConfig {
  legalName: string;
  /** `NN-NNNNNNN`; in demo mode `00-0000000 (demo)`, which no real EIN is. */
  ein: string;
  address: string;
  website?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/mira-donate.db';

type Env = Record<string, string | undefined>;

/** Reads and checks everything; throws one ConfigError naming each problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const secretKey = text('STRIPE_SECRET_KEY');
  const publishableKey = text('STRIPE_PUBLISHABLE_KEY');
  const webhookSecret = text('STRIPE_WEBHOOK_SECRET');
  let mode: Mode = 'demo';
  if (secretKey) {
    if (secretKey.startsWith('sk_live_') || secretKey.startsWith('rk_live_')) mode = 'live';
    else if (secretKey.startsWith('sk_test_') || secretKey.startsWith('rk_test_')) mode = 'test';
    else problems.push('STRIPE_SECRET_KEY must start with sk_live_ or sk_test_ (or rk_ for a restricted key)');
    if (!publishableKey) problems.push('STRIPE_PUBLISHABLE_KEY is missing (needed with STRIPE_SECRET_KEY)');
    else if (!/^pk_(live|test)_/.test(publishableKey)) problems.push('STRIPE_PUBLISHABLE_KEY must start with pk_live_ or pk_test_');
    else if (mode !== 'demo' && !publishableKey.startsWith(`pk_${mode}_`))
      problems.push(`STRIPE_PUBLISHABLE_KEY is a ${mode === 'live' ? 'test' : 'live'} key but STRIPE_SECRET_KEY is a ${mode} key`);
    if (!webhookSecret) problems.push('STRIPE_WEBHOOK_SECRET is missing (needed with STRIPE_SECRET_KEY)');
    else if (!webhookSecret.startsWith('whsec_')) problems.push('STRIPE_WEBHOOK_SECRET must start with whsec_');
  } else {
    if (publishableKey || webhookSecret) problems.push('STRIPE_SECRET_KEY is missing (STRIPE_PUBLISHABLE_KEY or STRIPE_WEBHOOK_SECRET is set)');
    if (text('NODE_ENV')?.toLowerCase() === 'production') problems.push('STRIPE_SECRET_KEY is missing: demo mode takes no real payments and is refused under NODE_ENV=production');
  }

  let api: StripeApi | undefined;
  const apiUrl = text('STRIPE_API_URL');
  if (apiUrl) {
    try {
      const url = new URL(apiUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
      api = { host: url.hostname, port: Number(url.port || (url.protocol === 'http:' ? 80 : 443)), protocol: url.protocol === 'http:' ? 'http' : 'https' };
    } catch {
      problems.push(`STRIPE_API_URL is not an http(s) URL: ${apiUrl}`);
    }
    if (mode === 'live') problems.push('STRIPE_API_URL may only point a test key at a Stripe stand-in, never a live key');
  }

  const databaseUrl = databaseUrlFrom(text('DATABASE_URL'), problems);

  const allowedOrigins: string[] = [];
  for (const origin of (text('ALLOWED_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean)) {
    if (origin === '*') {
      allowedOrigins.push('*');
      continue;
    }
    const parsed = originOf(origin);
    if (parsed) allowedOrigins.push(parsed);
    else problems.push(`ALLOWED_ORIGINS has an entry that is not an origin (scheme://host[:port]): ${origin}`);
  }

  const currencies = (text('CURRENCIES') ?? 'USD').split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
  for (const currency of currencies) {
    if (!/^[A-Z]{3}$/.test(currency)) problems.push(`CURRENCIES has an entry that is not an ISO 4217 code: ${currency}`);
  }

  const feeRates: FeeRates = { ...DEFAULT_FEE_RATES };
  const feePercent = text('FEE_PERCENT');
  if (feePercent !== undefined) {
    const percent = Number(feePercent);
    if (!/^\d+(\.\d{1,2})?$/.test(feePercent) || percent >= 50) problems.push(`FEE_PERCENT must be a percentage below 50 with at most two decimals, like 2.2: ${feePercent}`);
    else feeRates.basisPoints = Math.round(percent * 100);
  }
  const feeFixed = money('FEE_FIXED', text('FEE_FIXED'), problems, { allowZero: true });
  if (feeFixed !== undefined) feeRates.fixed = feeFixed;

  const minimum = money('MIN_GIFT', text('MIN_GIFT'), problems) ?? 500;
  const maximum = money('MAX_GIFT', text('MAX_GIFT'), problems) ?? 10_000_000;
  if (minimum > maximum) problems.push(`MIN_GIFT (${minimum / 100}) is above MAX_GIFT (${maximum / 100})`);

  const port = integer('PORT', text('PORT'), problems, 0, 65_535) ?? 8787;
  const host = text('HOST') ?? '127.0.0.1';
  // Demo mode takes no real payments but its totals are real-looking: keep it on this machine unless told.
  const demoListenPublic = text('DEMO_LISTEN_PUBLIC')?.toLowerCase() === 'yes';
  if (text('DEMO_LISTEN_PUBLIC') !== undefined && !demoListenPublic) problems.push(`DEMO_LISTEN_PUBLIC must be yes (or unset): ${text('DEMO_LISTEN_PUBLIC')}`);
  else if (mode === 'demo' && !demoListenPublic && !isLoopback(host))
    problems.push(`HOST=${host} is beyond loopback, and demo mode listens on loopback only: set DEMO_LISTEN_PUBLIC=yes to serve the demo to other machines, or set the Stripe keys`);
  const rateLimits: RateLimits = {
    windowMs: (integer('RATE_LIMIT_WINDOW', text('RATE_LIMIT_WINDOW'), problems, 1, 86_400) ?? 600) * 1000,
    perAddress: integer('RATE_LIMIT_PER_ADDRESS', text('RATE_LIMIT_PER_ADDRESS'), problems, 1, 1_000_000) ?? 20,
    perEmail: integer('RATE_LIMIT_PER_EMAIL', text('RATE_LIMIT_PER_EMAIL'), problems, 1, 1_000_000) ?? 5,
  };
  const trustedProxies = trustedProxiesFrom(text('TRUST_PROXY'), problems);

  const ownOrigins: string[] = [];
  const publicUrl = text('PUBLIC_URL');
  if (publicUrl) {
    const parsed = originOf(publicUrl);
    if (parsed && /^https?:/.test(parsed)) ownOrigins.push(parsed);
    else problems.push(`PUBLIC_URL must be the origin of the endpoint's own pages (http(s)://host[:port], no path): ${publicUrl}`);
  }

  const organization = organizationFrom(text, mode, problems);
  const mail = mailConfigFrom(text, mode, problems);
  const manage = manageConfigFrom(text, mode, problems);
  // The manage links in receipts point at the endpoint's own pages, which only PUBLIC_URL names.
  if (mode !== 'demo' && mail.receipts && !publicUrl) problems.push('PUBLIC_URL is missing: receipts for monthly and annual gifts link to the endpoint\'s /manage page, so set PUBLIC_URL (https://give.example.org), or RECEIPTS=off');
  const giveUrl = text('GIVE_URL') ?? DEFAULT_GIVE_URL;
  if (!/^https?:$/.test(urlProtocol(giveUrl))) problems.push(`GIVE_URL must be an http(s) address, like ${DEFAULT_GIVE_URL}: ${giveUrl}`);
  const { logLevel, shutdownMs } = operationFrom(text, problems);

  if (problems.length) throw new ConfigError(problems);
  return {
    mode,
    stripe: { secretKey: secretKey ?? '', publishableKey: publishableKey ?? '', webhookSecret: webhookSecret ?? '', ...(api ? { api } : {}) },
    databaseUrl,
    allowedOrigins,
    feeRates,
    currencies,
    minimum,
    maximum,
    port,
    host,
    rateLimits,
    trustedProxies,
    ownOrigins,
    demoListenPublic,
    organization,
    mail,
    ...(publicUrl && ownOrigins[0] ? { publicUrl: ownOrigins[0] } : {}),
    manage,
    giveUrl,
    logLevel,
    shutdownMs,
  };
}

/** MANAGE_LINK_KEYS: required with real keys (a link signed with a key nobody keeps would stop working at the next start). */
function manageConfigFrom(text: (name: string) => string | undefined, mode: Mode, problems: string[]): ManageConfig {
  const value = text('MANAGE_LINK_KEYS');
  if (value === undefined) {
    if (mode !== 'demo') problems.push('MANAGE_LINK_KEYS is missing: it signs the links donors manage their monthly gifts with; set it to id:secret, like k1:$(openssl rand -base64 32)');
    return { linkKeys: [randomLinkKey()] };
  }
  const parsed = parseLinkKeys(value);
  problems.push(...parsed.problems);
  return { linkKeys: parsed.keys.length ? parsed.keys : [randomLinkKey()] };
}

// ---------------------------------------------------------------------------------------------
// Running it (issue 12): the log's level and how long a shutdown may take.
// ---------------------------------------------------------------------------------------------

function operationFrom(text: (name: string) => string | undefined, problems: string[]): { logLevel: LogLevel; shutdownMs: number } {
  const level = text('LOG_LEVEL')?.toLowerCase() ?? 'info';
  const known = (LOG_LEVELS as readonly string[]).includes(level);
  if (!known) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}: ${text('LOG_LEVEL')}`);
  const seconds = text('SHUTDOWN_SECONDS');
  let shutdownMs = 10_000;
  if (seconds !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(seconds) || Number(seconds) > 300) problems.push(`SHUTDOWN_SECONDS must be a number of seconds from 0 to 300: ${seconds}`);
    else shutdownMs = Math.round(Number(seconds) * 1000);
  }
  return { logLevel: known ? (level as LogLevel) : 'info', shutdownMs };
}

/** `scheme://host[:port]` (a trailing slash forgiven) as URL writes it, or undefined. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.origin === value.replace(/\/$/, '') ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

const loopback = proxyaddr.compile('loopback');

export function isLoopback(host: string): boolean {
  return host.toLowerCase() === 'localhost' || loopback(host.replace(/^\[(.*)\]$/, '$1'), 0);
}

/**
 * TRUST_PROXY as Express's `trust proxy` takes a list. A hop count (or `true`) is refused: it believes
 * whoever connects, so a card tester reaching the endpoint directly picks a new address per request.
 */
function trustedProxiesFrom(value: string | undefined, problems: string[]): string[] {
  if (value === undefined || value === '0') return [];
  if (/^\d+$/.test(value) || value.toLowerCase() === 'true') {
    problems.push(
      `TRUST_PROXY=${value} would believe X-Forwarded-For from any address, and the endpoint may be reached directly: name the proxies' addresses instead, like TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.0/8,loopback (0 or unset trusts nobody)`,
    );
    return [];
  }
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((entry) => {
    try {
      proxyaddr.compile(entry);
      return false;
    } catch {
      return true;
    }
  });
  if (bad.length) problems.push(`TRUST_PROXY has entries that are not an address, a CIDR range, or loopback/linklocal/uniquelocal: ${bad.join(', ')}`);
  return bad.length ? [] : entries;
}

function databaseUrlFrom(value: string | undefined, problems: string[]): string {
  if (!value) return DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
      return value;
    } catch {
      problems.push('DATABASE_URL is not a valid postgres:// URL');
      return value;
    }
  }
  if (value.startsWith('sqlite:')) {
    if (value.length === 'sqlite:'.length) problems.push('DATABASE_URL sqlite: needs a file path, like sqlite:./data/mira-donate.db');
    return value;
  }
  problems.push('DATABASE_URL must be postgres://… or sqlite:<file> (or unset for ./data/mira-donate.db)');
  return value;
}

/** A dollar amount as the operator writes it ("5", "100000", "0.30") → minor units. */
function money(name: string, value: string | undefined, problems: string[], options: { allowZero?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^\d+(\.\d{1,2})?$/.test(value) ? parseAmount(value, 'USD', 'en') : undefined;
  if (!parsed?.ok || (!options.allowZero && parsed.minor === 0)) {
    problems.push(`${name} must be an amount in dollars, like 5 or 0.30: ${value}`);
    return undefined;
  }
  return parsed.minor;
}

function integer(name: string, value: string | undefined, problems: string[], min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}: ${value}`);
    return undefined;
  }
  return n;
}

/** Demo mode's organization: MIRA's legal name, and an EIN and address that say on every receipt they are a demo's. */
export const DEMO_ORGANIZATION: OrganizationConfig = {
  legalName: 'Massachusetts Immigrant and Refugee Advocacy Coalition',
  ein: '00-0000000 (demo)',
  address: 'Boston, Massachusetts (demo address)',
  website: 'https://www.miracoalition.org',
};

/**
 * ORG_LEGAL_NAME, ORG_EIN, ORG_ADDRESS and ORG_WEBSITE: a receipt is the organization's written
 * acknowledgment of a gift, so with real keys each of the first three must be set (no default could
 * be right), and the EIN must look like one. Demo mode uses what is set and MIRA's demo values otherwise.
 */
function organizationFrom(text: (name: string) => string | undefined, mode: Mode, problems: string[]): OrganizationConfig {
  const legalName = text('ORG_LEGAL_NAME');
  const ein = text('ORG_EIN');
  const address = text('ORG_ADDRESS');
  const website = text('ORG_WEBSITE');
  if (mode !== 'demo') {
    if (!legalName) problems.push('ORG_LEGAL_NAME is missing: receipts name the organization by its legal name');
    if (!ein) problems.push('ORG_EIN is missing: receipts carry the organization\'s EIN, like 12-3456789');
    if (!address) problems.push('ORG_ADDRESS is missing: receipts carry the organization\'s postal address');
  }
  if (ein !== undefined && !/^\d{2}-\d{7}$/.test(ein)) problems.push(`ORG_EIN must be an EIN written like 12-3456789: ${ein}`);
  else if (ein === '00-0000000' && mode === 'live') problems.push('ORG_EIN 00-0000000 is the demo placeholder, not an EIN: set the organization\'s own');
  if (website !== undefined && !/^https?:$/.test(urlProtocol(website))) problems.push(`ORG_WEBSITE must be an http(s) address, like https://www.miracoalition.org: ${website}`);
  const organization: OrganizationConfig = {
    legalName: legalName ?? DEMO_ORGANIZATION.legalName,
    ein: ein ?? DEMO_ORGANIZATION.ein,
    address: address ?? DEMO_ORGANIZATION.address,
  };
  const site = website ?? (mode === 'demo' ? DEMO_ORGANIZATION.website : undefined);
  if (site) organization.website = site;
  return organization;
}

function urlProtocol(value: string): string {
  try {
    return new URL(value).protocol;
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Mail (issue 9): receipts and tribute cards, sent over SMTP or, with no SMTP server, kept in the outbox.
// ---------------------------------------------------------------------------------------------

export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS, required beyond loopback. */
  secure: boolean;
  requireTls: boolean;
  auth?: { user: string; pass: string };
}

export interface MailConfig {
  /** RECEIPTS=off: the endpoint sends no receipts (and Stripe's own stay on). Default on. */
  receipts: boolean;
  /** No SMTP server (demo mode): mail is rendered and kept in the outbox, shown at /outbox in demo mode. */
  smtp?: SmtpSettings;
  from: string;
  replyTo?: string;
  /** A sending attempt holds its message this long; a process that dies mid-send lets it go then. */
  leaseMs: number;
  /** The wait before the first retry, doubled for each one after. */
  retryMs: number;
  maxAttempts: number;
}

/**
 * SMTP_URL (smtp:// or smtps://, user and password in the URL), MAIL_FROM, MAIL_REPLY_TO; RECEIPTS=off.
 * In live and test mode receipts need an SMTP server, or RECEIPTS=off said in so many words.
 */
function mailConfigFrom(text: (name: string) => string | undefined, mode: Mode, problems: string[]): MailConfig {
  const receiptsSetting = text('RECEIPTS')?.toLowerCase();
  if (receiptsSetting !== undefined && receiptsSetting !== 'on' && receiptsSetting !== 'off') problems.push(`RECEIPTS must be on or off (or unset, which is on): ${text('RECEIPTS')}`);
  const receipts = receiptsSetting !== 'off';
  const smtpUrl = text('SMTP_URL');
  const smtp = smtpUrl ? smtpFrom(smtpUrl, problems) : undefined;
  const from = text('MAIL_FROM');
  const replyTo = text('MAIL_REPLY_TO');
  for (const [name, value] of [['MAIL_FROM', from], ['MAIL_REPLY_TO', replyTo]] as const) {
    if (value !== undefined && !/^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(value)) problems.push(`${name} must be an address, like receipts@miracoalition.org or "MIRA Coalition" <receipts@miracoalition.org>: ${value}`);
  }
  if (smtpUrl && !from) problems.push('MAIL_FROM is missing (needed with SMTP_URL): the address receipts are sent from');

  const live = mode !== 'demo';
  if (live && receipts && !smtpUrl) {
    problems.push(`SMTP_URL is missing: in ${mode} mode the endpoint sends each donor a receipt, so set SMTP_URL (smtps://user:password@host) and MAIL_FROM, or set RECEIPTS=off to send none (Stripe's own receipts then stay on)`);
  }
  const seconds = (name: string, fallback: number, min: number, max: number) => {
    const value = text(name);
    if (value === undefined) return fallback * 1000;
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n < min || n > max) {
      problems.push(`${name} must be a number of seconds from ${min} to ${max}: ${value}`);
      return fallback * 1000;
    }
    return Math.round(n * 1000);
  };
  const leaseMs = seconds('MAIL_LEASE_SECONDS', 300, 1, 86_400);
  const retryMs = seconds('MAIL_RETRY_SECONDS', 60, 0.01, 86_400);
  const maxAttempts = integer('MAIL_MAX_ATTEMPTS', text('MAIL_MAX_ATTEMPTS'), problems, 1, 100) ?? 10;

  return {
    receipts,
    ...(smtp ? { smtp } : {}),
    from: from ?? 'MIRA Coalition (demo) <receipts@demo.invalid>',
    ...(replyTo ? { replyTo } : {}),
    leaseMs,
    retryMs,
    maxAttempts,
  };
}

function smtpFrom(value: string, problems: string[]): SmtpSettings | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push('SMTP_URL is not a URL: it takes the form smtps://user:password@smtp.example.org (or smtp://…:587 for STARTTLS)');
    return undefined;
  }
  // Never echo the URL: it carries the password.
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    problems.push(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
    return undefined;
  }
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const local = isLoopback(host);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  if (!host) problems.push('SMTP_URL has no host');
  // A relay on this machine may take mail without a login; anything beyond it must ask for one.
  if (!local && (!user || !pass)) problems.push('SMTP_URL needs the user and password of the mail account (smtps://user:password@host); only a relay on loopback may go without');
  return {
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTls: !secure && !local,
    ...(user ? { auth: { user, pass } } : {}),
  };
}
