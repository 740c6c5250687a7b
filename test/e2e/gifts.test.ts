/**
 * Three donors, three languages, three frequencies: each chooses, types, pays with 4242… in the
 * stand-in's card form and ends on the thank-you in their language, and the stand-in holds exactly
 * the payment the endpoint asked for, grossed up when the donor covered the fee, with the gift in
 * its metadata.
 */
import { describe, expect, it } from 'vitest';
import { grossUp } from '../../src/core/fees.js';
import { formatMoney } from '../../src/core/money.js';
import { paymentsAt, screenshot, PHONE } from './support/demo.js';
import { TEST_CARDS, term } from './support/donor.js';
import { useDemo } from './support/session.js';

const e2e = useDemo();

const rates = () => e2e.demo.endpoint.config.feeRates;
const whole = (minor: number, language: 'en' | 'es' | 'pt') => formatMoney(minor, 'USD', language, { trimWhole: true });

describe('a donor gives on the page and is thanked in their language', () => {
  it('one time, $50, covering the fee, in Spanish', async () => {
    const { context, donor } = await e2e.donorPage();
    try {
      await donor.chooseLanguage('es');
      await screenshot(donor.page, 'es-desktop-1-initial');
      await donor.chooseFrequency('es', 'once');
      await donor.typeAmount('50');
      await donor.coverFee(true);
      await donor.fillDetails('Lucía Pérez', 'lucia@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      await screenshot(donor.page, 'es-desktop-2-payment-form');

      const expected = grossUp(5000, rates());
      // The button names the grossed-up total before the donor presses it.
      await expect.poll(() => donor.donate.textContent()).toContain(formatMoney(expected.total, 'USD', 'es'));
      expect(await donor.pressDonate()).toBe('thanks');
      await screenshot(donor.page, 'es-desktop-3-thank-you');

      const thanks = await donor.thankYou.innerText();
      expect(thanks).toContain(term('es', 'thanks.title', { name: 'Lucía' }));
      expect(thanks).toContain(term('es', 'thanks.gift', { amount: term('es', 'amount.once', { amount: whole(5000, 'es') }) }));
      expect(thanks).toContain(term('es', 'thanks.fee', { fee: formatMoney(expected.fee, 'USD', 'es') }));
      expect(thanks).toContain(term('es', 'thanks.receipt', { email: 'lucia@example.org' }));

      expect(await donor.completion()).toMatchObject({ gift: 5000, fee: expected.fee, total: expected.total, currency: 'USD', frequency: 'once' });

      const { succeeded } = await paymentsAt(e2e.demo.stripe);
      const mine = succeeded.filter((intent) => intent.metadata.donorName === 'Lucía Pérez');
      expect(mine).toHaveLength(1);
      expect(mine[0]!.amount).toBe(expected.total);
      expect(mine[0]!.currency).toBe('usd');
      // Stripe's own receipt stays off: the endpoint sends its own (test/server/mail).
      expect(mine[0]!.receipt_email).toBeNull();
      expect(mine[0]!.metadata).toMatchObject({ campaign: 'mira', gift: '5000', fee: String(expected.fee), frequency: 'once', locale: 'es', anonymous: 'false' });
    } finally {
      await context.close();
    }
  });

  it('monthly, $25, in honor of someone, in Portuguese, on a phone', async () => {
    const { context, donor } = await e2e.donorPage(PHONE);
    try {
      await donor.chooseLanguage('pt');
      await screenshot(donor.page, 'pt-phone-1-initial');
      await donor.chooseFrequency('pt', 'month');
      await donor.typeAmount('25');
      await donor.coverFee(false);
      await donor.addTribute('pt', 'honor', 'Maria das Graças');
      await donor.fillDetails('Ana Souza', 'ana@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      await screenshot(donor.page, 'pt-phone-2-payment-form');

      expect(await donor.pressDonate()).toBe('thanks');
      await screenshot(donor.page, 'pt-phone-3-thank-you');

      const thanks = await donor.thankYou.innerText();
      expect(thanks).toContain(term('pt', 'thanks.title', { name: 'Ana' }));
      const amount = term('pt', 'amount.month', { amount: whole(2500, 'pt') });
      expect(thanks).toContain(term('pt', 'thanks.gift_honor', { amount, name: 'Maria das Graças' }));

      expect(await donor.completion()).toMatchObject({ gift: 2500, fee: 0, total: 2500, currency: 'USD', frequency: 'month' });

      const subscriptions = (await e2e.demo.stripe.subscriptions.list({ limit: 100 })).data.filter((s) => s.metadata.donorName === 'Ana Souza');
      expect(subscriptions).toHaveLength(1);
      const [subscription] = subscriptions;
      expect(subscription!.status).toBe('active');
      expect(subscription!.items.data[0]!.price.unit_amount).toBe(2500);
      expect(subscription!.items.data[0]!.price.recurring?.interval).toBe('month');
      expect(subscription!.metadata).toMatchObject({ campaign: 'mira', gift: '2500', fee: '0', frequency: 'month', locale: 'pt', tributeKind: 'honor', tributeName: 'Maria das Graças' });
      const { succeeded } = await paymentsAt(e2e.demo.stripe);
      expect(succeeded.filter((intent) => intent.customer === subscription!.customer).map((intent) => intent.amount)).toEqual([2500]);
    } finally {
      await context.close();
    }
  });

  it('annual, a preset amount, in English', async () => {
    const { context, donor } = await e2e.donorPage();
    try {
      await donor.chooseFrequency('en', 'year');
      await donor.widget.getByRole('radio', { name: term('en', 'amount.year', { amount: whole(25_000, 'en') }), exact: true }).click();
      await donor.fillDetails('Sam Lee', 'sam@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      await screenshot(donor.page, 'en-desktop-2-payment-form');
      expect(await donor.pressDonate()).toBe('thanks');
      await screenshot(donor.page, 'en-desktop-3-thank-you');

      const thanks = await donor.thankYou.innerText();
      expect(thanks).toContain(term('en', 'thanks.gift', { amount: term('en', 'amount.year', { amount: whole(25_000, 'en') }) }));
      expect(await donor.completion()).toMatchObject({ gift: 25_000, fee: 0, total: 25_000, frequency: 'year' });

      const subscriptions = (await e2e.demo.stripe.subscriptions.list({ limit: 100 })).data.filter((s) => s.metadata.donorName === 'Sam Lee');
      expect(subscriptions).toHaveLength(1);
      expect(subscriptions[0]!.items.data[0]!.price.recurring?.interval).toBe('year');
      expect(subscriptions[0]!.metadata).toMatchObject({ gift: '25000', frequency: 'year', locale: 'en' });
      expect(subscriptions[0]!.metadata.tributeKind).toBeUndefined();
    } finally {
      await context.close();
    }
  });
});
