/**
 * Sends a rendered message over SMTP with nodemailer: one pooled connection, kept open between
 * messages, so a worker sends one message at a time and at most one is ever on the wire. Its
 * timeouts stay well inside the claim's lease, so a slow server fails the attempt before another
 * process could take the message over.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { MailConfig, SmtpSettings } from '../config.js';

export interface OutgoingMessage {
  /** The outbox key: the Message-ID is derived from it, the same at every attempt. */
  key: string;
  to: string;
  language: string;
  subject: string;
  html: string;
  text: string;
}

export interface Sender {
  /** Resolves with the Message-ID once the server has accepted the message. */
  send(message: OutgoingMessage): Promise<string>;
  close(): void;
}

function domainOf(address: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(address);
  return match?.[1] ?? 'mira-donate.invalid';
}

export function smtpSender(smtp: SmtpSettings, mail: MailConfig): Sender {
  const timeout = Math.max(1_000, Math.min(60_000, Math.floor(mail.leaseMs / 3)));
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.auth ? { auth: smtp.auth } : {}),
    pool: true,
    maxConnections: 1,
    maxMessages: Infinity,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: { minVersion: 'TLSv1.2' },
  });
  const domain = domainOf(mail.from);
  return {
    async send(message) {
      const messageId = `<${createHash('sha256').update(message.key).digest('hex').slice(0, 32)}@${domain}>`;
      const info = await transport.sendMail({
        from: mail.from,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId,
        headers: { 'Content-Language': message.language },
      });
      return String(info.messageId ?? messageId);
    },
    close: () => transport.close(),
  };
}
