/** Preset amounts and the progress figures: small pure helpers the element renders from. */
import { FREQUENCIES, type Frequency } from '../core/donation.js';
import { minorDigits } from '../core/money.js';

export type Presets = Record<Frequency, number[]>;

/** Smaller steps for monthly gifts, larger for annual ones: what donors choose most often. */
export const DEFAULT_PRESETS: Readonly<Record<Frequency, readonly number[]>> = {
  once: [25, 50, 100, 250],
  month: [10, 25, 50, 100],
  year: [100, 250, 500, 1000],
};

const toMinor = (major: number, currency: string) => Math.round(major * 10 ** minorDigits(currency));

function readList(text: string): number[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
    .filter((value) => Number.isFinite(value) && value > 0);
}

/**
 * Reads the `amounts` attribute, in major units: `"25 50 100"` for every frequency, or per frequency
 * `"once: 50 100 250; month: 10 25 50"`. Frequencies left out keep their defaults.
 */
export function parsePresets(text: string | undefined, currency: string): Presets {
  const majors: Record<Frequency, readonly number[]> = { ...DEFAULT_PRESETS };
  const source = (text ?? '').trim();
  if (source && !source.includes(':')) {
    const list = readList(source);
    if (list.length) for (const frequency of FREQUENCIES) majors[frequency] = list;
  } else {
    for (const part of source.split(';')) {
      const [name, values = ''] = part.split(':');
      const frequency = name.trim() as Frequency;
      const list = readList(values);
      if ((FREQUENCIES as readonly string[]).includes(frequency) && list.length) majors[frequency] = list;
    }
  }
  const presets = {} as Presets;
  for (const frequency of FREQUENCIES) presets[frequency] = majors[frequency].map((major) => toMinor(major, currency));
  return presets;
}

/** `"once month"` → the offered frequencies in their canonical order; nothing valid → all three. */
export function parseFrequencies(text: string | undefined): Frequency[] {
  const wanted = new Set((text ?? '').split(/[\s,]+/));
  const offered = FREQUENCIES.filter((frequency) => wanted.has(frequency));
  return offered.length ? offered : [...FREQUENCIES];
}

/**
 * What a fundraiser shows a first visitor. Under 1% of the goal, "$0 raised · 0%" or "<1%" says
 * nobody has given: the goal alone, as an invitation, says more. One or two donors read the same
 * way, so the count waits for five.
 */
export const SHOW_FIGURES_FROM_PERCENT = 1;
export const COUNT_DONORS_FROM = 5;

export interface Progress {
  /** Show the goal alone: too little is raised yet for the figures to encourage anyone. */
  goalOnly: boolean;
  /** Raised, in minor units, rounded down to whole units: never more than was given, and no cents. */
  raised: number;
  /** Whole percent of the goal, uncapped: 112 when the goal is passed. */
  percent: number;
  /** The bar's fill, capped at the full width. */
  fill: number;
  /** The number of donors, once there are enough to say it. */
  donors?: number;
}

export function progressOf(figures: { raised: number; goal: number; donors?: number }, currency: string): Progress {
  const { raised, goal, donors } = figures;
  const unit = 10 ** minorDigits(currency);
  const share = goal > 0 ? (raised * 100) / goal : 0;
  return {
    goalOnly: share < SHOW_FIGURES_FROM_PERCENT,
    raised: Math.floor(raised / unit) * unit,
    percent: Math.floor(share),
    fill: Math.min(100, Math.max(0, share)),
    ...(donors !== undefined && donors >= COUNT_DONORS_FROM ? { donors } : {}),
  };
}

export { toMinor };
