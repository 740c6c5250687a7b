/**
 * Covering the fee: the donor pays a little more so the nonprofit receives the whole gift.
 * The processor takes `rate` of the total plus `fixed`, so the total must be grossed up:
 * total = ceil((gift + fixed) / (1 - rate)). Adding `gift * rate + fixed` would leave the
 * nonprofit short, because the processor also takes its cut of the added fee.
 */
export interface FeeRates {
  /** Percentage fee in basis points: 220 = 2.2%. Integers keep the arithmetic exact. */
  basisPoints: number;
  /** Fixed fee per charge, in minor units: 30 = 30¢. */
  fixed: number;
}

/** Stripe's US nonprofit card rate. */
export const DEFAULT_FEE_RATES: FeeRates = { basisPoints: 220, fixed: 30 };

export interface Charge {
  gift: number;
  fee: number;
  total: number;
}

export function grossUp(gift: number, rates: FeeRates): Charge {
  const numerator = (gift + rates.fixed) * 10_000;
  const denominator = 10_000 - rates.basisPoints;
  const total = Math.ceil(numerator / denominator);
  // Both operands are exact integers, so a whole quotient stays whole and ceil never overshoots.
  return { gift, fee: total - gift, total };
}

/** What the donor is charged for a gift, with or without covering the fee. */
export function charge(gift: number, coverFee: boolean, rates: FeeRates): Charge {
  return coverFee ? grossUp(gift, rates) : { gift, fee: 0, total: gift };
}

/** What the nonprofit keeps after the processor's fee when the donor does not cover it. */
export function netOf(total: number, rates: FeeRates): number {
  return total - Math.round((total * rates.basisPoints) / 10_000) - rates.fixed;
}
