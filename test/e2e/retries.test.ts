/**
 * When things go wrong, a donor tries again and is charged once: a declined card keeps everything
 * they typed; a double click, a request that never reached the endpoint and — the nasty case — a
 * request the endpoint acted on whose answer never came back all end in exactly one payment.
 */
import { describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { declineMessage } from '../../src/standin/browser/messages.js';
import { paymentsAt, screenshot, PHONE } from './support/demo.js';
import { TEST_CARDS, term } from './support/donor.js';
import { useDemo } from './support/session.js';

const e2e = useDemo();

/** The donor's page, and every gift they post to the endpoint (none is posted before they pay). */
async function donorPage(viewport?: { width: number; height: number }) {
  const { context, donor } = await e2e.donorPage(viewport);
  const donationPosts: Request[] = [];
  donor.page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/donations') donationPosts.push(request);
  });
  return { context, donor, donationPosts };
}

/** The stand-in's PaymentIntents for one donor (the endpoint puts the donor's name in the metadata). */
async function paymentsOf(name: string) {
  const { intents, succeededCharges } = await paymentsAt(e2e.demo.stripe);
  const mine = intents.filter((intent) => intent.metadata.donorName === name);
  const ofMine = succeededCharges.filter((c) => mine.some((intent) => intent.id === c.payment_intent));
  return { intents: mine, succeeded: mine.filter((i) => i.status === 'succeeded'), succeededCharges: ofMine };
}

describe('a declined card', () => {
  it('says so in the donor\'s language, keeps what they typed, and the next card pays once', async () => {
    const { context, donor } = await donorPage();
    try {
      await donor.chooseLanguage('es');
      await donor.typeAmount('40');
      await donor.addTribute('es', 'memory', 'José Martí');
      await donor.fillDetails('Rosa Díaz', 'rosa@example.org');
      await donor.fillCard(TEST_CARDS.declined);
      expect(await donor.pressDonate()).toBe('error');
      await screenshot(donor.page, 'es-desktop-4-declined');

      expect(await donor.paymentError.innerText()).toBe(declineMessage('es', { code: 'card_declined', decline_code: 'generic_decline' }));
      // Ready to try again: everything typed is still there, and the button is no longer busy.
      expect(await donor.value('custom-amount')).toBe('40');
      expect(await donor.value('tribute-name')).toBe('José Martí');
      expect(await donor.value('donor-name')).toBe('Rosa Díaz');
      expect(await donor.value('donor-email')).toBe('rosa@example.org');
      expect(await donor.widget.getByRole('radio', { name: term('es', 'tribute.memory'), exact: true }).getAttribute('aria-checked')).toBe('true');
      expect(await donor.donate.getAttribute('aria-busy')).toBe('false');
      expect(await donor.completions()).toEqual([]);

      await donor.fillCard(TEST_CARDS.visa);
      expect(await donor.pressDonate()).toBe('thanks');
      expect(await donor.thankYou.innerText()).toContain('José Martí');

      const payments = await paymentsOf('Rosa Díaz');
      expect(payments.succeeded).toHaveLength(1);
      expect(payments.succeededCharges).toHaveLength(1);
      expect(payments.succeeded[0]!.amount).toBe(4000);
      expect(payments.succeeded[0]!.metadata).toMatchObject({ tributeKind: 'memory', tributeName: 'José Martí', locale: 'es' });
      expect(await donor.completions()).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});

describe('exactly one payment', () => {
  it('when Donate is double-clicked', async () => {
    const { context, donor, donationPosts } = await donorPage();
    try {
      await donor.typeAmount('30');
      await donor.fillDetails('Dana Quick', 'dana@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      await donor.donate.dblclick();
      expect(await donor.outcome()).toBe('thanks');

      expect(donationPosts).toHaveLength(1);
      const payments = await paymentsOf('Dana Quick');
      expect(payments.intents).toHaveLength(1);
      expect(payments.succeededCharges).toHaveLength(1);
      expect(await donor.completions()).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('when the request to the endpoint fails on the way and the donor presses Donate again', async () => {
    const { context, donor, donationPosts } = await donorPage(PHONE);
    try {
      let failures = 1;
      await donor.page.route('**/api/donations', (route) => (failures-- > 0 ? route.abort('internetdisconnected') : route.continue()));
      await donor.chooseLanguage('pt');
      await donor.typeAmount('35');
      await donor.fillDetails('Paulo Lima', 'paulo@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      expect(await donor.pressDonate()).toBe('error');
      await screenshot(donor.page, 'pt-phone-4-network-error');
      expect(await donor.paymentError.innerText()).toBe(term('pt', 'errors.network_error'));
      expect(await donor.value('custom-amount')).toBe('35');
      expect((await paymentsOf('Paulo Lima')).intents).toHaveLength(0);

      expect(await donor.pressDonate()).toBe('thanks');
      expect(donationPosts).toHaveLength(2);
      const payments = await paymentsOf('Paulo Lima');
      expect(payments.intents).toHaveLength(1);
      expect(payments.succeededCharges).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('when the endpoint made the payment but its answer never reached the browser', async () => {
    const { context, donor, donationPosts } = await donorPage();
    try {
      let lost = 1;
      await donor.page.route('**/api/donations', async (route) => {
        if (lost-- <= 0) return route.continue();
        // The endpoint receives and acts on the request; the answer is lost on the way back.
        const response = await route.fetch();
        expect(response.status()).toBe(200);
        await route.abort('connectionreset');
      });
      await donor.typeAmount('45');
      await donor.fillDetails('Nia Lost', 'nia@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      expect(await donor.pressDonate()).toBe('error');
      await screenshot(donor.page, 'en-desktop-4-answer-lost');
      expect(await donor.paymentError.innerText()).toBe(term('en', 'errors.network_error'));
      // The endpoint did make a PaymentIntent the browser never heard of.
      expect((await paymentsOf('Nia Lost')).intents).toHaveLength(1);

      expect(await donor.pressDonate()).toBe('thanks');
      expect(donationPosts).toHaveLength(2);
      // The retry is the same attempt: same key, so the endpoint answers with the same payment.
      const keys = await Promise.all(donationPosts.map((post) => post.headerValue('idempotency-key')));
      expect(keys[0]).toBeTruthy();
      expect(keys[1]).toBe(keys[0]);
      const payments = await paymentsOf('Nia Lost');
      expect(payments.intents).toHaveLength(1);
      expect(payments.succeededCharges).toHaveLength(1);
      expect(payments.succeeded[0]!.amount).toBe(4500);
    } finally {
      await context.close();
    }
  });
});

describe('leaving the page mid-way', () => {
  it('a reload after the endpoint made the payment, then the same gift again, is still one payment', async () => {
    const { context, donor, donationPosts } = await donorPage();
    try {
      let lost = 1;
      await donor.page.route('**/api/donations', async (route) => {
        if (lost-- <= 0) return route.continue();
        await route.fetch();
        await route.abort('connectionreset');
      });
      const giveAgain = async () => {
        await donor.typeAmount('55');
        await donor.fillDetails('Rui Reload', 'rui@example.org');
        await donor.fillCard(TEST_CARDS.visa);
        return donor.pressDonate();
      };
      expect(await giveAgain()).toBe('error');
      expect((await paymentsOf('Rui Reload')).intents).toHaveLength(1);

      await donor.page.reload();
      await donor.widget.locator('[part~="progress"][aria-busy="false"]').waitFor();
      expect(await giveAgain()).toBe('thanks');
      const keys = await Promise.all(donationPosts.map((post) => post.headerValue('idempotency-key')));
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      const payments = await paymentsOf('Rui Reload');
      expect(payments.intents).toHaveLength(1);
      expect(payments.succeededCharges).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('a card that asks the bank to authenticate comes back to the page and is thanked there, in the donor\'s language', async () => {
    const { context, donor } = await donorPage(PHONE);
    try {
      await donor.chooseLanguage('es');
      await donor.typeAmount('65');
      await donor.fillDetails('Eva Banco', 'eva@example.org');
      await donor.fillCard('4000 0027 6000 3184');
      await donor.donate.click();
      // The bank's page (the stand-in's), then back to the demo page with the outcome in the URL.
      await donor.page.getByRole('button', { name: 'Complete authentication' }).click();
      await donor.page.waitForURL((url) => url.origin === e2e.demo.url);
      await donor.thankYou.waitFor();
      await screenshot(donor.page, 'es-phone-6-thank-you-after-redirect');
      // The outcome is read once: the URL no longer carries it, so a reload does not announce it again.
      expect(new URL(donor.page.url()).searchParams.has('payment_intent_client_secret')).toBe(false);
      expect(await donor.completion()).toMatchObject({ gift: 6500, frequency: 'once' });
      const payments = await paymentsOf('Eva Banco');
      expect(payments.succeededCharges).toHaveLength(1);
      // She chose Spanish before paying; the page she comes back to is the same English page.
      expect(await donor.thankYou.innerText()).toContain(term('es', 'thanks.gift', { amount: term('es', 'amount.once', { amount: '$65' }) }));
    } finally {
      await context.close();
    }
  });
});
