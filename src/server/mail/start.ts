/** Mail in an endpoint process: what counting a gift queues, and the worker that sends it. */
import type Stripe from 'stripe';
import type { Config } from '../config.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Log } from '../log.js';
import { Composer } from './compose.js';
import { stripeMethodLookup } from './payment-method.js';
import { smtpSender } from './sender.js';
import { MailWorker } from './worker.js';
import { RecurringMail } from './recurring.js';
import { manageLinksFor } from '../manage/links.js';

export function startMail(config: Config, ledger: Ledger, stripe: Stripe, log: Log): MailWorker {
  const { mail } = config;
  // Receipts unless turned off; tribute cards whenever there is somewhere for them to go (an SMTP
  // server, or the demo's outbox page). In live mode RECEIPTS=off with no SMTP_URL sends nothing.
  ledger.queueMail({ receipts: mail.receipts, tributeCards: Boolean(mail.smtp) || config.mode === 'demo' });
  const sender = mail.smtp ? smtpSender(mail.smtp, mail) : undefined;
  const links = manageLinksFor(config);
  const recurring = new RecurringMail(ledger, stripe, links, config.organization.website ?? config.publicUrl ?? config.ownOrigins[0] ?? '');
  const worker = new MailWorker(ledger, new Composer(ledger, config, stripeMethodLookup(stripe), recurring), sender, mail, log);
  worker.start();
  return worker;
}
