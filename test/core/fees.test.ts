import { describe, expect, it } from 'vitest';
import { charge, grossUp, netOf, DEFAULT_FEE_RATES } from '../../src/core/fees.js';

const stripeNonprofit = { basisPoints: 220, fixed: 30 };
const stripeStandard = { basisPoints: 290, fixed: 30 };

describe('grossUp', () => {
  it.each([
    // gift, rates, total, fee
    [10_000, stripeNonprofit, 10_256, 256],
    [10_000, stripeStandard, 10_330, 330],
    [2_500, stripeNonprofit, 2_587, 87],
    [500, stripeNonprofit, 542, 42],
    [100_000_00, stripeNonprofit, 102_249_80, 2_249_80],
    // A whole quotient is not rounded up: (9750 + 0) / 0.975 = 10000 exactly.
    [9_750, { basisPoints: 250, fixed: 0 }, 10_000, 250],
    [1_000, { basisPoints: 0, fixed: 0 }, 1_000, 0],
  ])('%i at %o is %i', (gift, rates, total, fee) => {
    expect(grossUp(gift, rates)).toEqual({ gift, fee, total });
  });

  it('leaves the nonprofit at least the whole gift after the processor takes its cut', () => {
    for (let gift = 500; gift < 200_000; gift += 137) {
      const { total } = grossUp(gift, stripeStandard);
      expect(netOf(total, stripeStandard)).toBeGreaterThanOrEqual(gift);
      // ...and asks at most a cent more than the least that would do (the processor rounds its cut).
      expect(netOf(total - 2, stripeStandard)).toBeLessThan(gift);
    }
  });

  it('is not the naive gift × rate + fixed, which leaves the nonprofit short', () => {
    const naive = 10_000 + Math.round(10_000 * 0.022) + 30;
    expect(grossUp(10_000, stripeNonprofit).total).toBeGreaterThan(naive);
    expect(netOf(naive, stripeNonprofit)).toBeLessThan(10_000);
  });
});

describe('charge', () => {
  it('adds nothing when the donor does not cover the fee', () => {
    expect(charge(10_000, false, DEFAULT_FEE_RATES)).toEqual({ gift: 10_000, fee: 0, total: 10_000 });
  });
  it('grosses up with the default nonprofit rate when the donor covers it', () => {
    expect(charge(10_000, true, DEFAULT_FEE_RATES)).toEqual({ gift: 10_000, fee: 256, total: 10_256 });
  });
});
