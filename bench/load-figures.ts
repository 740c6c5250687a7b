/**
 * What an autocannon process (bench/totals/load.ts, bench/scale/creates.ts) prints for the bench that
 * spawned it: its figures as one line of JSON.
 */
import type { Result } from 'autocannon';

export interface LoadFigures {
  /** 2xx answers per second. */
  rate: number;
  answered: number;
  sent: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Latency of answered requests, ms. */
  p50: number;
  p99: number;
}

export function printLoadFigures(result: Result): void {
  const figures: LoadFigures = {
    rate: result['2xx'] / result.duration,
    answered: result['2xx'],
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
  process.stdout.write(JSON.stringify(figures));
}
