/**
 * What the form needs only once the donor shows intent (first interaction with the form, or the
 * Donate button hovered or focused): the request's validation (valibot and the shared schema), the
 * payment step (Stripe.js's loader and the PaymentController), and what only a donor who has
 * started can see: errors in words, the tribute's details, the thank-you and the gift counted in
 * the progress bar, with their strings. Kept out of the first-load script so a page that merely
 * shows the form loads none of it; see load-intent.ts.
 */
export { checkDraft } from './draft-check.js';
export { PaymentController } from '../payment/payment-controller.js';
export { INTENT_TERMS } from './terms.js';
export { countGift } from './count-gift.js';
export { errorWords, renderErrorSummary } from '../templates/errors.js';
export { renderTributeDetails } from '../templates/tribute-details.js';
export { renderThankYou, thanksFor } from '../templates/thank-you.js';
