/**
 * The endpoint's log: one line per notable thing, as JSON. Callers pass ids and codes, never card
 * data or donor details (no emails, no names), so a log can be shared with a contractor safely.
 */
export type Log = (event: string, fields?: Record<string, string | number | boolean | undefined>) => void;

export const consoleLog: Log = (event, fields = {}) => {
  console.log(JSON.stringify({ at: new Date().toISOString(), event, ...fields }));
};

export const silentLog: Log = () => {};
