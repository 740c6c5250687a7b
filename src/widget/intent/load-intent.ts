/**
 * Loads the intent chunk (intent.ts) once per page. This is the bundler build's loader: the
 * bundler splits intent.ts into a chunk of its own. The one-file script-tag build swaps in
 * load-intent.script.ts, which imports the chunk from beside the script (see vite.config.ts).
 */
import type * as Intent from './intent.js';

export type IntentModule = typeof Intent;

let loading: Promise<IntentModule> | undefined;

/** Rejects when the chunk cannot load (offline); the next call tries again. */
export function loadIntent(): Promise<IntentModule> {
  loading ??= import('./intent.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
