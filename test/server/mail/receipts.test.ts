/**
 * What a donor, an honoree's contact and an operator see of the mail a gift causes, against a real
 * SMTP server started here and the Stripe stand-in, which delivers every webhook event twice: each
 * receipt arrives once, in the donor's language, with the gift's figures; a tribute card once, with
 * the message as text and never the amount; a server answering 451 is tried again, one refusing
 * for good leaves the message failed and kept until `outbox retry`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/core/locale.js';
import { formatMoney } from '../../../src/core/money.js';
import { signatureHeader } from '../../../src/standin/index.js';
import { BACKENDS, donate, intentId, startHarness, type Harness } from '../helpers.js';
import { startInbox, type Inbox } from './inbox.js';
import { mailEnv, outboxSettled, sayTaxStatus } from './support.js';

const RECEIPT_NUMBER = /\b\d{4}-\d{6}\b/;

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const backend of BACKENDS) {
  describe(`mail after a gift, ledger on ${backend}`, () => {
    let h: Harness;
    let inbox: Inbox;
    let n = 0;
    const address = (what: string) => `${what}-${++n}-${backend}@example.org`;

    beforeAll(async () => {
      inbox = await startInbox();
      h = await startHarness({ backend, env: mailEnv(inbox, { MAIL_MAX_ATTEMPTS: '8' }), prepare: sayTaxStatus, delivery: { duplicate: 1 } });
    });
    afterAll(async () => {
      await h?.close();
      await inbox?.close();
    });

    async function paid(overrides: Record<string, unknown>) {
      const body = await donate(h, overrides);
      expect((await h.standin.confirm(intentId(body.clientSecret))).status).toBe('succeeded');
      await h.standin.settled();
      return body;
    }

    const messageFor = async (recipient: string) => (await h.ledger.outbox.list()).find((m) => m.recipient === recipient);

    for (const language of LANGUAGES) {
      it(`receipts a one-time gift once, in the donor's language (${language}), with its figures, and Stripe sends none`, async () => {
        const email = address('once');
        const body = await paid({ locale: language, gift: 10_000, coverFee: true, donor: { email, name: 'Ana Souza' } });
        const [receipt] = await inbox.waitFor(1, email);
        await outboxSettled(h.ledger);
        expect(inbox.to(email)).toHaveLength(1);

        expect(receipt.language).toBe(language);
        expect(receipt.html).toMatch(new RegExp(`<html[^>]*\\slang="${language}`));
        expect(body).toMatchObject({ gift: 10_000, fee: 256, total: 10_256 });
        for (const figure of [body.gift, body.fee, body.total]) expect(receipt.text).toContain(formatMoney(figure, 'USD', language));
        const campaign = (await h.ledger.findCampaign('mira'))!;
        expect(receipt.text).toContain(campaign.name[language]);
        expect(receipt.text).toContain('Ana Souza');
        expect(receipt.text).toMatch(/4242/);
        expect(receipt.text).toMatch(RECEIPT_NUMBER);
        expect(receipt.parsed.from?.text).toContain('receipts@miracoalition.org');
        expect(receipt.parsed.replyTo?.text).toContain('giving@miracoalition.org');

        const intent = await h.stripe.paymentIntents.retrieve(intentId(body.clientSecret));
        expect(intent.receipt_email).toBeNull();
      });
    }

    for (const language of LANGUAGES) it(`receipts a monthly gift's first invoice and its renewal, each once, in ${language}, with its own number; its tribute card goes once`, async () => {
      const email = address('monthly');
      const notify = address('honoree-monthly');
      const body = await paid({
        frequency: 'month',
        gift: 2_500,
        locale: language,
        donor: { email, name: 'Luis Pérez' },
        tribute: { kind: 'honor', name: 'Carmen Pérez', notifyEmail: notify },
      });
      await inbox.waitFor(1, email);
      const [subscription] = (await h.stripe.subscriptions.list({ limit: 100 })).data.filter((s) => s.metadata.donationId === body.donationId);
      await h.standin.renewSubscription(subscription.id);
      await h.standin.settled();
      const receipts = await inbox.waitFor(2, email);
      await outboxSettled(h.ledger);
      expect(inbox.to(email)).toHaveLength(2);
      expect(inbox.to(notify)).toHaveLength(1);
      for (const receipt of receipts) {
        expect(receipt.language).toBe(language);
        expect(receipt.text).toContain(formatMoney(2_500, 'USD', language));
        expect(receipt.text).toContain('Carmen Pérez');
      }
      const numbers = receipts.map((r) => RECEIPT_NUMBER.exec(r.text)?.[0]);
      expect(new Set(numbers).size).toBe(2);

      // Nothing that makes Stripe email the donor: invoices charged, not sent, and no receipt_email on their payments.
      const invoices = h.standin.objects('invoice').filter((i) => i.parent?.subscription_details?.subscription === subscription.id);
      expect(invoices).toHaveLength(2);
      for (const invoice of invoices) expect(invoice.collection_method).toBe('charge_automatically');
      const intents = h.standin.objects('payment_intent').filter((pi) => pi.customer === subscription.customer);
      expect(intents.length).toBeGreaterThanOrEqual(2);
      for (const pi of intents) expect(pi.receipt_email).toBeNull();
    });

    for (const language of LANGUAGES) it(`receipts an offline gift recorded with an email, in the language given (${language})`, async () => {
      const email = address('offline');
      const today = new Date().toISOString().slice(0, 10);
      await h.ledger.recordOfflineGift({ campaign: 'youth', amount: 25_000, note: 'Gala', donor: { name: 'Rosa Lima', email }, date: today, method: 'cheque', language });
      const [receipt] = await inbox.waitFor(1, email);
      await outboxSettled(h.ledger);
      expect(inbox.to(email)).toHaveLength(1);
      expect(receipt.language).toBe(language);
      expect(receipt.text).toContain(formatMoney(25_000, 'USD', language));
      expect(receipt.text).toContain((await h.ledger.findCampaign('youth'))!.name[language]);
      expect(receipt.text).toContain('Rosa Lima');
      expect(receipt.text).toMatch(RECEIPT_NUMBER);
    });

    for (const language of LANGUAGES) it(`sends the tribute card once, in the donor's language (${language}), with the message as text and never the amount`, async () => {
      const email = address('tribute-donor');
      const notify = address('honoree');
      const message = '<b>Con cariño</b> & gratitud';
      await paid({ locale: language, gift: 5_000, donor: { email, name: 'Marta Gómez' }, tribute: { kind: 'memory', name: 'Rosa Lima', notifyEmail: notify, message } });
      const [card] = await inbox.waitFor(1, notify);
      const [receipt] = await inbox.waitFor(1, email);
      await outboxSettled(h.ledger);
      expect(inbox.to(notify)).toHaveLength(1);
      expect(card.language).toBe(language);
      expect(card.html).toMatch(new RegExp(`<html[^>]*\\slang="${language}`));
      expect(card.text).toContain('Rosa Lima');
      expect(card.text).toContain('Marta Gómez');
      expect(card.text).toContain(message);
      expect(card.html).not.toContain('<b>Con cariño</b>');
      for (const part of [card.text, card.html]) expect(part).not.toContain(formatMoney(5_000, 'USD', language));
      // The donor's receipt names the honoree.
      expect(receipt.text).toContain('Rosa Lima');
    });

    it("an anonymous gift is still receipted to the donor, and its card names no giver", async () => {
      const email = address('anonymous');
      const notify = address('honoree-anonymous');
      await paid({ locale: 'en', anonymous: true, donor: { email, name: 'Quiet Giver' }, tribute: { kind: 'honor', name: 'Dana Reyes', notifyEmail: notify } });
      const [card] = await inbox.waitFor(1, notify);
      const [receipt] = await inbox.waitFor(1, email);
      expect(card.text).toContain('Dana Reyes');
      expect(card.text + card.html).not.toContain('Quiet Giver');
      expect(receipt.text).toContain('Quiet Giver');
    });

    it('sends nothing new when a webhook is delivered again, by Stripe or by hand', async () => {
      const email = address('redelivered');
      const body = await paid({ donor: { email, name: 'R' } });
      await inbox.waitFor(1, email);
      await outboxSettled(h.ledger);
      const intent = intentId(body.clientSecret);
      const events = h.standin.objects('event').filter((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === intent);
      // The stand-in already delivered it twice; now once more by hand.
      expect(h.standin.deliveries.filter((d) => d.eventId === events[0]!.id && d.status === 200)).toHaveLength(2);
      const before = await h.ledger.outbox.counts();
      for (const event of events) {
        const payload = JSON.stringify(event);
        const response = await fetch(`${h.url}/api/stripe/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signatureHeader(payload, h.standin.webhookSecret) },
          body: payload,
        });
        expect(await response.json()).toEqual({ received: true, duplicate: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      await outboxSettled(h.ledger);
      expect(await h.ledger.outbox.counts()).toEqual(before);
      expect(inbox.to(email)).toHaveLength(1);
    });

    it('tries again when the server answers 451, and the receipt then arrives once', async () => {
      const email = address('greylisted');
      inbox.refuse((to, attempt) => (to === email && attempt <= 2 ? 451 : undefined));
      try {
        await paid({ donor: { email, name: 'G' } });
        await inbox.waitFor(1, email);
        await outboxSettled(h.ledger);
      } finally {
        inbox.refuse(undefined);
      }
      expect(inbox.refused.filter((r) => r.to === email)).toEqual([{ to: email, code: 451 }, { to: email, code: 451 }]);
      expect(inbox.to(email)).toHaveLength(1);
      expect(await messageFor(email)).toMatchObject({ status: 'sent', attempts: 3 });
    });

    it('keeps a message the server refuses for good as failed, masked, and outbox retry sends it', async () => {
      const email = address('refused');
      inbox.refuse((to) => (to === email ? 550 : undefined));
      await paid({ donor: { email, name: 'F' } });
      const failed = await until('the receipt to fail', async () => {
        const m = await messageFor(email);
        return m?.status === 'failed' ? m : undefined;
      });
      // An operator reads why, not whose: the address the server repeated is masked.
      expect(failed.lastError).toMatch(/^smtp_550/);
      expect(failed.lastError).not.toContain(email);
      expect(failed.attempts).toBe(1);
      expect(inbox.to(email)).toHaveLength(0);

      inbox.refuse(undefined);
      expect(await h.ledger.outbox.retry({ id: failed.id })).toBe(1);
      const [receipt] = await inbox.waitFor(1, email);
      expect(receipt.text).toMatch(RECEIPT_NUMBER);
      await outboxSettled(h.ledger);
      expect(inbox.to(email)).toHaveLength(1);
      expect(await messageFor(email)).toMatchObject({ status: 'sent' });
    });

    it('cancels a tribute card whose gift is refunded before it could go', async () => {
      const email = address('refunded-donor');
      const notify = address('refunded-honoree');
      let refunded = false;
      inbox.refuse((to) => (to === notify && !refunded ? 451 : undefined));
      try {
        const body = await paid({ donor: { email, name: 'D' }, tribute: { kind: 'honor', name: 'H', notifyEmail: notify } });
        await until('the card to be refused once', async () => (inbox.refused.some((r) => r.to === notify) ? true : undefined));
        await h.stripe.refunds.create({ payment_intent: intentId(body.clientSecret) });
        await h.standin.settled();
        refunded = true;
        const card = await until('the card to be cancelled', async () => {
          const m = await messageFor(notify);
          return m?.status === 'cancelled' ? m : undefined;
        });
        expect(card.lastError).toBe('gift_reversed');
        expect(inbox.to(notify)).toHaveLength(0);
      } finally {
        inbox.refuse(undefined);
      }
    });
  });

  describe(`a message that keeps failing, ledger on ${backend}`, () => {
    let h: Harness;
    let inbox: Inbox;
    beforeAll(async () => {
      inbox = await startInbox();
      h = await startHarness({ backend, env: mailEnv(inbox, { MAIL_MAX_ATTEMPTS: '3' }), prepare: sayTaxStatus });
    });
    afterAll(async () => {
      await h?.close();
      await inbox?.close();
    });

    it('ends failed after the last attempt, is kept and listed, and is sent when asked again', async () => {
      const email = `busy-${backend}@example.org`;
      inbox.refuse((to) => (to === email ? 451 : undefined));
      const body = await donate(h, { donor: { email, name: 'B' } });
      await h.standin.confirm(intentId(body.clientSecret));
      await h.standin.settled();
      const failed = await until('the receipt to fail', async () => (await h.ledger.outbox.list(['failed']))[0]);
      expect(failed).toMatchObject({ kind: 'receipt', attempts: 3, lastError: expect.stringMatching(/^smtp_451/) });
      expect(inbox.refused).toHaveLength(3);

      inbox.refuse(undefined);
      expect(await h.ledger.outbox.retry({ failed: true })).toBe(1);
      await inbox.waitFor(1, email);
      await outboxSettled(h.ledger);
      expect(inbox.to(email)).toHaveLength(1);
    });
  });
}
