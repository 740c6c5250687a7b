/**
 * The pasted script's entry (dist/mira-donate.js, one classic script that also runs as a module):
 * defines <mira-donate> (in tasks after its own, below), whose first-intent chunk and other
 * languages are ES modules served beside the script (mira-donate-intent.js,
 * mira-donate-strings-es.js, mira-donate-strings-pt.js) and imported from its own URL when needed (a classic `<script defer>` may call `import()`). The version
 * in the query keeps a cached script and what it loads in step (the endpoint serves each release's
 * chunks by it), and each chunk is checked against the hash the build gave this script.
 */
import type { FirstIntent } from './first-intent/index.js';
import { SCRIPT_URL } from './endpoint.js';
import { importChecked, once } from './loads.js';
import { MiraDonate } from './mira-donate.component.js';
import { nextTask } from './next-task.js';
import { register, TAG } from './register.js';
import type { Terms } from './terms.js';

export { MiraDonate, register, TAG };

/** Kept in step with MiraDonate.version by the build (package.json's version). */
declare const __MIRA_VERSION__: string;
/** Each chunk's sha384 (SRI), by file name, given by the build (vite.config.ts). */
declare const __MIRA_INTEGRITY__: Record<string, string>;

/** A file built beside this script, as an ES module, checked against its hash. */
function besideScript<T>(file: string, base = SCRIPT_URL ?? location.href): Promise<T> {
  return importChecked<T>(new URL(`${file}?v=${__MIRA_VERSION__}`, base).href, __MIRA_INTEGRITY__[file]);
}

MiraDonate.loads = {
  firstIntent: once(() => besideScript<{ firstIntent: FirstIntent }>('mira-donate-intent.js').then((chunk) => chunk.firstIntent)),
  language: once((language) => besideScript<{ terms: Terms }>(`mira-donate-strings-${language}.js`).then((strings) => strings.terms)),
};

// Defining the element has Lit prepare the class, then upgrades the page's <mira-donate> there and
// then (built and connected). On a phone each of those and this script's own run take tens of
// milliseconds: together, one task past the 50 ms that holds up a page's paint and a visitor's tap.
// So each comes in a task of its own (in Chromium, continuations ahead of the page's own timers;
// elsewhere, timers): Lit prepares the class when first asked which attributes it observes, as
// defining it asks. A page's script that uses the element awaits customElements.whenDefined.
void nextTask()
  .then(() => void MiraDonate.observedAttributes)
  .then(nextTask)
  .then(() => register());
