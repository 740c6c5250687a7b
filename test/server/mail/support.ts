/** Set-up shared by the mail tests: an endpoint that receipts, against the test's own SMTP server. */
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import type { Inbox } from './inbox.js';

export const ORGANIZATION = {
  ORG_LEGAL_NAME: 'Massachusetts Immigrant and Refugee Advocates Coalition',
  ORG_ADDRESS: '105 Chauncy Street, Boston, MA 02111',
  ORG_EIN: '04-3328471',
};

/** The environment of an endpoint that sends receipts through `inbox`, retrying quickly. */
export function mailEnv(inbox: Inbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    RECEIPTS: 'on',
    SMTP_URL: inbox.url,
    MAIL_FROM: '"MIRA Coalition" <receipts@miracoalition.org>',
    MAIL_REPLY_TO: 'giving@miracoalition.org',
    ...ORGANIZATION,
    MAIL_RETRY_SECONDS: '0.05',
    // Receipts for monthly gifts link to the manage page there.
    PUBLIC_URL: 'https://give.miracoalition.org',
    ...extra,
  };
}

/** MIRA's policy campaign says what its receipts state (it is lobbying: not deductible); a second one is deductible. */
export async function sayTaxStatus(ledger: Ledger): Promise<void> {
  const mira = (await ledger.findCampaign('mira'))!;
  await ledger.saveCampaign({ ...mira, deductible: false });
  await ledger.saveCampaign({ id: 'youth', name: { en: 'Youth program', es: 'Programa juvenil', pt: 'Programa jovem' }, goal: 500_000, currency: 'USD', deductible: true });
}

/** Waits until nothing in the outbox is being sent and none queued but `waiting` (messages waiting for a later retry); bounded. */
export async function outboxSettled(ledger: Ledger, timeoutMs = 15_000, { waiting = 0 } = {}): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const counts = await ledger.outbox.counts();
    if (counts.queued === waiting && counts.sending === 0) return;
    if (Date.now() > until) throw new Error(`outbox still busy after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
