/**
 * HTML for letters is written with Hono's `html` tag: every interpolated value is escaped unless it is
 * itself markup made by this tag, so a donor's name, an honoree's message or a campaign's name can
 * never become markup, and nobody has to remember to call an escape function at each use. Hono is
 * already the endpoint's framework (no new dependency), and the tag is well kept and tested there.
 * `hono/jsx` would do the same but needs the JSX compiler settings of the whole project.
 */
import { html } from 'hono/html';

/** Markup made by `markup` (already escaped); anything else interpolated into it is text. */
export type Markup = ReturnType<typeof import('hono/html').raw>;

/** Hono's tag, synchronous: letters never interpolate promises, so the result is always a string. */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const result = html(strings, ...values);
  if (typeof result !== 'string' && !(result instanceof String)) throw new TypeError('a letter interpolated a promise');
  return result as Markup;
}

/** Text whose line breaks are kept: each line escaped, joined by <br>. */
export function withLineBreaks(text: string): Markup {
  const lines = text.split(/\r\n|\r|\n/);
  return markup`${lines.map((line, i) => (i === 0 ? line : markup`<br>${line}`))}`;
}

/** A `{{name}}` template with some values as markup (a link, a bold name) and the rest as text. */
export function fillMarkup(template: string, values: Record<string, string | Markup>): Markup {
  const parts = template.split(/{{\s*(\w+)\s*}}/);
  return markup`${parts.map((part, i) => (i % 2 === 0 ? part : (values[part] ?? `{{${part}}}`)))}`;
}
