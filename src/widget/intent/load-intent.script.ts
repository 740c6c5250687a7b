/**
 * The script-tag build's loader for the intent chunk: `mira-donate-intent.js`, an ES module served
 * beside `mira-donate.js` and imported from the script's own URL (a classic `<script defer>` may
 * call `import()`). The version in the query keeps a cached first-load script and its chunk in step.
 */
import { SCRIPT_URL } from '../endpoint.js';
import type { IntentModule } from './load-intent.js';

export type { IntentModule } from './load-intent.js';

/** Kept in step with MiraDonate.version by the build (package.json's version). */
declare const __MIRA_VERSION__: string;

let loading: Promise<IntentModule> | undefined;

export function intentUrl(base = SCRIPT_URL ?? location.href): string {
  return new URL(`mira-donate-intent.js?v=${__MIRA_VERSION__}`, base).href;
}

export function loadIntent(): Promise<IntentModule> {
  loading ??= (import(/* @vite-ignore */ intentUrl()) as Promise<IntentModule>).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
