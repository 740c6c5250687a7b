/**
 * The mail worker, one in each endpoint process: claims one due message at a time from the outbox
 * (ledger/outbox.ts), renders it once (the copy is kept, so a retry sends the same words), sends it
 * and marks it sent with its Message-ID. A failure is tried again after a wait that doubles each
 * time (with a little jitter, so processes do not retry in step), until the last attempt leaves it
 * `failed`, kept and listed by `cli.js outbox`. With no SMTP server the rendered message is kept
 * in the outbox (demo mode shows it at /outbox).
 *
 * It looks for work when this process queues mail (Ledger.onMail), when the next retry or lease
 * falls due, and at least every second for mail another process queued.
 */
import type { MailConfig } from '../config.js';
import type { Ledger } from '../ledger/ledger.js';
import type { ClaimedMessage } from '../ledger/outbox.js';
import type { Log } from '../log.js';
import type { Composer } from './compose.js';
import { MailFailure, smtpFailure } from './failure.js';
import type { Sender } from './sender.js';

const POLL_MS = 1_000;
const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

export class MailWorker {
  private stopped = false;
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    private readonly ledger: Ledger,
    private readonly composer: Composer,
    private readonly sender: Sender | undefined,
    private readonly mail: Pick<MailConfig, 'leaseMs' | 'retryMs' | 'maxAttempts'>,
    private readonly log: Log,
  ) {}

  start(): void {
    this.unsubscribe = this.ledger.onMail(() => this.wake());
    this.wake();
  }

  /** Looks for due mail now (or right after the pass under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      } else void this.schedule();
    });
  }

  /** Stops claiming; the message being sent, if any, is finished first. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    await this.running;
    this.sender?.close();
  }

  private async pass(): Promise<void> {
    try {
      while (!this.stopped) {
        const message = await this.ledger.outbox.claim(this.mail);
        if (!message) return;
        await this.deliver(message);
      }
    } catch (error) {
      // The database is unreachable or the like: the next pass tries again; nothing is lost.
      this.log('mail_worker_error', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async schedule(): Promise<void> {
    if (this.stopped || this.running) return;
    const due = await this.ledger.outbox.nextDue().catch(() => undefined);
    if (this.stopped || this.running) return;
    const wait = due ? Math.min(POLL_MS, Math.max(0, due.getTime() - Date.now())) : POLL_MS;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref();
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const { outbox } = this.ledger;
    const fields = { message: message.id, kind: message.kind, attempt: message.attempts };
    try {
      let letter = message.rendered ? { ...message.rendered, language: message.language } : undefined;
      const composed = letter ? { cancel: await this.composer.cancelReason(message) } : await this.composer.compose(message);
      if ('cancel' in composed && composed.cancel) {
        await outbox.markCancelled(message, composed.cancel);
        this.log('mail_cancelled', { ...fields, reason: composed.cancel });
        return;
      }
      if ('letter' in composed) {
        letter = composed.letter;
        await outbox.saveRendered(message, letter);
      }
      if (!letter) return;
      if (!this.sender) {
        await outbox.markKept(message);
        this.log('mail_kept', fields);
        return;
      }
      // A lease about to run out may already be another process's: leave the message to it.
      if (Date.now() > message.leaseUntil.getTime() - 1_000) throw new MailFailure('lease_expired_before_send', true);
      // Looked at once more just before it goes: its person may have been erased meanwhile.
      if (!(await outbox.holds(message))) {
        this.log('mail_lease_lost', fields);
        return;
      }
      const messageId = await this.sender.send({ key: message.key, to: message.recipient!, language: letter.language, subject: letter.subject, html: letter.html, text: letter.text });
      if (!(await this.markSent(message, messageId))) this.log('mail_lease_lost', fields);
      else this.log('mail_sent', fields);
    } catch (error) {
      const failure = error instanceof MailFailure ? error : smtpFailure(error);
      const retryAt = failure.retry && message.attempts < this.mail.maxAttempts ? new Date(Date.now() + this.backoff(message.attempts)) : undefined;
      await outbox.markAttemptFailed(message, failure.code, retryAt);
      this.log(retryAt ? 'mail_retry' : 'mail_failed', { ...fields, error: failure.code.split(':')[0] });
    }
  }

  /** The server took it: recorded as sent, tried a few times, since a row left `sending` would be sent again once its lease ran out. */
  private async markSent(message: ClaimedMessage, messageId: string): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ledger.outbox.markSent(message, messageId);
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  /** retry × 2^(attempt−1), ±20 %, at most six hours. */
  private backoff(attempt: number): number {
    const base = Math.min(MAX_BACKOFF_MS, this.mail.retryMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }
}
