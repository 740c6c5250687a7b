/**
 * The mail of a recurring gift as its donor reads it, from a real SMTP server: every receipt of a
 * recurring gift carries a link to manage it that opens that gift; a one-time gift's does not; a
 * change is confirmed in the donor's language; and each letter about a recurring gift, in each
 * language, is whole (no placeholder left, no English in the Spanish or Portuguese).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../src/core/locale.js';
import { manageLinksFor } from '../../../src/server/manage/links.js';
import { giftChangedLetter, giftEndedLetter, manageLinkLetter, paymentFailedLetter, type RecurringGiftFacts } from '../../../src/server/mail/letters/index.js';
import { donate, intentId, startHarness, type Harness } from '../helpers.js';
import { startInbox, type Inbox } from '../mail/inbox.js';
import { CAMPAIGN, ORGANIZATION } from '../mail/letters-fixtures.js';
import { mailEnv, outboxSettled, sayTaxStatus } from '../mail/support.js';

describe('the mail of a recurring gift, through SMTP', () => {
  let h: Harness;
  let inbox: Inbox;
  let n = 0;

  beforeAll(async () => {
    inbox = await startInbox();
    h = await startHarness({ env: mailEnv(inbox), prepare: sayTaxStatus, delivery: { duplicate: 1 } });
  });
  afterAll(async () => {
    await h?.close();
    await inbox?.close();
  });

  for (const language of LANGUAGES) {
    it(`receipts each payment of a monthly gift with a link that opens that gift, and confirms a change, in ${language}`, async () => {
      const email = `monthly-${++n}@example.org`;
      const body = await donate(h, { frequency: 'month', gift: 2_500, locale: language, donor: { email, name: 'Luis Pérez' } });
      await h.standin.confirm(intentId(body.clientSecret));
      await h.standin.settled();
      const subscription = h.standin.objects('subscription').find((s) => s.metadata.donationId === body.donationId)!.id;
      await h.standin.renewSubscription(subscription);
      await h.standin.settled();
      const receipts = await inbox.waitFor(2, email);
      const links = manageLinksFor(h.config);
      for (const receipt of receipts) {
        const token = /https:\/\/give\.miracoalition\.org\/manage#([^\s"<&]+)/.exec(receipt.text)?.[1];
        expect(token, receipt.text).toBeDefined();
        expect(receipt.html).toContain(`https://give.miracoalition.org/manage#${token}`);
        expect(links.verify(token)).toMatchObject({ ok: true, subscription });
      }

      const token = /manage#([^\s"<&]+)/.exec(receipts[0]!.text)![1]!;
      const changed = await fetch(`${h.url}/api/manage/gift`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ action: 'pause', months: 1 }),
      });
      expect(changed.status).toBe(200);
      const [, , confirmation] = await inbox.waitFor(3, email);
      await outboxSettled(h.ledger);
      expect(inbox.to(email)).toHaveLength(3);
      expect(confirmation!.language).toBe(language);
      expect(confirmation!.text).toContain(
        { en: 'Your gift is paused', es: 'Tu donación está en pausa', pt: 'Sua doação está pausada' }[language],
      );
    });
  }

  it('sends no manage link with a one-time gift\'s receipt', async () => {
    const email = `once-${++n}@example.org`;
    const body = await donate(h, { frequency: 'once', donor: { email, name: 'Ana' } });
    await h.standin.confirm(intentId(body.clientSecret));
    const [receipt] = await inbox.waitFor(1, email);
    expect(receipt!.text).not.toContain('/manage#');
  });
});

describe('the letters about a recurring gift', () => {
  const gift = (language: Language): RecurringGiftFacts => ({ campaign: CAMPAIGN[language], gift: 2_500, fee: 86, total: 2_586, currency: 'USD', frequency: 'month' });
  const url = 'https://give.miracoalition.org/manage#v1.k1.sub_x.1.sig';
  const english = ['Your ', 'gift', 'card', 'Manage'];

  for (const language of LANGUAGES) {
    it(`are whole in ${language}`, () => {
      const letters = [
        ...(['change', 'pause', 'resume', 'cancel', 'card'] as const).map((action) =>
          giftChangedLetter({ language, organization: ORGANIZATION, action, gift: gift(language), card: { brand: 'visa', last4: '4242' }, pausedUntil: '2027-02-01', manageUrl: url, restartUrl: 'https://www.miracoalition.org' }),
        ),
        paymentFailedLetter({ language, organization: ORGANIZATION, gift: gift(language), cardUrl: `${url}&card` }),
        giftEndedLetter({ language, organization: ORGANIZATION, gift: gift(language), restartUrl: 'https://www.miracoalition.org' }),
        manageLinkLetter({ language, organization: ORGANIZATION, gift: gift(language), manageUrl: url }),
      ];
      for (const letter of letters) {
        expect(letter.language).toBe(language);
        expect(letter.html).toMatch(new RegExp(`<html lang="${language}"`));
        for (const part of [letter.subject, letter.text, letter.html]) expect(part).not.toMatch(/{{|}}/);
        if (language !== 'en') for (const word of english) expect(letter.text.replace(/https?:\/\/\S+/g, ''), `${letter.subject}: ${word}`).not.toContain(word);
      }
      // The failed payment's link goes straight to the card.
      expect(letters[5]!.text).toContain(`${url}&card`);
      expect(letters[5]!.html).toContain(`${url}&amp;card`);
      // A cancellation offers to start again, not to manage a gift that is over.
      expect(letters[3]!.text).toContain('https://www.miracoalition.org');
      expect(letters[3]!.text).not.toContain(url);
    });
  }
});
