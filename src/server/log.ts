/**
 * The endpoint's log: one JSON line per notable thing, written by pino. Callers pass an event name
 * and ids and codes, never card data or donor details (no emails, no names, no query strings), so a
 * log can be shared with a contractor safely. Each event has a level (LOG_LEVEL picks the least
 * that is written), and each line written while a request is answered carries its request id.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Level } from 'pino';

export type LogFields = Record<string, string | number | boolean | undefined> & {
  /** The line's own time, level, name and request: a field of any of these names would overwrite them (a Stripe event's id is `eventId`). */
  time?: never;
  level?: never;
  event?: never;
  requestId?: never;
};

export type Log = (event: string, fields?: LogFields) => void;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Events written above `info`, or below it; every other event is `info`. */
const LEVELS: Record<string, Level> = {
  internal_error: 'error',
  server_error: 'error',
  mail_worker_error: 'error',
  mail_failed: 'error',
  stripe_create_failed: 'warn',
  stripe_retrieve_failed: 'warn',
  mail_retry: 'warn',
  mail_lease_lost: 'warn',
  shutdown_cut: 'warn',
  // Load balancers ask every few seconds: written only at LOG_LEVEL=debug.
  probe: 'debug',
};

const RESERVED = new Set(['time', 'level', 'event', 'requestId', 'pid', 'hostname', 'msg']);

/** The request being answered, for the lines its handlers write. */
const requests = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` as part of the request `requestId`: every line logged meanwhile carries it. */
export function duringRequest<T>(requestId: string, work: () => T): T {
  return requests.run({ requestId }, work);
}

export interface LogOptions {
  level?: LogLevel;
  /** Where lines go; stdout by default. Anything with `write(line)`. */
  destination?: DestinationStream;
}

export function createLog(options: LogOptions = {}): Log {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const request = requests.getStore();
        return request ? { requestId: request.requestId } : {};
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return (event, fields = {}) => {
    const level = LEVELS[event] ?? 'info';
    if (!logger.isLevelEnabled(level)) return;
    // Time, level, name and request id are the line's own, whatever a caller slips past the type.
    const own: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) if (!RESERVED.has(name) && value !== undefined) own[name] = value;
    logger[level](own, event);
  };
}

/** Lines to stdout at `info`, for code that has no configuration to ask (the CLI's commands). */
let stdout: Log | undefined;
export const consoleLog: Log = (event, fields) => (stdout ??= createLog())(event, fields);

export const silentLog: Log = () => {};
