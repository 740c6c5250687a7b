/**
 * A treasurer's "send the receipt again": the gift's receipt goes back in the outbox, due now, with
 * its attempts counted afresh and the copy first rendered (so the donor gets the same words and
 * number). A gift whose receipt was never queued (receipts were off then) gets its number and its
 * message now. Audited in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { recordAudit } from './audit.js';
import { giftSubject } from './gift-record.js';
import { nextReceiptNumber, queueMessage } from './outbox.js';

export type ResendOutcome = 'queued' | 'sending' | 'no_email' | 'not_found';

export async function resendReceipt(db: Kysely<Database>, paymentId: string, actor: string): Promise<ResendOutcome> {
  return db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const payment = await trx
      .selectFrom('payments as p')
      .leftJoin('donations as d', 'd.id', 'p.donation_id')
      .select(['p.id', 'p.paid_at', 'p.recorded_at', 'p.receipt_number', 'd.id as donation', 'd.donor_email', 'd.locale'])
      .where('p.id', '=', paymentId)
      .executeTakeFirst();
    if (!payment) return 'not_found';
    const message = await trx.selectFrom('outbox').select(['id', 'status', 'recipient']).where('key', '=', `receipt:${paymentId}`).executeTakeFirst();
    if (message?.status === 'sending') return 'sending';
    if (message && message.recipient) {
      await trx
        .updateTable('outbox')
        .set({ status: 'queued', attempts: 0, next_attempt_at: at, claim: null, lease_until: null, last_error: null })
        .where('id', '=', message.id)
        .execute();
    } else {
      if (!payment.donation || !payment.donor_email) return 'no_email';
      if (!payment.receipt_number) {
        const number = await nextReceiptNumber(trx, new Date(payment.paid_at ?? payment.recorded_at).getUTCFullYear());
        await trx.updateTable('payments').set({ receipt_number: number }).where('id', '=', paymentId).execute();
      }
      if (message) await trx.updateTable('outbox').set({ status: 'queued', attempts: 0, next_attempt_at: at, recipient: payment.donor_email, last_error: null }).where('id', '=', message.id).execute();
      else await queueMessage(trx, { key: `receipt:${paymentId}`, kind: 'receipt', language: payment.locale ?? 'en', recipient: payment.donor_email, paymentId, donationId: payment.donation }, at);
    }
    await recordAudit(trx, { actor, action: 'gift.receipt_resend', subject: giftSubject(paymentId), before: message ? { status: message.status } : null, after: { status: 'queued' } });
    return 'queued';
  });
}
