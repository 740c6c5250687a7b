/** The letters' test data: one gift per language, as the outbox would gather it. */
import type { Language } from '../../../src/core/locale.js';
import type { Organization, ReceiptLetter, TributeCardLetter, YearEndLetter } from '../../../src/server/mail/letters/index.js';

export const ORGANIZATION: Organization = {
  legalName: 'Massachusetts Immigrant and Refugee Advocacy Coalition',
  ein: '04-1234567',
  address: '105 Example Street, Suite 901\nBoston, MA 02111',
  website: 'https://www.miracoalition.org',
  replyTo: 'giving@miracoalition.org',
};

export const DONORS: Record<Language, { name: string; email: string }> = {
  en: { name: 'Grace Hopper', email: 'grace@example.org' },
  es: { name: 'Camila Ortega', email: 'camila@example.org' },
  pt: { name: 'João Silva', email: 'joao@example.org' },
};

/** The `mira` campaign's names, as the ledger keeps them. */
export const CAMPAIGN: Record<Language, string> = {
  en: "MIRA's state policy work",
  es: 'El trabajo de MIRA en políticas estatales',
  pt: 'O trabalho da MIRA em políticas estaduais',
};

/** What a message can hold: markup, a cell's end tag, line breaks. It must come out as these very characters. */
export const HOSTILE_MESSAGE = 'Thinking of you always.\n<script>window.pwned = true</script></td></tr></table><b>bold?</b>\n— with love & <3';

/** $100 monthly with the fee covered ($2.56), by Visa, in memory of someone, with a manage link. */
export function receipt(language: Language, overrides: Partial<ReceiptLetter> = {}): ReceiptLetter {
  return {
    language,
    receiptNumber: '2026-000042',
    organization: ORGANIZATION,
    donor: DONORS[language],
    date: '2026-06-05T14:30:00Z',
    gift: 10_000,
    fee: 256,
    total: 10_256,
    currency: 'USD',
    frequency: 'month',
    campaign: { name: CAMPAIGN[language], deductible: true },
    method: { kind: 'card', brand: 'visa', last4: '4242' },
    tribute: { kind: 'memory', name: 'Rosa Amaral' },
    anonymous: false,
    manageUrl: 'https://give.miracoalition.org/manage?gift=sub_123&sig=abc',
    ...overrides,
  };
}

/** An offline cheque of $250 to a campaign that is not deductible, listed anonymously. */
export function offlineReceipt(language: Language): ReceiptLetter {
  return receipt(language, {
    receiptNumber: '2026-000043',
    gift: 25_000,
    fee: 0,
    total: 25_000,
    frequency: 'once',
    offline: true,
    campaign: { name: 'Policy Action Fund', deductible: false },
    method: { kind: 'cheque', note: 'Gala table 4' },
    tribute: undefined,
    anonymous: true,
    manageUrl: undefined,
  });
}

export function card(language: Language, overrides: Partial<TributeCardLetter> = {}): TributeCardLetter {
  return {
    language,
    organization: ORGANIZATION,
    campaignName: CAMPAIGN[language],
    giver: DONORS[language].name,
    tribute: { kind: 'honor', name: 'Ana Souza', message: HOSTILE_MESSAGE },
    ...overrides,
  };
}

/**
 * A year of gifts: two deductible in USD (one monthly by card with the fee covered, one by bank
 * transfer), one deductible in EUR, one USD cheque to a fund that is not deductible. Listed out of order.
 */
export function yearEnd(language: Language): YearEndLetter {
  return {
    language,
    year: 2026,
    organization: ORGANIZATION,
    donor: DONORS[language],
    gifts: [
      { date: '2026-11-20T15:00:00Z', receiptNumber: '2026-000310', gift: 25_000, fee: 0, total: 25_000, currency: 'USD', campaign: 'Policy Action Fund', deductible: false, method: { kind: 'cheque' } },
      { date: '2026-03-02T15:00:00Z', receiptNumber: '2026-000007', gift: 10_000, fee: 256, total: 10_256, currency: 'USD', campaign: CAMPAIGN[language], deductible: true, method: { kind: 'card', brand: 'visa', last4: '4242' } },
      { date: '2026-07-15T15:00:00Z', receiptNumber: '2026-000120', gift: 123_450, fee: 0, total: 123_450, currency: 'USD', campaign: CAMPAIGN[language], deductible: true, method: { kind: 'bank', last4: '6789' } },
      { date: '2026-09-01T15:00:00Z', receiptNumber: '2026-000200', gift: 5_000, fee: 0, total: 5_000, currency: 'EUR', campaign: CAMPAIGN[language], deductible: true, method: { kind: 'card', brand: 'mastercard', last4: '4444' } },
    ],
  };
}
