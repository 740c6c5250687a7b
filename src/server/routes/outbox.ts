/**
 * GET /outbox, demo mode only: the mail the demo would have sent (receipts, tribute cards,
 * statements), newest first, each in a sandboxed frame, so a person trying the demo reads what
 * their gift caused. Outside demo mode the route does not exist (404): the outbox holds donors'
 * names and addresses.
 */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import type { OutboxRow } from '../ledger/outbox.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const KINDS: Record<OutboxRow['kind'], string> = {
  receipt: 'Receipt',
  tribute: 'Tribute card',
  year_end: 'Year-end statement',
  gift_changed: 'Change confirmed',
  payment_failed: 'Payment failed',
  gift_ended: 'Gift ended',
  manage_link: 'Manage link',
  staff_invitation: 'Console invitation',
};
const STATUSES: Record<OutboxRow['status'], string> = {
  queued: 'waiting to be written',
  sending: 'being written',
  kept: 'kept here (no SMTP server in the demo)',
  sent: 'sent',
  failed: 'failed',
  cancelled: 'cancelled',
};

function message(row: OutboxRow): string {
  const heading = `${KINDS[row.kind]} #${row.id}`;
  const facts = `<p>To ${escape(row.recipient ?? '(erased)')} · ${escape(row.language)} · ${escape(STATUSES[row.status])}${row.lastError ? ` (${escape(row.lastError)})` : ''}</p>`;
  if (!row.html) return `<article><h2>${escape(heading)}</h2>${facts}</article>`;
  return `<article><h2>${escape(heading)}: ${escape(row.subject ?? '')}</h2>${facts}
<iframe sandbox="" title="${escape(`${KINDS[row.kind]} #${row.id}`)}" srcdoc="${escape(row.html)}"></iframe>
<details><summary>Plain text</summary><pre lang="${escape(row.language)}">${escape(row.text ?? '')}</pre></details></article>`;
}

export function outboxRoutes({ ledger }: Services) {
  return new Hono().get('/', async (c) => {
    const rows = await ledger.outbox.list(undefined, 100);
    const body = rows.length ? rows.map(message).join('\n') : '<p>Nothing yet. Make a gift on the <a href="/">demo page</a> and its receipt appears here.</p>';
    c.header('Cache-Control', 'no-store');
    // The letters are shown, never run: no scripts anywhere, frames sandboxed, nothing fetched.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outbox · mira-donate demo</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 50rem; padding: 1rem; color: #1f2328; line-height: 1.5 }
article { border-top: 1px solid #d8dde3; padding: 1rem 0 }
iframe { width: 100%; height: 32rem; border: 1px solid #d8dde3; border-radius: 0.5rem; background: #fff }
pre { white-space: pre-wrap; background: #f6f8fa; padding: 0.75rem }
</style></head>
<body><h1>Outbox</h1>
<p>Demo mode sends no mail: each receipt and tribute card is kept here instead, as it would have been sent. <a href="/outbox">Refresh</a> · <a href="/">Back to the form</a></p>
${body}
</body></html>`);
  });
}
