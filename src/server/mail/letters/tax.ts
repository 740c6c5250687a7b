/**
 * The campaign's tax statement, in the donor's language. A deductible campaign's receipt carries the
 * IRS's written-acknowledgment wording (no goods or services in exchange) and the organization's
 * 501(c)(3) status; a campaign that is not deductible (lobbying, a 501(c)(4) fund) says so in the words
 * of IRC § 6113's disclosure instead. Which one a campaign is comes from the operator's configuration.
 */
import type { Language } from '../../../core/locale.js';
import type { Organization } from './index.js';
import { keepTogether, p, style } from './layout.js';
import { markup, type Markup } from './markup.js';
import { fill, termsFor } from './terms.js';

/** The statement's paragraphs for one gift. */
export function giftTaxStatement(language: Language, organization: Organization, deductible: boolean): string[] {
  const t = termsFor(language).tax;
  if (!deductible) return [t.notDeductible];
  return [t.noGoods, fill(t.status, { organization: organization.legalName, ein: organization.ein })];
}

/** The statement's paragraphs for a year of gifts, some of them perhaps deductible and some not. */
export function yearTaxStatement(language: Language, organization: Organization, gifts: { deductible: boolean }[]): string[] {
  const t = termsFor(language).tax;
  const statement: string[] = [];
  if (gifts.some((gift) => gift.deductible)) {
    statement.push(t.noGoodsPlural, fill(t.statusPlural, { organization: organization.legalName, ein: organization.ein }));
  }
  if (gifts.some((gift) => !gift.deductible)) statement.push(t.notDeductiblePlural);
  return statement;
}

/** The statement as HTML paragraphs, the first (the no-goods-or-services line) in bold if asked, the EIN kept on one line. */
export function taxStatementHtml(paragraphs: string[], organization: Organization, emphasizeFirst: boolean): Markup {
  return markup`${paragraphs.map((paragraph, i) =>
    p(
      markup`${paragraph.split(organization.ein).map((part, j) => (j === 0 ? part : markup`${keepTogether(organization.ein)}${part}`))}`,
      i === 0 && emphasizeFirst ? style.p + style.strong : style.p,
    ),
  )}`;
}
