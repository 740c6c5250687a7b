/** A labelled text field with its hint and inline error, as every field of the form shows them. */
import { html, nothing, type TemplateResult } from 'lit';

export interface FieldOptions {
  type?: string;
  autocomplete?: string;
  hint?: string;
  multiline?: boolean;
}

/** `error` is the message already in the donor's language, or undefined when the field is fine. */
export function renderField(
  id: string,
  label: string,
  value: string,
  onInput: (event: InputEvent) => void,
  error: string | undefined,
  options: FieldOptions = {},
): TemplateResult {
  const described = [error ? `${id}-error` : '', options.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const control = options.multiline
    ? html`<textarea part="input" id=${id} class="input" rows="3" .value=${value} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing} @input=${onInput}></textarea>`
    : html`<input part="input" id=${id} class="input" type=${options.type ?? 'text'} autocomplete=${options.autocomplete ?? nothing} .value=${value}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing} @input=${onInput} />`;
  return html`
    <div class="field">
      <label part="label" class="label" for=${id}>${label}</label>
      ${control}
      ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
      ${renderError(`${id}-error`, error)}
    </div>
  `;
}

export function renderError(id: string, error: string | undefined): TemplateResult | typeof nothing {
  return error ? html`<span part="error" class="error" id=${id}>${error}</span>` : nothing;
}
