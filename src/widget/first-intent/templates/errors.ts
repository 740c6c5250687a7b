/**
 * Errors in the donor's language: a field's, a failed payment's, and the summary beside Donate.
 * There are errors only once the donor has started (validation comes with this chunk), so these
 * travel in the chunk too.
 */
import type { TemplateResult } from 'lit';
import type { DonationLimits } from '../../../core/donation.js';
import type { FieldError } from '../../../core/errors.js';
import { currencyName } from '../../../core/money.js';
import type { LocalizeController } from '../../controllers/localize.js';
import type { PaymentErrorWords } from '../../templates/summary.js';
import { html, nothing } from '../html.js';
import type { PaymentFailure } from '../payment/outcome.js';

export interface ErrorWords {
  field: (error: FieldError) => string;
  payment: (failure: PaymentFailure) => PaymentErrorWords;
}

/** The words for each error, with the gift limits they may name, in `currency`. */
export function errorWords(localize: LocalizeController, currency: string, limits: DonationLimits): ErrorWords {
  const money = (minor: number) => localize.money(minor, currency, { trimWhole: true });
  const field = (error: FieldError) =>
    localize.term(`errors.${error.code}`, {
      minimum: money(limits.minimum),
      maximum: money(limits.maximum),
      // "Gifts here are in US dollars": named, for a donor who typed another currency's sign.
      ...(error.code === 'amount_wrong_currency' ? { currency: currencyName(currency, localize.language) } : {}),
    });
  return {
    field,
    payment: (failure) => {
      // Stripe's own words for the card (already in the donor's language), else ours for the code.
      const stripes = (failure.field === 'payment' || failure.card) && failure.message;
      // Stripe says what happened to a refused card, not what to do next: ours follows.
      return stripes ? { message: stripes, hint: failure.card && localize.term('errors.cardHint') } : { message: field(failure) };
    },
  };
}

/** Each field by the words of its label, which the summary beside Donate names it by. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  gift: 'amount.other',
  'tribute.name': 'tribute.name',
  'tribute.notifyEmail': 'tribute.notifyEmail',
  'tribute.message': 'tribute.message',
  'donor.name': 'donor.name',
  'donor.email': 'donor.email',
};

/** A field to fix: its request path, and the id of the input it is typed in. */
export interface FieldToFix {
  field: string;
  input: string;
}

/**
 * After a Donate with something to fix, beside Donate: announced at once, it names each field to fix
 * as a link that takes the donor to it (no "highlighted fields", which only the eyes can find), then
 * the errors no field shows. Focus comes here when no field is to blame.
 */
export function renderErrorSummary(localize: LocalizeController, toFix: FieldToFix[], unplaced: string[], go: (field: string) => void): TemplateResult {
  const follow = (field: string) => (event: Event) => {
    // The host page's address is its own: focus moves, the URL stays.
    event.preventDefault();
    go(field);
  };
  return html`<div part="error error-summary" id="error-summary" class="error-summary" role="alert" tabindex="-1">
    ${toFix.length
      ? html`<p>${localize.term('errors.summary')}</p>
          <ul>${toFix.map(({ field, input }) => html`<li><a href="#${input}" @click=${follow(field)}>${localize.term(FIELD_LABELS[field] ?? field)}</a></li>`)}</ul>`
      : nothing}
    ${unplaced.map((message) => html`<p>${message}</p>`)}
  </div>`;
}
