/**
 * The letters about a recurring gift that are not receipts: a change the donor made (amount,
 * frequency, fee, card, pause, resume, cancel) confirmed; a renewal that could not be charged, with
 * a link straight to updating the card; the gift Stripe stopped after its last retry; and the link
 * a donor asked to be mailed. Pure functions of their data, like every letter.
 */
import type { Language } from '../../../core/locale.js';
import type { Letter, Organization } from './index.js';
import { date, money, oneLine, paymentMethod } from './format.js';
import { details, h1, h2, htmlPage, p, safeUrl, style } from './layout.js';
import { markup } from './markup.js';
import { fill, termsFor } from './terms.js';
import { heading, rows, textPage } from './text.js';

export interface RecurringGiftFacts {
  campaign: string;
  gift: number;
  fee: number;
  total: number;
  currency: string;
  frequency: 'month' | 'year';
}

export interface GiftChangedLetter {
  language: Language;
  organization: Organization;
  action: 'change' | 'pause' | 'resume' | 'cancel' | 'card';
  gift: RecurringGiftFacts;
  card?: { brand: string; last4: string };
  /** ISO date. */
  pausedUntil?: string;
  manageUrl?: string;
  /** After a cancellation: where to give again. */
  restartUrl?: string;
}

export interface PaymentFailedLetter {
  language: Language;
  organization: Organization;
  gift: RecurringGiftFacts;
  /** The manage page, opened at updating the card. */
  cardUrl: string;
}

export interface GiftEndedLetter {
  language: Language;
  organization: Organization;
  gift: RecurringGiftFacts;
  restartUrl?: string;
}

export interface ManageLinkLetter {
  language: Language;
  organization: Organization;
  gift: RecurringGiftFacts;
  manageUrl: string;
}

function figures(language: Language, gift: RecurringGiftFacts): Array<[string, string]> {
  const t = termsFor(language);
  const r = t.recurring;
  const every = gift.frequency === 'year' ? r.every_year : r.every_month;
  return [
    [r.campaign, oneLine(gift.campaign)],
    [r.frequency, t.frequency[gift.frequency]],
    [r.gift, money(gift.gift, gift.currency, language)],
    ...(gift.fee > 0 ? [[r.fee, money(gift.fee, gift.currency, language)] as [string, string]] : []),
    [r.total, `${money(gift.total, gift.currency, language)} ${every}`],
  ];
}

const button = (url: string, label: string) => markup`<p style="${style.p}"><a href="${url}" style="${style.button}">${label}</a></p>`;

export function renderGiftChanged(data: GiftChangedLetter): Letter {
  const { language, organization } = data;
  const t = termsFor(language);
  const r = t.recurring;
  const c = r.changed;
  const subject = oneLine(fill(c[`subject_${data.action}`], { organization: organization.legalName }));
  const intro = fill(c[`intro_${data.action}`], { date: data.pausedUntil ? date(`${data.pausedUntil}T12:00:00Z`, language) : '' });
  const facts = figures(language, data.gift);
  if (data.card) facts.push([r.card, paymentMethod({ kind: 'card', ...data.card }, language)]);
  if (data.pausedUntil && data.action !== 'cancel') facts.push([r.pausedUntil, date(`${data.pausedUntil}T12:00:00Z`, language)]);
  if (data.action === 'cancel') facts.push([r.status, r.canceled]);
  const manageUrl = data.action === 'cancel' ? undefined : safeUrl(data.manageUrl);
  const restartUrl = data.action === 'cancel' ? safeUrl(data.restartUrl) : undefined;

  const html = htmlPage({
    language,
    title: subject,
    organization,
    body: markup`
${h1(c[`heading_${data.action}`])}
${p(intro)}
${h2(c.detailsHeading)}
${details(facts)}
${manageUrl ? markup`${p(r.manage)}${button(manageUrl, r.manageLink)}` : ''}
${restartUrl ? markup`${p(r.restart)}${button(restartUrl, r.restartLink)}` : ''}
${p(c.notYou)}`,
  });
  const text = textPage(language, organization, [
    heading(c[`heading_${data.action}`], '='),
    intro,
    `${heading(c.detailsHeading)}\n${rows(facts)}`,
    manageUrl && `${r.manage}\n${r.manageLink}: ${manageUrl}`,
    restartUrl && `${r.restart}\n${r.restartLink}: ${restartUrl}`,
    c.notYou,
  ]);
  return { language, subject, html, text };
}

export function renderPaymentFailed(data: PaymentFailedLetter): Letter {
  const { language, organization } = data;
  const r = termsFor(language).recurring;
  const f = r.failed;
  const subject = oneLine(fill(f.subject, { organization: organization.legalName }));
  const intro = fill(f.intro, { total: money(data.gift.total, data.gift.currency, language), campaign: oneLine(data.gift.campaign) });
  const url = safeUrl(data.cardUrl);
  const facts = figures(language, data.gift);
  const html = htmlPage({
    language,
    title: subject,
    organization,
    body: markup`
${h1(f.heading)}
${p(intro)}
${p(f.action)}
${url ? button(url, f.button) : ''}
${p(f.later)}
${h2(r.changed.detailsHeading)}
${details(facts)}`,
  });
  const text = textPage(language, organization, [heading(f.heading, '='), intro, f.action, url && `${f.button}: ${url}`, f.later, `${heading(r.changed.detailsHeading)}\n${rows(facts)}`]);
  return { language, subject, html, text };
}

export function renderGiftEnded(data: GiftEndedLetter): Letter {
  const { language, organization } = data;
  const r = termsFor(language).recurring;
  const e = r.ended;
  const subject = oneLine(fill(e.subject, { organization: organization.legalName }));
  const intro = fill(e.intro, { campaign: oneLine(data.gift.campaign) });
  const url = safeUrl(data.restartUrl);
  const html = htmlPage({
    language,
    title: subject,
    organization,
    body: markup`
${h1(e.heading)}
${p(intro)}
${p(e.thanks)}
${url ? markup`${p(r.restart)}${button(url, r.restartLink)}` : ''}`,
  });
  const text = textPage(language, organization, [heading(e.heading, '='), intro, e.thanks, url && `${r.restart}\n${r.restartLink}: ${url}`]);
  return { language, subject, html, text };
}

export function renderManageLink(data: ManageLinkLetter): Letter {
  const { language, organization } = data;
  const r = termsFor(language).recurring;
  const l = r.link;
  const subject = oneLine(fill(l.subject, { organization: organization.legalName }));
  const intro = fill(l.intro, { campaign: oneLine(data.gift.campaign) });
  const url = safeUrl(data.manageUrl);
  const facts = figures(language, data.gift);
  const html = htmlPage({
    language,
    title: subject,
    organization,
    body: markup`
${h1(l.heading)}
${p(intro)}
${url ? button(url, r.manageLink) : ''}
${details(facts)}
${p(l.expires)}`,
  });
  const text = textPage(language, organization, [heading(l.heading, '='), intro, url && `${r.manageLink}: ${url}`, rows(facts), l.expires]);
  return { language, subject, html, text };
}
