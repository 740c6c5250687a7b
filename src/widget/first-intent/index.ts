/**
 * The first-intent chunk: everything in this folder loads on the donor's first intent (their first
 * touch, key, focus or input in the form, or Donate hovered), and nothing outside it does. A page that
 * merely shows the form loads none of it. The script-tag build makes it `mira-donate-intent.js`,
 * imported from beside `mira-donate.js`; the bundler build splits it into a chunk of its own.
 *
 * `FirstIntent` is the one interface the element calls (through controllers/payment-step.ts). The
 * chunk imports only from this folder and src/core at run time; what it needs of the first-load
 * script (Lit's renderer, the form's radios and fields, the translator) it is handed, so it carries
 * no second copy (test/build/boundary.test.ts checks both ways).
 */
import { validateDonation } from '../../core/donation.js';
import { countGift } from './count-gift.js';
import { PaymentStep } from './payment/payment-step.js';
import { PressGuard } from './press-guard.js';
import { FIRST_INTENT_TERMS } from './terms.js';
import { errorWords, renderErrorSummary } from './templates/errors.js';
import { renderGiveElsewhere } from './templates/give-elsewhere.js';
import { renderThankYou } from './templates/thank-you.js';
import { renderTributeDetails } from './templates/tribute-details.js';

export interface FirstIntent {
  /** Error messages, the tribute's details and the thank-you, in every language. */
  terms: typeof FIRST_INTENT_TERMS;
  /** The same schema the endpoint uses: the request, or every problem, one per field. */
  validate: typeof validateDonation;
  /** Errors in the donor's words, and the summary beside Donate. */
  errorWords: typeof errorWords;
  renderErrorSummary: typeof renderErrorSummary;
  renderTributeDetails: typeof renderTributeDetails;
  renderThankYou: typeof renderThankYou;
  /** On a page whose site may not take gifts: that, and where to give instead. */
  renderGiveElsewhere: typeof renderGiveElsewhere;
  /** A gift made here counts at once in the progress bar. */
  countGift: typeof countGift;
  /** Stripe.js, the Payment Element and the payment itself. */
  PaymentStep: typeof PaymentStep;
  /** Errors shown by leaving a field wait for the click that left it. */
  PressGuard: typeof PressGuard;
}

export const firstIntent: FirstIntent = {
  terms: FIRST_INTENT_TERMS,
  validate: validateDonation,
  errorWords,
  renderErrorSummary,
  renderTributeDetails,
  renderThankYou,
  renderGiveElsewhere,
  countGift,
  PaymentStep,
  PressGuard,
};

export type { PressGuard } from './press-guard.js';
export type { PaymentStep, PaymentStepOptions, PaymentState, PaymentStatus } from './payment/payment-step.js';
export type { PaymentConfig } from './payment/stripe-loader.js';
export type { PaymentFailure, PaymentOutcome, PaymentSuccess } from './payment/outcome.js';
