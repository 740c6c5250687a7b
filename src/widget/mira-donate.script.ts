/**
 * The pasted script's entry (dist/mira-donate.js, one classic script that also runs as a module):
 * defines <mira-donate>, whose first-intent chunk and other languages are ES modules served beside
 * the script (mira-donate-intent.js, mira-donate-strings-es.js, mira-donate-strings-pt.js) and
 * imported from its own URL when needed (a classic `<script defer>` may call `import()`). The version
 * in the query keeps a cached script and what it loads in step.
 */
import type { FirstIntent } from './first-intent/index.js';
import { SCRIPT_URL } from './endpoint.js';
import { once } from './loads.js';
import { MiraDonate } from './mira-donate.component.js';
import { register, TAG } from './register.js';
import type { Terms } from './terms.js';

export { MiraDonate, register, TAG };

/** Kept in step with MiraDonate.version by the build (package.json's version). */
declare const __MIRA_VERSION__: string;

/** A file built beside this script, as an ES module. */
function besideScript(file: string, base = SCRIPT_URL ?? location.href): string {
  return new URL(`${file}?v=${__MIRA_VERSION__}`, base).href;
}

MiraDonate.loads = {
  firstIntent: once(() => import(/* @vite-ignore */ besideScript('mira-donate-intent.js')).then((chunk: { firstIntent: FirstIntent }) => chunk.firstIntent)),
  language: once((language) => import(/* @vite-ignore */ besideScript(`mira-donate-strings-${language}.js`)).then((strings: { terms: Terms }) => strings.terms)),
};

register();
