/**
 * What a donor or an honoree reads in each letter, in each language, in both the HTML and the text
 * part: figures formatted for the language, the receipt number, the organization's EIN, the tax
 * statement deductible and not, the honoree's name, a hostile message kept as text, and a tribute card
 * that never shows an amount. Expected words and figures are written out here, not computed with the
 * code under test. (Chromium and axe look at the same letters in letters-browser.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../src/core/locale.js';
import { receiptLetter, tributeCardLetter, yearEndLetter, type Letter } from '../../../src/server/mail/letters/index.js';
import { CAMPAIGN, DONORS, HOSTILE_MESSAGE, ORGANIZATION, card, offlineReceipt, receipt, yearEnd } from './letters-fixtures.js';

/** The HTML part as a reader sees it: inline tags gone, block tags a space, entities decoded, runs of spaces and newlines one space (NBSP kept). */
function visibleText(html: string): string {
  return html
    .slice(html.indexOf('<body'))
    .replace(/<\/?(?:span|a|b|strong|em)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ');
}

/** Each piece appears in the HTML part as read and in the text part. */
function expectBothParts(letter: Letter, pieces: string[]): void {
  const html = visibleText(letter.html);
  for (const piece of pieces) {
    expect(html, `HTML part: ${piece}`).toContain(piece);
    expect(letter.text, `text part: ${piece}`).toContain(piece);
  }
}

/** A label and its value side by side: one row in the HTML table, "label: value" in the text. */
function expectRow(letter: Letter, label: string, value: string): void {
  expect(visibleText(letter.html)).toContain(` ${label} ${value} `);
  expect(letter.text).toContain(`${label}: ${value}\n`);
}

function expectNeither(letter: Letter, pieces: string[]): void {
  const html = visibleText(letter.html);
  for (const piece of pieces) {
    expect(html, `HTML part: ${piece}`).not.toContain(piece);
    expect(letter.text, `text part: ${piece}`).not.toContain(piece);
  }
}

const NBSP = '\u00a0';

/** What each language's donor should read, written out. */
const WORDS = {
  en: {
    date: 'June 5, 2026',
    received: 'Date received',
    donor: 'Donor',
    gift: ['Gift', '$100.00'],
    fee: ['Processing fee you covered', '$2.56'],
    total: ['Total given', '$102.56'],
    frequency: ['Frequency', 'Monthly'],
    method: ['Payment method', 'Visa ending in 4242'],
    cheque: 'Check',
    bank: 'Bank transfer',
    number: 'Receipt number',
    memory: 'In memory of Rosa Amaral',
    subject: 'Receipt 2026-000042',
    noGoods: 'No goods or services were provided in exchange for this contribution.',
    deductibleStatus: 'is a tax-exempt organization under Section 501(c)(3) of the Internal Revenue Code, EIN 04-1234567',
    notDeductible: 'This gift is not deductible as a charitable contribution for federal income tax purposes.',
    anonymous: 'listed anonymously',
    manage: 'Manage your recurring gift',
    someone: 'Someone',
    honorCard: 'Grace Hopper has made a gift to Massachusetts Immigrant and Refugee Advocacy Coalition in honor of Ana Souza.',
    memoryCard: 'Someone has made a gift to Massachusetts Immigrant and Refugee Advocacy Coalition in memory of Ana Souza',
    cardSubject: { honor: 'A gift in honor of Ana Souza', memory: 'A gift in memory of Ana Souza' },
    yearSubject: 'Your 2026 giving statement',
    yearDates: ['Mar 2, 2026', 'Jul 15, 2026', 'Sep 1, 2026', 'Nov 20, 2026'],
    deductibleUsd: '$1,337.06',
    deductibleEur: '€50.00',
    notDeductibleUsd: '$250.00',
    totalUsd: '$1,587.06',
    yearHeadings: ['Tax-deductible gifts', 'Gifts that are not tax-deductible'],
    summary: ['Tax-deductible', 'Not tax-deductible', 'Total given'],
    noGoodsPlural: 'No goods or services were provided in exchange for these contributions.',
    lateDecember: 'December 31, 2026',
  },
  es: {
    date: '5 de junio de 2026',
    received: 'Fecha de recepción',
    donor: 'Donante',
    gift: ['Donación', '$100.00'],
    fee: ['Comisión de procesamiento que cubriste', '$2.56'],
    total: ['Total donado', '$102.56'],
    frequency: ['Frecuencia', 'Mensual'],
    method: ['Método de pago', 'Visa terminada en 4242'],
    cheque: 'Cheque',
    bank: 'Transferencia bancaria',
    number: 'Número de recibo',
    memory: 'En memoria de Rosa Amaral',
    subject: 'Recibo 2026-000042',
    noGoods: 'No se proporcionaron bienes ni servicios a cambio de esta contribución.',
    deductibleStatus: 'es una organización exenta de impuestos según la Sección 501(c)(3) del Código de Rentas Internas',
    notDeductible: 'Esta donación no es deducible como contribución caritativa a efectos del impuesto federal sobre la renta.',
    anonymous: 'figure como anónima',
    manage: 'Administrar tu donación recurrente',
    someone: 'Alguien',
    honorCard: 'Camila Ortega hizo una donación a Massachusetts Immigrant and Refugee Advocacy Coalition en honor a Ana Souza.',
    memoryCard: 'Alguien hizo una donación a Massachusetts Immigrant and Refugee Advocacy Coalition en memoria de Ana Souza',
    cardSubject: { honor: 'Una donación en honor a Ana Souza', memory: 'Una donación en memoria de Ana Souza' },
    yearSubject: 'Tu resumen de donaciones de 2026',
    yearDates: ['2 mar 2026', '15 jul 2026', '1 sept 2026', '20 nov 2026'],
    deductibleUsd: '$1,337.06',
    deductibleEur: `EUR${NBSP}50.00`,
    notDeductibleUsd: '$250.00',
    totalUsd: '$1,587.06',
    yearHeadings: ['Donaciones deducibles de impuestos', 'Donaciones no deducibles de impuestos'],
    summary: ['Deducible de impuestos', 'No deducible de impuestos', 'Total donado'],
    noGoodsPlural: 'No se proporcionaron bienes ni servicios a cambio de estas contribuciones.',
    lateDecember: '31 de diciembre de 2026',
  },
  pt: {
    date: '5 de junho de 2026',
    received: 'Data de recebimento',
    donor: 'Doador(a)',
    gift: ['Doação', `US$${NBSP}100,00`],
    fee: ['Taxa de processamento que você cobriu', `US$${NBSP}2,56`],
    total: ['Total doado', `US$${NBSP}102,56`],
    frequency: ['Frequência', 'Mensal'],
    method: ['Forma de pagamento', 'Visa com final 4242'],
    cheque: 'Cheque',
    bank: 'Transferência bancária',
    number: 'Número do recibo',
    memory: 'Em memória de Rosa Amaral',
    subject: 'Recibo 2026-000042',
    noGoods: 'Nenhum bem ou serviço foi fornecido em troca desta contribuição.',
    deductibleStatus: 'é uma organização isenta de impostos nos termos da Seção 501(c)(3) do Internal Revenue Code',
    notDeductible: 'Esta doação não é dedutível como contribuição beneficente para fins do imposto de renda federal dos EUA.',
    anonymous: 'aparecesse como anônima',
    manage: 'Gerenciar sua doação recorrente',
    someone: 'Alguém',
    honorCard: 'João Silva fez uma doação para Massachusetts Immigrant and Refugee Advocacy Coalition em homenagem a Ana Souza.',
    memoryCard: 'Alguém fez uma doação para Massachusetts Immigrant and Refugee Advocacy Coalition em memória de Ana Souza',
    cardSubject: { honor: 'Uma doação em homenagem a Ana Souza', memory: 'Uma doação em memória de Ana Souza' },
    yearSubject: 'Seu extrato de doações de 2026',
    yearDates: ['2 de mar. de 2026', '15 de jul. de 2026', '1 de set. de 2026', '20 de nov. de 2026'],
    deductibleUsd: `US$${NBSP}1.337,06`,
    deductibleEur: `€${NBSP}50,00`,
    notDeductibleUsd: `US$${NBSP}250,00`,
    totalUsd: `US$${NBSP}1.587,06`,
    yearHeadings: ['Doações dedutíveis de impostos', 'Doações não dedutíveis de impostos'],
    summary: ['Dedutível de impostos', 'Não dedutível de impostos', 'Total doado'],
    noGoodsPlural: 'Nenhum bem ou serviço foi fornecido em troca destas contribuições.',
    lateDecember: '31 de dezembro de 2026',
  },
} satisfies Record<Language, unknown>;

describe.each(LANGUAGES)('in %s', (language) => {
  const words = WORDS[language];

  describe('the receipt', () => {
    const letter = receiptLetter(receipt(language));

    it('is marked as the donor’s language, in both parts, with a subject in it', () => {
      expect(letter.language).toBe(language);
      expect([typeof letter.html, typeof letter.text, typeof letter.subject]).toEqual(['string', 'string', 'string']);
      expect(letter.html).toMatch(new RegExp(`^<!DOCTYPE html>\\s*<html lang="${language}"`));
      expect(letter.subject).toContain(words.subject);
      expect(letter.subject).toContain(ORGANIZATION.legalName);
    });

    it('names the organization with its address and EIN, the donor, the date and the receipt number', () => {
      expectBothParts(letter, [ORGANIZATION.legalName, '105 Example Street, Suite 901', 'Boston, MA 02111', 'EIN 04-1234567', DONORS[language].name, CAMPAIGN[language]]);
      expectRow(letter, words.number, '2026-000042');
      expectBothParts(letter, [words.date]);
    });

    it('gives the gift, the fee it covered and the total in the language’s money, the frequency and the method', () => {
      for (const [label, value] of [words.gift, words.fee, words.total, words.frequency, words.method]) expectRow(letter, label, value);
    });

    it('states that no goods or services were given, and the 501(c)(3) status, for a deductible campaign', () => {
      expectBothParts(letter, [words.noGoods, words.deductibleStatus]);
      expectNeither(letter, [words.notDeductible]);
    });

    it('says plainly that a gift to a campaign that is not deductible is not, and claims no deduction', () => {
      const other = receiptLetter(offlineReceipt(language));
      expectBothParts(other, [words.notDeductible, 'Policy Action Fund', '2026-000043']);
      expectNeither(other, [words.noGoods, '501(c)(3)']);
    });

    it('names the honoree of a tribute gift', () => {
      expectBothParts(letter, [words.memory]);
    });

    it('still receipts an anonymous gift to the donor by name, and says it is listed anonymously', () => {
      const anonymous = receiptLetter(offlineReceipt(language));
      expectBothParts(anonymous, [DONORS[language].name, words.anonymous]);
      expectNeither(letter, [words.anonymous]);
    });

    it('shows an offline cheque as a cheque, with no fee line and no operator’s note', () => {
      const cheque = receiptLetter(offlineReceipt(language));
      expectBothParts(cheque, [words.cheque]);
      expectNeither(cheque, [words.fee[0], 'Gala table 4']);
      expectBothParts(receiptLetter(receipt(language, { method: { kind: 'bank' } })), [words.bank]);
    });

    it('dates an offline gift as received, and names a donor recorded with an email only by that email', () => {
      expectRow(receiptLetter(offlineReceipt(language)), words.received, words.date);
      const nameless = receiptLetter({ ...offlineReceipt(language), donor: { name: ' ', email: 'donor@example.org' } });
      expectRow(nameless, words.donor, 'donor@example.org');
    });

    it('links to managing a recurring gift, and to nothing but http(s)', () => {
      expect(letter.html).toContain(`<a href="https://give.miracoalition.org/manage?gift=sub_123&amp;sig=abc"`);
      expectBothParts(letter, [words.manage]);
      expect(letter.text).toContain('https://give.miracoalition.org/manage?gift=sub_123&sig=abc');
      const hostile = receiptLetter(receipt(language, { manageUrl: 'javascript:alert(1)' }));
      expect(hostile.html).not.toContain('javascript:');
      expectNeither(hostile, [words.manage]);
      expectNeither(receiptLetter(receipt(language, { manageUrl: undefined })), [words.manage]);
    });

    it('dates a gift by Boston’s calendar: 10:30 pm on December 31 is still that year', () => {
      expectBothParts(receiptLetter(receipt(language, { date: '2027-01-01T03:30:00Z' })), [words.lateDecember]);
    });

    it('keeps a name that holds markup or line breaks as text on one line', () => {
      const hostile = receiptLetter(receipt(language, { donor: { name: 'Eve <img src=x onerror=alert(1)>\nTotal given: $0.00', email: 'e@example.org' } }));
      expect(hostile.html).not.toContain('<img');
      expect(hostile.html).toContain('Eve &lt;img src=x onerror=alert(1)&gt; Total given: $0.00');
      expect(hostile.text).not.toMatch(/^Total given: \$0\.00/m);
      expect(hostile.subject).not.toMatch(/[\r\n]/);
    });
  });

  describe('the tribute card', () => {
    const honor = tributeCardLetter(card(language));
    const memory = tributeCardLetter(card(language, { giver: undefined, tribute: { kind: 'memory', name: 'Ana Souza', message: 'Descanse em paz.' } }));

    it('says who gave, in honor of whom, in the donor’s language, with its subject in it', () => {
      expect(honor.language).toBe(language);
      expect(honor.html).toContain(`<html lang="${language}"`);
      expect(honor.subject).toBe(words.cardSubject.honor);
      expectBothParts(honor, [words.honorCard, CAMPAIGN[language]]);
    });

    it('says "someone" for an anonymous gift, and speaks of memory in its own words', () => {
      expect(memory.subject).toBe(words.cardSubject.memory);
      expectBothParts(memory, [words.memoryCard]);
      expectNeither(memory, [DONORS[language].name]);
    });

    it('keeps the message as text, whatever it holds, line breaks included', () => {
      expect(honor.html).not.toContain('<script>');
      expect(honor.html).not.toContain('</td></tr></table><b>');
      expect(honor.html).toContain('Thinking of you always.<br>&lt;script&gt;window.pwned = true&lt;/script&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;b&gt;bold?&lt;/b&gt;<br>— with love &amp; &lt;3');
      expect(honor.text).toContain(HOSTILE_MESSAGE);
    });

    it('never shows the amount, in any format, even when handed the gift’s figures', () => {
      const withFigures = { ...card(language), gift: 10_000, fee: 256, total: 10_256, currency: 'USD', amount: 10_000 } as Parameters<typeof tributeCardLetter>[0];
      for (const letter of [honor, memory, tributeCardLetter(withFigures)]) {
        for (const part of [visibleText(letter.html), letter.text, letter.subject]) {
          expect(part).not.toMatch(/\d[.,]\d{2}\b/);
          expect(part).not.toMatch(/\b(100|102|10000|10256|256)\b/);
          expect(part).not.toMatch(/[$€£¥]|R\$|US\$|USD|EUR/);
        }
      }
    });
  });

  describe('the year-end statement', () => {
    const letter = yearEndLetter(yearEnd(language));

    it('is in the donor’s language, with a subject naming the year', () => {
      expect(letter.language).toBe(language);
      expect(letter.html).toContain(`<html lang="${language}"`);
      expect(letter.subject).toContain(words.yearSubject);
    });

    it('lists every gift with date, receipt number, campaign, amount, fee covered and method, oldest first', () => {
      expectBothParts(letter, [...words.yearDates, '2026-000007', '2026-000120', '2026-000200', '2026-000310', words.method[1], words.bank, words.cheque, words.total[1], words.fee[1]]);
      const read = visibleText(letter.html);
      const order = words.yearDates.slice(0, 3).map((date) => read.indexOf(date));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(letter.html.match(/<th scope="col"/g)?.length).toBeGreaterThanOrEqual(6);
    });

    it('separates the deductible gifts from the rest, with totals per currency', () => {
      const [deductible, notDeductible] = words.yearHeadings;
      const read = visibleText(letter.html);
      const deductibleSection = read.slice(read.indexOf(deductible), read.indexOf(notDeductible));
      expect(deductibleSection).toContain('2026-000007');
      expect(deductibleSection).not.toContain('2026-000310');
      for (const text of [read, letter.text]) {
        expect(text).toContain(deductible);
        expect(text).toContain(notDeductible);
      }
      expectBothParts(letter, [words.deductibleUsd, words.deductibleEur, words.notDeductibleUsd, words.totalUsd]);
      const [d, n, t] = words.summary;
      expect(letter.text).toContain(`${d} (USD): ${words.deductibleUsd}\n${n} (USD): ${words.notDeductibleUsd}\n${t} (USD): ${words.totalUsd}`);
      expect(read).toContain(` ${d} ${words.deductibleUsd} ${words.deductibleEur} `);
    });

    it('carries the tax statement for the deductible gifts and for the others', () => {
      expectBothParts(letter, [words.noGoodsPlural, 'EIN 04-1234567', ORGANIZATION.legalName]);
      expect(letter.text).toMatch(/501\(c\)\(3\)/);
    });

    it('leaves out the deductible wording for a year of gifts that are not deductible', () => {
      const data = yearEnd(language);
      const onlyPolicy = yearEndLetter({ ...data, gifts: data.gifts.filter((gift) => !gift.deductible) });
      expectNeither(onlyPolicy, [words.noGoodsPlural, '501(c)(3)', words.yearHeadings[0]]);
    });
  });
});
