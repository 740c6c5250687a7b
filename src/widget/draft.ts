/**
 * Everything the donor has chosen or typed, in one object, so it survives a language switch, a
 * re-render, or the payment step taking over; and the one function that turns it into the
 * contract's donation request.
 */
import {
  parseAmount,
  validateDonation,
  type DonationLimits,
  type DonationRequest,
  type FieldError,
  type Frequency,
  type Language,
  type TributeKind,
} from '../core/index.js';

export interface Draft {
  frequency: Frequency;
  /** The chosen preset gift in minor units, or undefined when the donor types their own. */
  preset?: number;
  /** The donor's own amount as typed, parsed only when it is used. */
  customAmount: string;
  coverFee: boolean;
  withTribute: boolean;
  tribute: { kind: TributeKind; name: string; notifyEmail: string; message: string };
  anonymous: boolean;
  donor: { name: string; email: string };
  /** The honeypot: people never see it, so it stays empty. */
  website: string;
}

export function emptyDraft(frequency: Frequency, preset?: number): Draft {
  return {
    frequency,
    preset,
    customAmount: '',
    coverFee: false,
    withTribute: false,
    tribute: { kind: 'honor', name: '', notifyEmail: '', message: '' },
    anonymous: false,
    donor: { name: '', email: '' },
    website: '',
  };
}

export interface DraftContext {
  campaign: string;
  currency: string;
  language: Language;
  limits: DonationLimits;
}

export type GiftResult = { ok: true; gift: number } | { ok: false; error: FieldError };

/** The gift in minor units: the preset, or the typed amount read the way the donor's language writes it. */
export function giftOf(draft: Draft, currency: string, language: Language): GiftResult {
  if (draft.preset !== undefined) return { ok: true, gift: draft.preset };
  const parsed = parseAmount(draft.customAmount, currency, language);
  return parsed.ok ? { ok: true, gift: parsed.minor } : { ok: false, error: { code: parsed.code, field: 'gift' } };
}

export type DraftCheck = { ok: true; request: DonationRequest } | { ok: false; errors: FieldError[] };

/** Validates the draft with the same schema the endpoint uses; every problem, one per field. */
export function checkDraft(draft: Draft, context: DraftContext): DraftCheck {
  const gift = giftOf(draft, context.currency, context.language);
  const input = {
    campaign: context.campaign,
    currency: context.currency,
    gift: gift.ok ? gift.gift : 0,
    frequency: draft.frequency,
    coverFee: draft.coverFee,
    donor: { name: draft.donor.name, email: draft.donor.email },
    anonymous: draft.anonymous,
    ...(draft.withTribute ? { tribute: { ...draft.tribute } } : {}),
    locale: context.language,
    website: draft.website,
  };
  const result = validateDonation(input, context.limits);
  if (gift.ok) return result.ok ? { ok: true, request: result.donation } : { ok: false, errors: result.errors };
  // An amount that does not parse says so, rather than "too small".
  const others = result.ok ? [] : result.errors.filter((error) => error.field !== 'gift');
  return { ok: false, errors: [gift.error, ...others] };
}
