/**
 * The HTML every letter shares: one centred column of tables with inline styles (what mail clients
 * from Outlook to Gmail render alike), real headings, data tables with header cells, no images at
 * all (nothing is lost with images off), and colours whose contrast is at least 4.5:1 (the lightest,
 * muted text #4b5563 on the grey #f3f4f6, is 6.9:1).
 */
import type { Language } from '../../../core/locale.js';
import type { Organization } from './index.js';
import { fillMarkup, markup, withLineBreaks, type Markup } from './markup.js';
import { termsFor, type MailTerms } from './terms.js';

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TEXT = '#1f2937';
const MUTED = '#4b5563';
const BRAND = '#1a4f8b';
const RULE = '#d1d5db';
const PAGE = '#f3f4f6';

export const style = {
  h1: `${FONT}margin:0 0 16px;font-size:26px;line-height:1.25;font-weight:bold;color:${TEXT};`,
  h2: `${FONT}margin:28px 0 8px;font-size:19px;line-height:1.3;font-weight:bold;color:${TEXT};`,
  p: `${FONT}margin:0 0 14px;font-size:16px;line-height:1.5;color:${TEXT};`,
  small: `${FONT}margin:0 0 10px;font-size:14px;line-height:1.5;color:${MUTED};`,
  table: 'width:100%;border-collapse:collapse;margin:0 0 8px;',
  label: `${FONT}text-align:left;vertical-align:top;font-weight:normal;font-size:15px;line-height:1.4;color:${MUTED};padding:8px 12px 8px 0;border-bottom:1px solid ${RULE};`,
  value: `${FONT}text-align:left;vertical-align:top;font-size:16px;line-height:1.4;color:${TEXT};padding:8px 0;border-bottom:1px solid ${RULE};`,
  column: `${FONT}text-align:left;vertical-align:bottom;font-size:14px;line-height:1.3;color:${TEXT};padding:6px 6px 6px 0;border-bottom:2px solid ${TEXT};`,
  cell: `${FONT}text-align:left;vertical-align:top;font-size:14px;line-height:1.4;color:${TEXT};padding:6px 6px 6px 0;border-bottom:1px solid ${RULE};`,
  /** A column of figures: right-aligned so decimal points line up; values never wrap, their headings may. */
  number: 'text-align:right;',
  figure: 'text-align:right;white-space:nowrap;',
  nowrap: 'white-space:nowrap;',
  strong: 'font-weight:bold;',
  // A total's label reads as strongly as its figure.
  emphasis: `font-weight:bold;color:${TEXT};`,
  link: `color:${BRAND};text-decoration:underline;`,
  button: `${FONT}display:inline-block;padding:12px 20px;background:${BRAND};color:#ffffff;font-size:16px;font-weight:bold;text-decoration:none;border-radius:4px;`,
  quote: `${FONT}margin:0 0 16px;padding:12px 16px;border-left:4px solid ${BRAND};background:${PAGE};font-size:17px;line-height:1.55;color:${TEXT};`,
};

export function h1(text: string): Markup {
  return markup`<h1 style="${style.h1}">${text}</h1>`;
}

export function h2(text: string): Markup {
  return markup`<h2 style="${style.h2}">${text}</h2>`;
}

export function p(text: string | Markup, css = style.p): Markup {
  return markup`<p style="${css}">${text}</p>`;
}

/** Label–value rows, the label a row header so a screen reader says "Receipt number, 2026-000042". */
export function details(rows: Array<[label: string, value: string]>): Markup {
  return markup`<table style="${style.table}">${rows.map(
    ([label, value]) => markup`<tr><th scope="row" style="${style.label}width:42%;">${label}</th><td style="${style.value}">${value}</td></tr>`,
  )}</table>`;
}

/** Only http(s) links: a manage link or a website is never `javascript:` or `data:`. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export interface Page {
  language: Language;
  title: string;
  organization: Organization;
  body: Markup;
}

/** The whole document: letterhead (legal name, address, EIN), the letter, and a footer. */
export function htmlPage({ language, title, organization, body }: Page): string {
  const t = termsFor(language);
  const website = safeUrl(organization.website);
  const replyTo = organization.replyTo?.trim();
  const contact = replyTo
    ? fillMarkup(t.footer.questions, { email: markup`<a href="mailto:${replyTo}" style="${style.link}">${replyTo}</a>` })
    : t.footer.reply;
  return markup`<!DOCTYPE html>
<html lang="${language}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${title}</title>
<style>
/* Where a client reads media queries (Apple Mail, iOS, Gmail's apps), a phone gets the margins back for the text. */
@media only screen and (max-width: 480px) {
  .letter-outer { padding: 8px 0 !important; }
  .letter-inner { padding-left: 12px !important; padding-right: 12px !important; }
  .letter-grid th, .letter-grid td { font-size: 12px !important; padding-right: 4px !important; }
}
</style>
</head>
<body style="margin:0;padding:0;background:${PAGE};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${PAGE};">
<tr><td class="letter-outer" align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;background:#ffffff;border-top:6px solid ${BRAND};">
<tr><td class="letter-inner" style="padding:24px 28px 4px;">
<div role="banner">
<p style="${FONT}margin:0 0 4px;font-size:17px;font-weight:bold;line-height:1.3;color:${BRAND};">${organization.legalName}</p>
<p style="${style.small}margin-bottom:2px;">${withLineBreaks(organization.address)}</p>
<p style="${style.small}">${ein(t, organization.ein)}${website ? markup` · <a href="${website}" style="${style.link}">${displayUrl(website)}</a>` : ''}</p>
</div>
</td></tr>
<tr><td class="letter-inner" style="padding:12px 28px 24px;">
<div role="main">
${body}
</div>
</td></tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:640px;">
<tr><td class="letter-inner" style="padding:16px 28px;">
<div role="contentinfo">
<p style="${style.small}">${contact}</p>
<p style="${style.small}">${organization.legalName} · ${organization.address.replace(/\s*[\r\n]+\s*/g, ', ')} · ${ein(t, organization.ein)}</p>
</div>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`.toString();
}

/** "EIN 04-1234567", never broken at its hyphen. */
function ein(t: MailTerms, value: string): Markup {
  return fillMarkup(t.letterhead.ein, { ein: keepTogether(value) });
}

/** A figure or an identifier that must not break across lines (an EIN breaks at its hyphen otherwise). */
export function keepTogether(text: string): Markup {
  return markup`<span style="${style.nowrap}">${text}</span>`;
}

/** `https://www.miracoalition.org/` → `www.miracoalition.org`, as people write a website. */
function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}
