/**
 * The card the person the donor named receives: who gave (or "someone", for an anonymous gift), in
 * honor or in memory of whom, and the donor's message, as text whatever it contains. Never the amount:
 * the data it is made from does not carry one.
 */
import type { Letter, TributeCardLetter } from './index.js';
import { oneLine } from './format.js';
import { h1, h2, htmlPage, p, style } from './layout.js';
import { markup, withLineBreaks } from './markup.js';
import { fill, termsFor } from './terms.js';
import { heading, textPage } from './text.js';

export function renderTributeCard(data: TributeCardLetter): Letter {
  const { language, organization, tribute } = data;
  const c = termsFor(language).card;
  const kind = tribute.kind;
  const name = oneLine(tribute.name);
  const giver = data.giver ? oneLine(data.giver) : '';
  const campaign = oneLine(data.campaignName);
  const subject = oneLine(fill(c[`subject_${kind}`], { name }));
  const title = fill(c[`heading_${kind}`], { name });
  const body = fill(c[`body_${kind}`], { giver: giver || c.someone, organization: organization.legalName, name });
  const supports = campaign ? fill(c.campaign, { campaign }) : undefined;
  const message = tribute.message?.trim() ? tribute.message.trim() : undefined;
  const messageHeading = giver ? fill(c.messageFrom, { giver }) : c.messageAnonymous;
  const closing = c[`closing_${kind}`];
  const privacy = fill(c.privacy, { organization: organization.legalName });

  const html = htmlPage({
    language,
    title: subject,
    organization,
    body: markup`
${h1(title)}
${p(body)}
${supports ? p(supports) : ''}
${message ? markup`${h2(messageHeading)}<blockquote style="${style.quote}">${withLineBreaks(message)}</blockquote>` : ''}
${p(markup`${closing}<br>${organization.legalName}`)}
${p(privacy, style.small)}`,
  });

  const text = textPage(language, organization, [
    heading(title, '='),
    body,
    supports,
    message && `${heading(messageHeading)}\n${message}`,
    `${closing}\n${organization.legalName}`,
    privacy,
  ]);

  return { language, subject, html, text };
}
