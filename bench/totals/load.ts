/**
 * The readers: autocannon holding `connections` keep-alive connections on one URL for `seconds`,
 * run as its own process so it never shares the endpoint's event loop. Prints its figures as JSON.
 * A request unanswered after `seconds` counts as a timeout.
 */
import autocannon from 'autocannon';

const [url, connections, seconds] = process.argv.slice(2);
const result = await autocannon({ url: url!, connections: Number(connections), duration: Number(seconds), timeout: Number(seconds) });
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
