/**
 * One summary of all of a donor's gifts in a year: the document they hand to a tax preparer. Gifts
 * to deductible campaigns and to campaigns that are not deductible are listed apart, each list with
 * its totals per currency, then a summary per currency and the tax statement.
 */
import type { Language } from '../../../core/locale.js';
import type { Letter, YearEndLetter } from './index.js';
import { date, day, money, oneLine, paymentMethod } from './format.js';
import { h1, h2, htmlPage, p, style } from './layout.js';
import { markup, type Markup } from './markup.js';
import { taxStatementHtml, yearTaxStatement } from './tax.js';
import { fill, termsFor, type MailTerms } from './terms.js';
import { heading, textPage } from './text.js';

type Gift = YearEndLetter['gifts'][number];
type Sums = Map<string, { total: number; fee: number }>;

/** Total given and fee covered per currency, currencies in the order they first appear. */
function sums(gifts: Gift[]): Sums {
  const byCurrency: Sums = new Map();
  for (const gift of gifts) {
    const sum = byCurrency.get(gift.currency) ?? { total: 0, fee: 0 };
    sum.total += gift.total;
    sum.fee += gift.fee;
    byCurrency.set(gift.currency, sum);
  }
  return byCurrency;
}

interface Row { date: string; receipt: string; campaign: string; amount: string; fee: string; method: string }

function row(gift: Gift, language: Language): Row {
  return {
    date: date(gift.date, language, 'medium'),
    receipt: oneLine(gift.receiptNumber),
    campaign: oneLine(gift.campaign),
    amount: money(gift.total, gift.currency, language),
    fee: money(gift.fee, gift.currency, language),
    method: paymentMethod(gift.method, language),
  };
}

function giftTable(gifts: Gift[], language: Language, y: MailTerms['yearEnd']): Markup {
  const figure = style.cell + style.figure;
  return markup`<table class="letter-grid" style="${style.table}">
<thead><tr>
<th scope="col" style="${style.column}">${y.date}</th>
<th scope="col" style="${style.column}">${y.receipt}</th>
<th scope="col" style="${style.column}">${y.campaign}</th>
<th scope="col" style="${style.column}${style.number}">${y.amount}</th>
<th scope="col" style="${style.column}${style.number}">${y.fee}</th>
<th scope="col" style="${style.column}">${y.method}</th>
</tr></thead>
<tbody>${gifts.map((gift) => {
    const r = row(gift, language);
    return markup`
<tr><td style="${style.cell}">${r.date}</td><td style="${style.cell}">${r.receipt}</td><td style="${style.cell}">${r.campaign}</td><td style="${figure}">${r.amount}</td><td style="${figure}">${r.fee}</td><td style="${style.cell}">${r.method}</td></tr>`;
  })}</tbody>
<tfoot>${[...sums(gifts)].map(
    ([currency, sum]) => markup`
<tr><th scope="row" colspan="3" style="${style.cell}${style.strong}text-align:right;">${fill(y.subtotal, { currency })}</th><td style="${figure}${style.strong}">${money(sum.total, currency, language)}</td><td style="${figure}${style.strong}">${money(sum.fee, currency, language)}</td><td style="${style.cell}"></td></tr>`,
  )}</tfoot>
</table>`;
}

function giftLines(gifts: Gift[], language: Language, y: MailTerms['yearEnd']): string {
  const lines = gifts.map((gift) => {
    const r = row(gift, language);
    return `${r.date} · ${y.receipt} ${r.receipt}\n  ${r.campaign} · ${r.amount} (${y.fee}: ${r.fee}) · ${r.method}`;
  });
  const totals = [...sums(gifts)].map(([currency, sum]) => `${fill(y.subtotal, { currency })}: ${money(sum.total, currency, language)} (${y.fee}: ${money(sum.fee, currency, language)})`);
  return [...lines, '', ...totals].join('\n');
}

interface Summary { currency: string; deductible: number; notDeductible: number; total: number }

function summary(gifts: Gift[]): Summary[] {
  const deductible = sums(gifts.filter((gift) => gift.deductible));
  const notDeductible = sums(gifts.filter((gift) => !gift.deductible));
  return [...sums(gifts)].map(([currency, sum]) => ({
    currency,
    deductible: deductible.get(currency)?.total ?? 0,
    notDeductible: notDeductible.get(currency)?.total ?? 0,
    total: sum.total,
  }));
}

export function renderYearEnd(data: YearEndLetter): Letter {
  const { language, organization, year } = data;
  const y = termsFor(language).yearEnd;
  const t = termsFor(language).tax;
  const donorName = oneLine(data.donor.name);
  const subject = oneLine(fill(y.subject, { year, organization: organization.legalName }));
  const title = fill(y.heading, { year });
  const greeting = donorName ? fill(y.greeting, { name: donorName }) : undefined;
  const intro = fill(y.intro, { organization: organization.legalName, from: day(year, 1, 1, language), to: day(year, 12, 31, language) });
  const gifts = [...data.gifts].sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.receiptNumber.localeCompare(b.receiptNumber));
  const deductible = gifts.filter((gift) => gift.deductible);
  const notDeductible = gifts.filter((gift) => !gift.deductible);
  const totals = summary(gifts);
  const summaryTitle = fill(y.summaryHeading, { year });
  const summaryRows: Array<[string, (s: Summary) => number]> = [
    [y.summaryDeductible, (s) => s.deductible],
    [y.summaryNotDeductible, (s) => s.notDeductible],
    [y.summaryTotal, (s) => s.total],
  ];
  const tax = yearTaxStatement(language, organization, gifts);

  const html = htmlPage({
    language,
    title: subject,
    organization,
    body: markup`
${h1(title)}
${greeting ? p(greeting) : ''}
${p(intro)}
${gifts.length === 0 ? p(fill(y.none, { year })) : ''}
${deductible.length ? markup`${h2(y.deductibleHeading)}${giftTable(deductible, language, y)}` : ''}
${notDeductible.length ? markup`${h2(y.notDeductibleHeading)}${giftTable(notDeductible, language, y)}` : ''}
${gifts.length ? markup`${h2(summaryTitle)}
<table style="${style.table}">
<thead><tr><td style="${style.column}"></td>${totals.map((s) => markup`<th scope="col" style="${style.column}${style.number}padding:6px 0 6px 16px;">${s.currency}</th>`)}</tr></thead>
<tbody>${summaryRows.map(
      ([label, of], i) => markup`
<tr><th scope="row" style="${style.label}${i === 2 ? style.emphasis : ''}">${label}</th>${totals.map(
        (s) => markup`<td style="${style.value}${style.figure}padding-left:16px;${i === 2 ? style.strong : ''}">${money(of(s), s.currency, language)}</td>`,
      )}</tr>`,
    )}</tbody>
</table>
${p(y.amounts, style.small)}
${h2(t.heading)}
${taxStatementHtml(tax, organization, deductible.length > 0)}
${p(y.keep)}` : ''}`,
  });

  const text = textPage(language, organization, [
    heading(title, '='),
    greeting,
    intro,
    gifts.length === 0 && fill(y.none, { year }),
    deductible.length > 0 && `${heading(y.deductibleHeading)}\n${giftLines(deductible, language, y)}`,
    notDeductible.length > 0 && `${heading(y.notDeductibleHeading)}\n${giftLines(notDeductible, language, y)}`,
    gifts.length > 0 &&
      `${heading(summaryTitle)}\n${totals
        .map((s) => summaryRows.map(([label, of]) => `${label}${totals.length > 1 ? ` (${s.currency})` : ''}: ${money(of(s), s.currency, language)}`).join('\n'))
        .join('\n\n')}\n\n${y.amounts}`,
    gifts.length > 0 && `${heading(t.heading)}\n${tax.join('\n\n')}\n\n${y.keep}`,
  ]);

  return { language, subject, html, text };
}
