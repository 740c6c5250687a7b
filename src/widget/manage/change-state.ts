/**
 * The "change your gift" section as one pure function of what the donor typed and chose: the gift
 * read the way the form reads it (core/money.ts's parseAmount, in the donor's language), held to the
 * same minimum and maximum, and the fee cover grossed up with core/fees.ts at the endpoint's rates,
 * so the figures here are the ones the form would show and the endpoint will charge.
 */
import type { FieldError } from '../../core/errors.js';
import { charge, type FeeRates } from '../../core/fees.js';
import type { Language } from '../../core/locale.js';
import type { ManageChange, RecurringFrequency } from '../../core/manage-api.js';
import { parseAmount } from '../../core/money.js';

export interface ChangeDraft {
  /** The amount as typed (it starts as the gift as it is). */
  amount: string;
  frequency: RecurringFrequency;
  coverFee: boolean;
}

export interface ChangeInputs {
  draft: ChangeDraft;
  currency: string;
  language: Language;
  minimum: number;
  maximum: number;
  feeRates: FeeRates;
  /** The gift as it is now, to tell a change from none. */
  current: { gift: number; frequency: RecurringFrequency; coverFee: boolean };
}

export interface ChangeState {
  /** The new gift, minor units, once it reads as one within the limits. */
  gift?: number;
  /** What covering the fee adds to it (the fee option says it whether or not it is chosen). */
  feeIfCovered?: number;
  total?: number;
  error?: FieldError;
  /** Something differs from the gift as it is. */
  changed: boolean;
  /** What Save sends, when the draft is a valid change. */
  change?: Extract<ManageChange, { action: 'change' }>;
}

export function changeState({ draft, currency, language, minimum, maximum, feeRates, current }: ChangeInputs): ChangeState {
  const parsed = parseAmount(draft.amount, currency, language);
  const error: FieldError | undefined = !parsed.ok
    ? { code: parsed.code, field: 'gift' }
    : parsed.minor < minimum
      ? { code: 'amount_too_small', field: 'gift' }
      : parsed.minor > maximum
        ? { code: 'amount_too_large', field: 'gift' }
        : undefined;
  if (error || !parsed.ok) return { error, changed: true };
  const gift = parsed.minor;
  const changed = gift !== current.gift || draft.frequency !== current.frequency || draft.coverFee !== current.coverFee;
  return {
    gift,
    feeIfCovered: charge(gift, true, feeRates).fee,
    total: charge(gift, draft.coverFee, feeRates).total,
    changed,
    ...(changed ? { change: { action: 'change' as const, gift, frequency: draft.frequency, coverFee: draft.coverFee } } : {}),
  };
}
