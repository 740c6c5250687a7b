/**
 * Why a message could not go, as the outbox keeps it (last_error) and the log shows it: a stable
 * code, or the SMTP server's reply with every address in it masked. Never a name or an address.
 */

/** A failure the worker understands: `retry` says whether trying again later can help. */
export class MailFailure extends Error {
  constructor(
    readonly code: string,
    readonly retry: boolean,
  ) {
    super(code);
  }
}

/** `ana.souza@example.org` → `a…@example.org`: enough for an operator to tell messages apart, no more. */
export function maskAddress(address: string | null): string {
  if (!address) return '(erased)';
  const at = address.lastIndexOf('@');
  if (at < 1) return '…';
  return `${address[0]}…${address.slice(at)}`;
}

/** Any text with the addresses in it masked (an SMTP reply often repeats the recipient's). */
export function maskAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:@]+@([^\s<>"'(),;:@]+)/g, (_, domain: string) => `…@${domain}`);
}

/**
 * An SMTP or network error from nodemailer: 5xx replies are refusals that a retry does not change
 * (a bad address, a rejected message, a refused login), so the message is failed at once and kept
 * for the operator; 4xx replies and lost connections are tried again.
 */
export function smtpFailure(error: unknown): MailFailure {
  if (error instanceof MailFailure) return error;
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    const reply = maskAddresses(String(e.response ?? '')).replace(/\s+/g, ' ').trim().slice(0, 200);
    return new MailFailure(`smtp_${e.responseCode}${reply ? `: ${reply}` : ''}`, e.responseCode < 500 || e.responseCode >= 600);
  }
  const code = typeof e.code === 'string' && /^[A-Z_]{2,32}$/.test(e.code) ? e.code.toLowerCase() : 'send_failed';
  return new MailFailure(`smtp_${code}`, true);
}
