/** A labelled text field with its hint and inline error, as every field of the form shows them. */
import { html, nothing, type TemplateResult } from 'lit';

export interface FieldOptions {
  type?: string;
  autocomplete?: string;
  hint?: string;
  multiline?: boolean;
  /** The field must be filled: the word the label says it with, in the donor's language ("(required)"). */
  required?: string;
}

/**
 * `error` is the message already in the donor's language, or undefined when the field is fine.
 * Label, field, hint, error, in that order on screen and in what describes the field.
 */
export function renderField(
  id: string,
  label: string,
  value: string,
  onInput: (event: InputEvent) => void,
  error: string | undefined,
  options: FieldOptions = {},
): TemplateResult {
  const described = describedBy(options.hint ? `${id}-hint` : undefined, id, error);
  const required = !!options.required;
  const control = options.multiline
    ? html`<textarea part="input" id=${id} class="input" rows="3" .value=${value} ?required=${required} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing} @input=${onInput}></textarea>`
    : html`<input part="input" id=${id} class="input" type=${options.type ?? 'text'} autocomplete=${options.autocomplete ?? nothing} .value=${value}
        ?required=${required} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing} @input=${onInput} />`;
  return html`
    <div class="field">
      <label part="label" class="label" for=${id}>${label}${required ? html` <span class="required">${options.required}</span>` : nothing}</label>
      ${control}
      ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
      ${renderError(`${id}-error`, error)}
    </div>
  `;
}

/** The hint, then the error when there is one: what describes a field, in the order they stand. */
export function describedBy(hint: string | undefined, id: string, error: string | undefined): string {
  return [hint, error ? `${id}-error` : ''].filter(Boolean).join(' ');
}

/**
 * The error's line is kept while there is none, so a message appearing as the donor leaves the field
 * moves nothing below it (a longer one that wraps still does, but only after the click that left the
 * field: controllers/press.ts).
 */
export function renderError(id: string, error: string | undefined): TemplateResult {
  return error ? html`<span part="error" class="error" id=${id}>${error}</span>` : html`<span class="error" aria-hidden="true"></span>`;
}
