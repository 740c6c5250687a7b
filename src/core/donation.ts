/**
 * The donation request: one schema, used by the widget for inline errors and by the endpoint as
 * the authority. Each check's message is a stable error code, never prose.
 */
import * as v from 'valibot';
import type { FieldError, ErrorCode } from './errors.js';
import { LANGUAGES, type Language } from './locale.js';

export const FREQUENCIES = ['once', 'month', 'year'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const TRIBUTE_KINDS = ['honor', 'memory'] as const;
export type TributeKind = (typeof TRIBUTE_KINDS)[number];

/** What the endpoint accepts, from its config. Amounts in minor units. */
export interface DonationLimits {
  currencies: readonly string[];
  minimum: number;
  maximum: number;
}

export const DEFAULT_LIMITS: DonationLimits = { currencies: ['USD'], minimum: 500, maximum: 10_000_000 };

export const TEXT_LIMITS = { name: 100, email: 254, message: 500, campaign: 64, source: 32 } as const;

/** The element's `source` attribute: which member organization a gift is credited to, as a short slug (`cosecha`). */
export const SOURCE = /^[a-z0-9][a-z0-9-]*$/;

export interface Tribute {
  kind: TributeKind;
  name: string;
  notifyEmail?: string;
  message?: string;
}

export interface DonationRequest {
  campaign: string;
  currency: string;
  gift: number;
  frequency: Frequency;
  coverFee: boolean;
  donor: { email: string; name: string };
  anonymous: boolean;
  tribute?: Tribute;
  locale: Language;
  /** The element's `source` attribute, when it has one. Older scripts send none. */
  source?: string;
  /** Honeypot: a field people never see, so never fill. Bots do. */
  website?: string;
}

const code = (c: ErrorCode) => c;

/**
 * A lone UTF-16 surrogate: text no UTF-8 encoder (Stripe's SDK, the receipt) can carry. In a `u`
 * regex a well-formed pair reads as one code point, so only lone halves match \p{Cs}. The same answer
 * as String.prototype.isWellFormed, which older Safari lacks.
 */
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = v.check((text: string) => !LONE_SURROGATE.test(text), code('text_invalid'));

const requiredText = (required: ErrorCode, tooLong: ErrorCode, max: number) =>
  v.pipe(v.string(required), wellFormed, v.trim(), v.nonEmpty(required), v.maxLength(max, tooLong));

const email = (required: ErrorCode, invalid: ErrorCode) =>
  v.pipe(v.string(required), wellFormed, v.trim(), v.nonEmpty(required), v.maxLength(TEXT_LIMITS.email, invalid), v.email(invalid));

export const isEmail = (text: string) => v.is(v.pipe(v.string(), v.email()), text);

/** An optional text: blank means "not given", so it comes out as undefined. */
const optionalText = (invalid: ErrorCode, max: number, check: (text: string) => boolean = () => true) =>
  v.optional(
    v.pipe(
      v.string(invalid),
      wellFormed,
      v.trim(),
      v.maxLength(max, invalid),
      v.check((text) => text === '' || check(text), invalid),
      v.transform((text) => text || undefined),
    ),
  );

const tributeSchema = v.object(
  {
    kind: v.picklist(TRIBUTE_KINDS, code('tribute_kind_invalid')),
    name: requiredText('tribute_name_required', 'tribute_name_too_long', TEXT_LIMITS.name),
    notifyEmail: optionalText('tribute_email_invalid', TEXT_LIMITS.email, isEmail),
    message: optionalText('tribute_message_too_long', TEXT_LIMITS.message),
  },
  code('body_invalid'),
);

export function donationSchema(limits: DonationLimits) {
  return v.object(
    {
      campaign: v.pipe(
        v.string(code('campaign_invalid')),
        v.maxLength(TEXT_LIMITS.campaign, code('campaign_invalid')),
        v.regex(/^[a-z0-9][a-z0-9-]*$/, code('campaign_invalid')),
      ),
      currency: v.pipe(v.string(code('currency_unsupported')), v.toUpperCase(), v.picklist(limits.currencies, code('currency_unsupported'))),
      gift: v.pipe(
        v.number(code('amount_invalid')),
        v.safeInteger(code('amount_invalid')),
        v.minValue(limits.minimum, code('amount_too_small')),
        v.maxValue(limits.maximum, code('amount_too_large')),
      ),
      frequency: v.picklist(FREQUENCIES, code('frequency_invalid')),
      coverFee: v.boolean(code('cover_fee_invalid')),
      donor: v.object(
        {
          email: email('email_required', 'email_invalid'),
          name: requiredText('name_required', 'name_too_long', TEXT_LIMITS.name),
        },
        code('body_invalid'),
      ),
      anonymous: v.boolean(code('anonymous_invalid')),
      tribute: v.optional(tributeSchema),
      locale: v.picklist(LANGUAGES, code('locale_invalid')),
      source: v.optional(
        v.pipe(
          v.string(code('source_invalid')),
          v.trim(),
          v.toLowerCase(),
          v.maxLength(TEXT_LIMITS.source, code('source_invalid')),
          v.check((text) => text === '' || SOURCE.test(text), code('source_invalid')),
          v.transform((text) => text || undefined),
        ),
      ),
      // The honeypot: any answer but a short string is a bot's, and is told no more than that.
      website: v.optional(v.pipe(v.string(code('request_rejected')), v.maxLength(200, code('request_rejected')))),
    },
    code('body_invalid'),
  );
}

export type DonationResult = { ok: true; donation: DonationRequest } | { ok: false; errors: FieldError[] };

/** Validates anything (parsed JSON, the form's state) against the limits; every problem, one per field. */
export function validateDonation(input: unknown, limits: DonationLimits = DEFAULT_LIMITS): DonationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: [{ code: 'body_invalid' }] };
  const result = v.safeParse(donationSchema(limits), input, { abortPipeEarly: true });
  if (result.success) return { ok: true, donation: result.output as DonationRequest };
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of result.issues) {
    const field = v.getDotPath(issue) ?? undefined;
    const key = field ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ code: issue.message as ErrorCode, ...(field ? { field } : {}) });
  }
  return { ok: false, errors };
}
