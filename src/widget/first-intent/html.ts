/**
 * Lit's `html` and `nothing` for the first-intent chunk, without Lit's runtime. The chunk's templates
 * are rendered by the element's own Lit (in the first-load script), which renders a template result
 * from any copy of Lit: a plain object marked `_$litType$` (1 is HTML), and `nothing` is a registered
 * symbol. So the chunk carries these few lines rather than a second Lit; the build test checks it.
 */
import type { html as litHtml, nothing as litNothing } from 'lit';

export const html: typeof litHtml = (strings, ...values) => ({ ['_$litType$']: 1, strings, values });

export const nothing = Symbol.for('lit-nothing') as typeof litNothing;
