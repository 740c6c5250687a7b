/**
 * Receipts' figures (issue 9), against a real SMTP server on 127.0.0.1 (smtp-server) and the
 * Stripe stand-in, ledger in an SQLite file:
 * - the time from a webhook's commit (its 200 answer) to the SMTP server accepting the receipt it
 *   queued, median and p95 over many gifts, one at a time;
 * - receipts sent per second by one worker draining a full outbox (each one looked up at Stripe,
 *   rendered, sent and marked), as a ratio to bare nodemailer sending the same rendered message
 *   over the same kind of pooled connection in the same run.
 * Exits non-zero when a budget is missed. Only loopback is used.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/server/config.js';
import { Ledger } from '../src/server/ledger/ledger.js';
import { silentLog } from '../src/server/log.js';
import { Composer } from '../src/server/mail/compose.js';
import { stripeMethodLookup } from '../src/server/mail/payment-method.js';
import { smtpSender } from '../src/server/mail/sender.js';
import { MailWorker } from '../src/server/mail/worker.js';
import { startEndpoint } from '../src/server/server.js';
import { signatureHeader, startStripeStandin } from '../src/standin/index.js';
import { createStripe } from '../src/server/stripe/client.js';
import { entriesFor, parseEvent } from '../src/server/stripe/events.js';
import { figureLog } from './figures.js';

const LATENCY_GIFTS = 200;
const THROUGHPUT_RECEIPTS = 500;

const { record, missed: missedFigures } = figureLog();
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

// An SMTP server that accepts everything and says when.
const accepted = new Map<string, number>();
let acceptedCount = 0;
const onAccepted = new Set<() => void>();
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 1_000,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      for (const r of session.envelope.rcptTo) accepted.set(r.address, performance.now());
      acceptedCount++;
      callback();
      for (const wake of onAccepted) wake();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
const smtpPort = (smtp.server.address() as AddressInfo).port;
const arrival = (address: string) =>
  new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no receipt for ${address}`)), 10_000);
    const check = () => {
      const at = accepted.get(address);
      if (at === undefined) return;
      clearTimeout(timer);
      onAccepted.delete(check);
      resolve(at);
    };
    onAccepted.add(check);
    check();
  });

const dir = mkdtempSync(join(tmpdir(), 'mira-mail-bench-'));
const standin = await startStripeStandin();
const databaseUrl = `sqlite:${join(dir, 'ledger.db')}`;
const env = {
  STRIPE_SECRET_KEY: standin.secretKey,
  STRIPE_PUBLISHABLE_KEY: standin.publishableKey,
  STRIPE_WEBHOOK_SECRET: standin.webhookSecret,
  STRIPE_API_URL: standin.url,
  DATABASE_URL: databaseUrl,
  PORT: '0',
  RATE_LIMIT_PER_ADDRESS: '1000000',
  RATE_LIMIT_PER_EMAIL: '1000000',
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  MAIL_FROM: 'receipts@miracoalition.org',
  ORG_LEGAL_NAME: 'Massachusetts Immigrant and Refugee Advocates Coalition',
  ORG_ADDRESS: 'Boston, MA',
  ORG_EIN: '00-0000000',
  MANAGE_LINK_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
  // Receipts for monthly gifts link to the endpoint's own /manage page.
  PUBLIC_URL: 'http://127.0.0.1:8787',
};
const config = loadConfig(env);
const stripe = createStripe(config.stripe);

/** A paid one-time gift at the stand-in, by a new donor; returns its payment_intent.succeeded event, signed, to deliver. */
async function paidGift(endpointUrl: string, email: string): Promise<{ payload: string; signature: string }> {
  const response = await fetch(`${endpointUrl}/api/donations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ campaign: 'mira', currency: 'USD', gift: 2_500, frequency: 'once', coverFee: true, donor: { email, name: 'Bench Donor' }, anonymous: false, locale: 'es' }),
  });
  const { clientSecret } = (await response.json()) as { clientSecret: string };
  const intent = clientSecret.split('_secret_')[0]!;
  await standin.confirm(intent);
  const event = standin.objects('event').find((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === intent)!;
  const payload = JSON.stringify(event);
  return { payload, signature: signatureHeader(payload, standin.webhookSecret) };
}

try {
  const ledger = await Ledger.open(databaseUrl);
  const mira = (await ledger.findCampaign('mira'))!;
  await ledger.saveCampaign({ ...mira, deductible: false });

  // 1. Webhook commit to SMTP accept, one gift at a time. The stand-in delivers no webhooks here:
  // each event is posted by hand, so its 200 (sent after the commit) can be timed.
  const endpoint = await startEndpoint(config, { ledger, log: silentLog });
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_GIFTS; i++) {
    const email = `latency${i}@example.org`;
    const { payload, signature } = await paidGift(endpoint.url, email);
    const response = await fetch(`${endpoint.url}/api/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
    const committed = performance.now();
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    latencies.push((await arrival(email)) - committed);
  }
  latencies.sort((a, b) => a - b);
  const median = quantile(latencies, 0.5);
  const p95 = quantile(latencies, 0.95);
  record({ name: `webhook commit to SMTP accept, median of ${LATENCY_GIFTS} gifts`, value: median, unit: 'ms', budget: '≤ 250', ok: median <= 250 });
  record({ name: `webhook commit to SMTP accept, p95 of ${LATENCY_GIFTS} gifts`, value: p95, unit: 'ms', budget: '≤ 1,000', ok: p95 <= 1_000 });

  // 2. One worker draining a full outbox. The events are counted straight into the ledger (no
  // endpoint's worker is watching it), then a worker of its own is started and timed.
  const gifts = [];
  for (let i = 0; i < THROUGHPUT_RECEIPTS; i++) gifts.push(await paidGift(endpoint.url, `throughput${i}@example.org`));
  await endpoint.close();
  const quiet = await Ledger.open(databaseUrl);
  quiet.queueMail({ receipts: true, tributeCards: true });
  for (const { payload } of gifts) {
    const parsed = parseEvent(Buffer.from(payload));
    const { entries } = await entriesFor(parsed.event, async () => undefined);
    await quiet.recordEvent({ id: parsed.id, type: parsed.type }, entries);
  }
  if ((await quiet.outbox.counts()).queued !== THROUGHPUT_RECEIPTS) throw new Error('receipts were not all queued');
  const before = acceptedCount;
  const worker = new MailWorker(quiet, new Composer(quiet, config, stripeMethodLookup(stripe)), smtpSender(config.mail.smtp!, config.mail), config.mail, silentLog);
  const started = performance.now();
  worker.start();
  const drained = async () => {
    const c = await quiet.outbox.counts();
    return c.queued === 0 && c.sending === 0;
  };
  while (!(await drained())) await new Promise((resolve) => setTimeout(resolve, 5));
  const workerRate = THROUGHPUT_RECEIPTS / ((performance.now() - started) / 1000);
  await worker.stop();
  if (acceptedCount - before !== THROUGHPUT_RECEIPTS) throw new Error(`expected ${THROUGHPUT_RECEIPTS} receipts at the server, got ${acceptedCount - before}`);
  const sample = (await quiet.outbox.list(['sent'], 1))[0]!;
  await quiet.close();

  // The baseline: bare nodemailer, one pooled connection, the same rendered message.
  const bare = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, pool: true, maxConnections: 1, maxMessages: Infinity });
  const bareStarted = performance.now();
  for (let i = 0; i < THROUGHPUT_RECEIPTS; i++) {
    await bare.sendMail({ from: config.mail.from, to: `bare${i}@example.org`, subject: sample.subject!, html: sample.html!, text: sample.text!, headers: { 'Content-Language': 'es' } });
  }
  const bareRate = THROUGHPUT_RECEIPTS / ((performance.now() - bareStarted) / 1000);
  bare.close();
  console.log(`      one worker: ${workerRate.toFixed(0)} receipts/s; bare nodemailer: ${bareRate.toFixed(0)} messages/s`);
  record({ name: 'receipts sent per second by one worker vs bare nodemailer', value: workerRate / bareRate, unit: '× its rate', budget: '≥ 0.2', ok: workerRate / bareRate >= 0.2 });
} finally {
  await standin.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
}

const missed = missedFigures();
console.log(missed.length ? `${missed.length} budget(s) missed` : 'all budgets met');
process.exit(missed.length ? 1 : 0);
