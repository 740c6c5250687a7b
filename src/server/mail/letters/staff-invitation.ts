/**
 * The letter inviting someone to MIRA's console: the one-time link where they make their passkey,
 * the role it gives and until when it works. English only, as the console is for now; its words are
 * in locales/console/en.json with the console's other strings.
 */
import { t } from '../../console/text.js';
import type { Letter, Organization } from './index.js';
import { h1, htmlPage, p, safeUrl, style } from './layout.js';
import { markup } from './markup.js';
import { textPage } from './text.js';

export interface StaffInvitationLetter {
  organization: Organization;
  name: string;
  role: string;
  /** The enrolment link, its token in the fragment. */
  link: string;
  /** ISO 8601: when the link stops working. */
  expiresAt: string;
}

const expiry = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(new Date(iso));

export function staffInvitationLetter(data: StaffInvitationLetter): Letter {
  const link = safeUrl(data.link);
  if (!link) throw new TypeError('an invitation link is an http(s) URL');
  const values = { name: data.name, role: t(`role.${data.role}` as 'role.viewer'), organization: data.organization.legalName, expires: expiry(data.expiresAt) };
  const subject = t('invitationMail.subject', values);
  const intro = t('invitationMail.intro', values);
  const how = t('invitationMail.how', values);
  const once = t('invitationMail.once', values);
  const ignore = t('invitationMail.ignore', values);
  const html = htmlPage({
    language: 'en',
    title: subject,
    organization: data.organization,
    body: markup`
${h1(subject)}
${p(intro)}
${p(how)}
<p style="${style.p}"><a href="${link}" style="${style.button}">${t('invitationMail.button')}</a></p>
${p(once)}
${p(markup`<a href="${link}" style="${style.link}">${link}</a>`, style.small)}
${p(ignore, style.small)}`,
  });
  const text = textPage('en', data.organization, [subject, intro, how, link, once, ignore]);
  return { language: 'en', subject, html, text };
}
