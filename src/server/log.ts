/**
 * The endpoint's log: one line per notable thing, as JSON. Callers pass ids and codes, never card
 * data or donor details (no emails, no names), so a log can be shared with a contractor safely.
 */
export type LogFields = Record<string, string | number | boolean | undefined> & {
  /** The line's own time and name: a field of either name would overwrite them (a Stripe event's id is `eventId`). */
  at?: never;
  event?: never;
};

export type Log = (event: string, fields?: LogFields) => void;

export const consoleLog: Log = (event, fields = {}) => {
  const line: Record<string, unknown> = { at: new Date().toISOString(), event };
  // Time and name first, and never overwritten, whatever a caller slips past the type.
  for (const [name, value] of Object.entries(fields)) if (!(name in line)) line[name] = value;
  console.log(JSON.stringify(line));
};

export const silentLog: Log = () => {};
