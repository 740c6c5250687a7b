/**
 * Starts the endpoint: opens (and migrates) the ledger, connects to Stripe — or, in demo mode,
 * starts the Stripe stand-in in this process — and listens. Returns the URL and a way to stop
 * gracefully: no new connections, the requests under way and the mail being sent finished.
 */
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import { ConfigError, type Config } from './config.js';
import { createApp } from './app.js';
import { createHttpServer, DEFAULT_TIMEOUTS, drain, isDraining, listen, type Timeouts } from './http-server.js';
import { Ledger } from './ledger/ledger.js';
import { createStripe } from './stripe/client.js';
import { StripeGateway } from './stripe/gateway.js';
import { createLog, type Log } from './log.js';
import { databaseProblem, StartError } from './start-error.js';
import { startMail } from './mail/start.js';

// import.meta.dirname rather than .url: the widget's vite config blanks import.meta.url for its IIFE build.
export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

export interface Endpoint {
  url: string;
  config: Config;
  /** The Hono app itself, for requests made in-process (tests). */
  app: ReturnType<typeof createApp>;
  ledger: Ledger;
  /** What the operator should know at start (demo mode's mail, a campaign's tax statement set for the demo). */
  notices: string[];
  /**
   * Stops: accepts no more connections, lets the requests under way and the message being sent
   * finish for up to `deadlineMs` (config.shutdownMs by default), then cuts what is left and closes
   * the ledger; what was cut is logged (shutdown_cut).
   */
  close(deadlineMs?: number): Promise<void>;
}

export interface StartOptions {
  log?: Log;
  root?: string;
  /** Use this ledger instead of opening config.databaseUrl (tests share one). */
  ledger?: Ledger;
  /** How long a request may take to arrive (tests use short ones); DEFAULT_TIMEOUTS otherwise. */
  timeouts?: Partial<Timeouts>;
}

/** Opens (and migrates) the ledger, or says in one line why it cannot. */
export async function openLedger(url: string): Promise<Ledger> {
  try {
    return await Ledger.open(url);
  } catch (error) {
    throw new StartError(databaseProblem(error, url), { cause: error });
  }
}

export async function startEndpoint(config: Config, options: StartOptions = {}): Promise<Endpoint> {
  const log = options.log ?? createLog({ level: config.logLevel });
  const ledger = options.ledger ?? (await openLedger(config.databaseUrl));
  const cleanups: Array<() => Promise<void>> = [];
  if (!options.ledger) cleanups.push(() => ledger.close());
  const notices: string[] = [];
  try {
    notices.push(...(await checkTaxStatements(config, ledger)));
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }

  let settings = config;
  let standin: { setWebhook(url: string, secret?: string): void; close(): Promise<void> } | undefined;
  if (config.mode === 'demo') {
    // Loaded only in demo mode, and never bundled: from dist/server/ this is the stand-in's own
    // bundle, dist/standin/index.js (src/server/build.ts), so a live endpoint never carries it.
    const { startStripeStandin } = await import('../standin/index.js');
    const started = await startStripeStandin({});
    standin = started;
    cleanups.unshift(() => started.close());
    settings = {
      ...config,
      stripe: {
        secretKey: started.secretKey,
        publishableKey: started.publishableKey,
        webhookSecret: started.webhookSecret,
        api: { host: started.host, port: started.port, protocol: 'http' },
        // Relative to the endpoint: the browser reaches the stand-in through it (routes/standin.ts).
        stripeJsUrl: 'standin/js/stripe.js',
      },
    };
  }

  // The demo's own pages are at its listen address, known once it listens (PORT=0 picks one): the app
  // is built then, and until then (no request can arrive before) the server has nothing to answer with.
  let app: ReturnType<typeof createApp> | undefined;
  const fetch = (request: Request, env: HttpBindings) => (app ? app.fetch(request, env) : new Response(null, { status: 503 }));
  const server = createHttpServer(fetch, { ...DEFAULT_TIMEOUTS, ...options.timeouts }, log);
  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }
  server.on('error', (error: NodeJS.ErrnoException) => log('server_error', { code: error.code, error: error.message }));
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${port}`;
  if (config.mode === 'demo') settings = { ...settings, ownOrigins: [...settings.ownOrigins, ...listenOrigins(config.host, port)] };

  const stripe = createStripe(settings.stripe);
  app = createApp({
    config: settings,
    ledger,
    stripe,
    gateway: new StripeGateway(stripe, { stripeReceipts: !settings.mail.receipts }),
    log,
    root: options.root ?? PROJECT_ROOT,
    draining: () => isDraining(server),
  });
  standin?.setWebhook(`${url}/api/stripe/webhook`, settings.stripe.webhookSecret);
  const mail = startMail(settings, ledger, stripe, log);
  if (!settings.mail.smtp) notices.push(`Mail: no SMTP_URL, so receipts and tribute cards are kept in the outbox${settings.mode === 'demo' ? `: read them at ${url}/outbox` : ''}.`);

  return {
    url,
    config: settings,
    app,
    ledger,
    notices,
    async close(deadlineMs = settings.shutdownMs) {
      const deadline = performance.now() + deadlineMs;
      const cut = await drain(server, deadlineMs);
      // The message on the wire is finished before the ledger it is marked in closes, within what is left of the deadline.
      const mailStopped = await within(mail.stop().then(() => true), deadline - performance.now(), false);
      if (cut || !mailStopped) log('shutdown_cut', { requests: cut, mail: !mailStopped });
      for (const cleanup of cleanups) await cleanup();
    },
  };
}

/** `work`'s answer, or `otherwise` if it takes longer than `ms`. */
async function within<T>(work: Promise<T>, ms: number, otherwise: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<T>((resolve) => (timer = setTimeout(() => resolve(otherwise), Math.max(0, ms))))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A receipt states whether the gift is tax-deductible, and that is the operator's to say: in live
 * and test mode with receipts on, a campaign that has not said is a start-up error naming the
 * command. The demo says it for MIRA's policy campaign (lobbying: not deductible), and says so.
 */
async function checkTaxStatements(config: Config, ledger: Ledger): Promise<string[]> {
  const unknown = await ledger.campaignsWithoutTaxStatus();
  if (config.mode === 'demo') {
    const mira = unknown.find((c) => c.id === 'mira');
    if (!mira) return [];
    await ledger.saveCampaign({ ...mira, deductible: false });
    return ['Demo: campaign mira (state policy work, which is lobbying) is set as not tax-deductible, and its receipts say so. Change it with: cli.js campaign set mira --deductible yes|no'];
  }
  if (!config.mail.receipts || !unknown.length) return [];
  throw new ConfigError(
    unknown.map((c) => `Campaign ${c.id} does not say whether gifts to it are tax-deductible, which its receipts must state: run  node dist/server/cli.js campaign set ${c.id} --deductible yes  (or no)`),
  );
}

/** How a browser on this machine names a demo listening on `host`: 127.0.0.1 and localhost for the usual loopback. */
function listenOrigins(host: string, port: number): string[] {
  const names = new Set<string>();
  const everyAddress = host === '0.0.0.0' || host === '::';
  if (!everyAddress) names.add(host.includes(':') ? `[${host}]` : host);
  if (everyAddress || ['127.0.0.1', '::1', 'localhost'].includes(host.toLowerCase())) names.add('127.0.0.1').add('localhost');
  return [...names].map((name) => `http://${name}:${port}`);
}
