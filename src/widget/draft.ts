/**
 * Everything the donor has chosen or typed, in one object, so it survives a language switch, a
 * re-render, or the payment step taking over.
 */
import type { DonationLimits, Frequency, TributeKind } from '../core/donation.js';
import type { FieldError } from '../core/errors.js';
import type { Language } from '../core/locale.js';
import { parseAmount } from '../core/money.js';

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
  /** The element's `source` attribute, sent when it has one. */
  source?: string | undefined;
}

export type GiftResult = { ok: true; gift: number } | { ok: false; error: FieldError };

/** The gift in minor units: the preset, or the typed amount read the way the donor's language writes it. */
export function giftOf(draft: Draft, currency: string, language: Language): GiftResult {
  if (draft.preset !== undefined) return { ok: true, gift: draft.preset };
  const parsed = parseAmount(draft.customAmount, currency, language);
  return parsed.ok ? { ok: true, gift: parsed.minor } : { ok: false, error: { code: parsed.code, field: 'gift' } };
}

/**
 * The draft as the contract's request, before validation (form-state.ts validates it with the
 * first-intent chunk's schema: validation is only needed once the donor has started).
 */
export function draftInput(draft: Draft, context: DraftContext, gift: number) {
  return {
    campaign: context.campaign,
    currency: context.currency,
    gift,
    frequency: draft.frequency,
    coverFee: draft.coverFee,
    donor: { name: draft.donor.name, email: draft.donor.email },
    anonymous: draft.anonymous,
    ...(draft.withTribute ? { tribute: { ...draft.tribute } } : {}),
    locale: context.language,
    ...(context.source ? { source: context.source } : {}),
    website: draft.website,
  };
}
