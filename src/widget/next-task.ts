declare const scheduler: { yield?: () => Promise<void> } | undefined;

/**
 * Resolves in a later task of the page, which meanwhile runs what it has queued (parsing, paint,
 * input): the form's set-up is spread this way so that no task of its own is long on a phone.
 */
export const nextTask = (): Promise<void> =>
  typeof scheduler !== 'undefined' && scheduler.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
