/**
 * Errors in the donor's language: a field's, a failed payment's, and the summary above Donate.
 * There are errors only once the donor has started (validation comes with this chunk), so these
 * travel in the chunk too.
 */
import type { TemplateResult } from 'lit';
import type { DonationLimits } from '../../../core/donation.js';
import type { FieldError } from '../../../core/errors.js';
import { currencyName } from '../../../core/money.js';
import type { LocalizeController } from '../../controllers/localize.js';
import type { PaymentErrorWords } from '../../templates/summary.js';
import { html } from '../html.js';
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

/**
 * After a Donate with something to fix: announced at once, with the errors no field shows. Focus
 * comes here when no field is to blame.
 */
export function renderErrorSummary(localize: LocalizeController, unplaced: string[]): TemplateResult {
  return html`<p part="error" id="error-summary" class="error-summary" role="alert" tabindex="-1">
    ${localize.term('errorSummary')} ${unplaced.map((message) => html`<span>${message}</span>`)}
  </p>`;
}
