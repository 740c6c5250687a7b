/**
 * The plain-text part: the same letter for clients that show no HTML, for screen readers set to text,
 * and for a donor who forwards it. Headings are underlined the way plain-text mail has always done it.
 */
import type { Language } from '../../../core/locale.js';
import type { Organization } from './index.js';
import { fill, termsFor } from './terms.js';

export function heading(text: string, mark: '=' | '-' = '-'): string {
  return `${text}\n${mark.repeat(Math.max(3, [...text].length))}`;
}

export function rows(pairs: Array<[label: string, value: string]>): string {
  return pairs.map(([label, value]) => `${label}: ${value}`).join('\n');
}

/** Letterhead, the letter's blocks separated by blank lines, and the footer. */
export function textPage(language: Language, organization: Organization, blocks: Array<string | undefined | false>): string {
  const t = termsFor(language);
  const ein = fill(t.letterhead.ein, { ein: organization.ein });
  const letterhead = [organization.legalName, organization.address, ein, organization.website].filter(Boolean).join('\n');
  const replyTo = organization.replyTo?.trim();
  const contact = replyTo ? fill(t.footer.questions, { email: replyTo }) : t.footer.reply;
  const body = blocks.filter((block): block is string => typeof block === 'string' && block !== '');
  return [letterhead, ...body, contact].join('\n\n') + '\n';
}
