/**
 * The donor's receipt for one payment: a one-time gift, one payment of a recurring gift, or an
 * offline gift. It is the written acknowledgment a donor keeps for their taxes, so it names the
 * organization (legal name, address, EIN), the donor, the date, the amount and the part of it that
 * covered the fee, how it was paid, and the campaign's tax statement.
 */
import type { Letter, ReceiptLetter } from './index.js';
import { date, money, oneLine, paymentMethod } from './format.js';
import { details, h1, h2, htmlPage, p, safeUrl, style } from './layout.js';
import { markup } from './markup.js';
import { giftTaxStatement, taxStatementHtml } from './tax.js';
import { fill, termsFor } from './terms.js';
import { heading, rows, textPage } from './text.js';

export function renderReceipt(data: ReceiptLetter): Letter {
  const { language, organization } = data;
  const t = termsFor(language);
  const r = t.receipt;
  const donorName = oneLine(data.donor.name);
  // An offline gift may be recorded with an email and no name: the receipt still says whose it is.
  const donor = donorName || oneLine(data.donor.email);
  const subject = oneLine(fill(r.subject, { number: data.receiptNumber, organization: organization.legalName }));
  const greeting = donorName ? fill(r.greeting, { name: donorName }) : undefined;
  const intro = fill(r[`intro_${data.frequency}`], { organization: organization.legalName });

  const figures: Array<[string, string]> = [[r.gift, money(data.gift, data.currency, language)]];
  if (data.fee > 0) figures.push([r.fee, money(data.fee, data.currency, language)]);
  figures.push([r.total, money(data.total, data.currency, language)]);
  const facts: Array<[string, string]> = [
    [r.number, oneLine(data.receiptNumber)],
    [data.offline ? r.dateReceived : r.date, date(data.date, language)],
    [r.donor, donor],
    [r.campaign, oneLine(data.campaign.name)],
    [r.frequency, t.frequency[data.frequency]],
    ...(data.tribute ? [[r.tribute, fill(t.tribute[data.tribute.kind], { name: oneLine(data.tribute.name) })] as [string, string]] : []),
    ...figures,
    [r.method, paymentMethod(data.method, language)],
  ];
  const tax = giftTaxStatement(language, organization, data.campaign.deductible);
  const manageUrl = data.frequency === 'once' ? undefined : safeUrl(data.manageUrl);

  const html = htmlPage({
    language,
    title: subject,
    organization,
    body: markup`
${h1(r.heading)}
${greeting ? p(greeting) : ''}
${p(intro)}
${data.anonymous ? p(r.anonymous) : ''}
${h2(r.detailsHeading)}
${details(facts)}
${h2(t.tax.heading)}
${taxStatementHtml(tax, organization, data.campaign.deductible)}
${p(t.tax.keep)}
${manageUrl ? markup`${h2(r.manageHeading)}${p(r.manage)}<p style="${style.p}"><a href="${manageUrl}" style="${style.button}">${r.manageLink}</a></p>` : ''}
${p(markup`${r.closing}<br>${organization.legalName}`)}`,
  });

  const text = textPage(language, organization, [
    heading(r.heading, '='),
    greeting,
    intro,
    data.anonymous && r.anonymous,
    `${heading(r.detailsHeading)}\n${rows(facts)}`,
    `${heading(t.tax.heading)}\n${tax.join('\n\n')}\n\n${t.tax.keep}`,
    manageUrl && `${heading(r.manageHeading)}\n${r.manage}\n${r.manageLink}: ${manageUrl}`,
    `${r.closing}\n${organization.legalName}`,
  ]);

  return { language, subject, html, text };
}
