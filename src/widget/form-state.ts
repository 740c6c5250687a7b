/**
 * What the form shows and may submit, derived from the donor's draft: one pure function, computed
 * once per update (the element's willUpdate) and read by every template, so the gift, the fee, the
 * total and the errors are worked out in one place and agree with each other.
 */
import type { DonationLimits, DonationRequest, DonationResult, Frequency } from '../core/donation.js';
import type { FieldError } from '../core/errors.js';
import { charge, type FeeRates } from '../core/fees.js';
import type { Language } from '../core/locale.js';
import { draftInput, giftOf, type Draft } from './draft.js';

/** Where each field's error is shown, in the order the form shows them, so focus goes to the first. */
export const FIELD_INPUTS: Readonly<Record<string, string>> = {
  gift: 'custom-amount',
  'tribute.name': 'tribute-name',
  'tribute.notifyEmail': 'tribute-email',
  'tribute.message': 'tribute-message',
  'donor.name': 'donor-name',
  'donor.email': 'donor-email',
};

export interface FormInputs {
  draft: Draft;
  campaign: string;
  /** ISO 4217, upper case. */
  currency: string;
  language: Language;
  limits: DonationLimits;
  feeRates: FeeRates;
  /** The element's `source` attribute. */
  source?: string | undefined;
  /**
   * The request's validation (the endpoint's own schema), which comes with the first-intent chunk:
   * undefined until then, and then nothing is said to be wrong and nothing may be submitted yet.
   */
  validate?: (input: unknown, limits: DonationLimits) => DonationResult;
  /**
   * Fields the donor typed in and has since left. Passing through a field (Tab, Shift+Tab, a click
   * on the way elsewhere) does not touch it: its error waits for a Donate.
   */
  touched: ReadonlySet<string>;
  /** Donate was pressed at least once. */
  submitted: boolean;
  /** Field errors the endpoint found that the form could not (shown until the donor edits). */
  endpointErrors: readonly FieldError[];
}

export interface FormState {
  frequency: Frequency;
  currency: string;
  /**
   * The gift in minor units, once the amount reads as one the form can take (from the minimum to the
   * maximum). Until then no gift, fee or total is shown anywhere: not a total beside a "too large"
   * error, not "Donate $0.31" for a gift of nothing.
   */
  gift?: number;
  /** What covering the fee adds to this gift, whether or not the donor covers it (the fee option says it). */
  feeIfCovered?: number;
  /** What is charged: the gift, plus the fee when the donor covers it. */
  total?: number;
  /** Whether validation is here (the first-intent chunk): without it, `errors` is empty and `request` unset. */
  validated: boolean;
  /** Every problem in the draft, one per field. */
  errors: FieldError[];
  /**
   * The errors the form shows now, by field: a field's once the donor has typed in it and left it,
   * every field's after a Donate, and the endpoint's.
   */
  shown: Partial<Record<string, FieldError>>;
  /** After a Donate, the fields whose errors show, in form order: the summary beside Donate names each. */
  toFix: string[];
  /** After a Donate, the errors no field shows (the summary beside Donate says them). */
  unplaced: FieldError[];
  /** What may be submitted: the contract's donation request, when the draft is valid. */
  request?: DonationRequest;
}

export function formState(inputs: FormInputs): FormState {
  const { draft, currency, language, feeRates, validate, touched, submitted, endpointErrors } = inputs;
  const parsed = giftOf(draft, currency, language);
  const typed = parsed.ok ? parsed.gift : undefined;
  const { minimum, maximum } = inputs.limits;
  // The one decision of whether there are figures to show: the same limits validation applies, known before it is here.
  const gift = typed !== undefined && typed > 0 && typed >= minimum && typed <= maximum ? typed : undefined;
  const result = validate?.(draftInput(draft, inputs, typed ?? 0), inputs.limits);
  // An amount that does not read as one says so, rather than "too small".
  const errors = !result ? [] : parsed.ok ? (result.ok ? [] : result.errors) : [parsed.error, ...(result.ok ? [] : result.errors.filter((error) => error.field !== 'gift'))];
  const shown: FormState['shown'] = {};
  for (const field of Object.keys(FIELD_INPUTS)) {
    const error = ((submitted || touched.has(field)) && errors.find((e) => e.field === field)) || endpointErrors.find((e) => e.field === field);
    if (error) shown[field] = error;
  }
  return {
    frequency: draft.frequency,
    currency,
    ...(gift === undefined ? {} : { gift, feeIfCovered: charge(gift, true, feeRates).fee, total: charge(gift, draft.coverFee, feeRates).total }),
    validated: !!result,
    errors,
    shown,
    toFix: submitted ? Object.keys(shown) : [],
    unplaced: submitted ? errors.filter((error) => !FIELD_INPUTS[error.field ?? '']) : [],
    ...(parsed.ok && result?.ok ? { request: result.donation } : {}),
  };
}
