/**
 * `html` and `nothing` for the script-tag build's intent chunk (vite.config.ts aliases `lit` to this
 * file there). The chunk's templates are rendered by the first-load script's lit, which renders a
 * template result from any copy of lit: a plain object marked `_$litType$`, and `nothing` is a
 * registered symbol. So the chunk carries these few lines, not a second lit. Bundler builds and the
 * tests use lit itself.
 */
import type { html as litHtml, nothing as litNothing } from 'lit';

export const html: typeof litHtml = (strings, ...values) => ({ ['_$litType$']: 1, strings, values });

export const nothing = Symbol.for('lit-nothing') as typeof litNothing;
