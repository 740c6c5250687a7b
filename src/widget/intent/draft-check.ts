/** The one function that turns the donor's draft into the contract's donation request, or every error in it. */
import { validateDonation, type DonationRequest } from '../../core/donation.js';
import type { FieldError } from '../../core/errors.js';
import { draftInput, giftOf, type Draft, type DraftContext } from '../draft.js';

export type DraftCheck = { ok: true; request: DonationRequest } | { ok: false; errors: FieldError[] };

/** Validates the draft with the same schema the endpoint uses; every problem, one per field. */
export function checkDraft(draft: Draft, context: DraftContext): DraftCheck {
  const gift = giftOf(draft, context.currency, context.language);
  const result = validateDonation(draftInput(draft, context, gift.ok ? gift.gift : 0), context.limits);
  if (gift.ok) return result.ok ? { ok: true, request: result.donation } : { ok: false, errors: result.errors };
  // An amount that does not parse says so, rather than "too small".
  const others = result.ok ? [] : result.errors.filter((error) => error.field !== 'gift');
  return { ok: false, errors: [gift.error, ...others] };
}
