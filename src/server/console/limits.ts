/**
 * Sign-in and enrolment attempts per client address, counted as abuse.ts counts donation attempts
 * (in PostgreSQL when the ledger is there, so every process holds one limit): enough for an office
 * of staff behind one address, too few to try passkeys or invitation tokens at any speed.
 */
import type { MiddlewareHandler } from 'hono';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { clientAddressOf, limiter } from '../abuse.js';
import type { Config } from '../config.js';
import type { Ledger } from '../ledger/ledger.js';
import { ConsoleRefusal } from './refusal.js';

const WINDOW_MS = 15 * 60 * 1000;
/** Answers to a challenge (a passkey signed, an invitation used) and challenges asked for, per address per window. */
export const ATTEMPTS_PER_WINDOW = 30;
export const CHALLENGES_PER_WINDOW = 60;

export type ConsoleLimits = ReturnType<typeof consoleLimits>;

export function consoleLimits(config: Pick<Config, 'trustedProxies'>, ledger: Ledger) {
  const addressOf = clientAddressOf(config.trustedProxies);
  const gate = (name: string, points: number): MiddlewareHandler => {
    const take = limiter(ledger, name, WINDOW_MS, points);
    return async (c, next) => {
      try {
        await (await take()).consume(addressOf(c));
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        c.header('Retry-After', String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))));
        throw new ConsoleRefusal('rate_limited');
      }
      await next();
    };
  };
  return { attempts: gate('console_attempt', ATTEMPTS_PER_WINDOW), challenges: gate('console_challenge', CHALLENGES_PER_WINDOW) };
}
