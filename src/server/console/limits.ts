/**
 * Sign-in and enrolment attempts per client address, counted as abuse.ts counts donation attempts
 * (in PostgreSQL when the ledger is there, so every process holds one limit): enough for an office
 * of staff behind one address, too few to try passkeys or invitation tokens at any speed. Beyond
 * it: 429 `rate_limited` with Retry-After (refusal.tsx words it for the console).
 */
import { clientAddressOf, limiter, limitPerKey } from '../abuse.js';
import type { Config } from '../config.js';
import type { Ledger } from '../ledger/ledger.js';

const WINDOW_MS = 15 * 60 * 1000;
/** Answers to a challenge (a passkey signed, an invitation used) and challenges asked for, per address per window. */
export const ATTEMPTS_PER_WINDOW = 30;
export const CHALLENGES_PER_WINDOW = 60;

export type ConsoleLimits = ReturnType<typeof consoleLimits>;

export function consoleLimits(config: Pick<Config, 'trustedProxies'>, ledger: Ledger) {
  const addressOf = clientAddressOf(config.trustedProxies);
  return {
    attempts: limitPerKey(limiter(ledger, 'console_attempt', WINDOW_MS, ATTEMPTS_PER_WINDOW), addressOf),
    challenges: limitPerKey(limiter(ledger, 'console_challenge', WINDOW_MS, CHALLENGES_PER_WINDOW), addressOf),
  };
}
