/**
 * A real SMTP server for the mail tests (smtp-server on 127.0.0.1, a port of its own), asking for
 * a login as a provider does, and reading what arrives with mailparser, as a donor's mail client
 * would. It can answer slowly, or refuse with a code of the test's choosing.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface Received {
  to: string;
  messageId: string;
  language: string | undefined;
  subject: string;
  html: string;
  text: string;
  /** When the server answered 250 to the message (Date.now()). */
  acceptedAt: number;
  parsed: ParsedMail;
}

/** What to answer a message: undefined accepts it; a code (451, 550) refuses it with that code. */
export type Refusal = (to: string, attempt: number) => number | undefined;

export interface Inbox {
  /** SMTP_URL for the endpoint, with this server's login. */
  url: string;
  received: Received[];
  /** Messages refused so far (each attempt the server saw and answered with an error). */
  refused: Array<{ to: string; code: number }>;
  /** How long the server takes before answering each message. */
  delayMs: number;
  /** Called as each message's last byte arrives, before the server answers (while it is on the wire). */
  onWire?: (messageId: string) => void;
  refuse(rule: Refusal | undefined): void;
  to(address: string): Received[];
  /** Resolves once `count` messages to `address` (or to anyone) have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, address?: string, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

const USER = 'receipts';
const PASS = 'app-password-for-tests';

export async function startInbox(options: { delayMs?: number } = {}): Promise<Inbox> {
  let refusal: Refusal | undefined;
  const attempts = new Map<string, number>();
  const received: Received[] = [];
  const refused: Array<{ to: string; code: number }> = [];
  const waiters = new Set<() => void>();
  const inbox: Partial<Inbox> = { delayMs: options.delayMs ?? 0 };

  const server = new SMTPServer({
    // Loopback without TLS; the endpoint's sender asks for TLS beyond loopback.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASS) callback(null, { user: USER });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        const attempt = (attempts.get(to) ?? 0) + 1;
        attempts.set(to, attempt);
        const parsed = await simpleParser(Buffer.concat(chunks));
        inbox.onWire?.(parsed.messageId ?? '');
        if (inbox.delayMs) await new Promise((resolve) => setTimeout(resolve, inbox.delayMs));
        const code = refusal?.(to, attempt);
        if (code) {
          refused.push({ to, code });
          const error = Object.assign(new Error(code >= 500 ? `Mailbox unavailable for <${to}>` : 'Try again later'), { responseCode: code });
          return callback(error);
        }
        const language = parsed.headers.get('content-language');
        received.push({
          to,
          messageId: parsed.messageId ?? '',
          language: typeof language === 'string' ? language : undefined,
          subject: parsed.subject ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          text: parsed.text ?? '',
          acceptedAt: Date.now(),
          parsed,
        });
        callback();
        for (const wake of waiters) wake();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string) => received.filter((m) => m.to === address);

  return Object.assign(inbox, {
    url: `smtp://${USER}:${PASS}@127.0.0.1:${port}`,
    received,
    refused,
    refuse(rule: Refusal | undefined) {
      refusal = rule;
    },
    to,
    waitFor(count: number, address?: string, timeoutMs = 15_000) {
      const have = () => (address ? to(address) : received);
      return new Promise<Received[]>((resolve, reject) => {
        const check = () => {
          if (have().length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(have());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${have().length} of ${count} messages arrived${address ? ` for ${address}` : ''} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as Inbox;
}
