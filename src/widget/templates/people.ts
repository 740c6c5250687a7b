/** The people in a gift: the one it honours or remembers (tribute), and the donor. */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../controllers/localize.js';
import type { Draft } from '../draft.js';
import { renderField } from './field.js';

/** A field's error in the donor's language, when it shows. */
export type ErrorFor = (field: string) => string | undefined;

/**
 * The tribute's checkbox, and its details once ticked. The details (first-intent/templates/
 * tribute-details.ts) come with the first-intent chunk, which ticking the box (an interaction) has
 * already sent for: `details` is undefined until it is here, and the section says it is busy meanwhile.
 */
export function renderTribute(
  localize: LocalizeController,
  withTribute: boolean,
  toggle: (withTribute: boolean) => void,
  details: TemplateResult | undefined,
): TemplateResult {
  return html`
    <div part="tribute" class="group" aria-busy=${withTribute && !details ? 'true' : nothing}>
      <label class="check"><input part="checkbox" type="checkbox" .checked=${withTribute}
        @change=${(e: Event) => toggle((e.target as HTMLInputElement).checked)} /> ${localize.term('tributeToggle')}</label>
      ${withTribute ? (details ?? nothing) : nothing}
    </div>
  `;
}

export interface DonorActions {
  input: (key: 'name' | 'email') => (event: InputEvent) => void;
  toggleAnonymous: (anonymous: boolean) => void;
}

export function renderDonor(localize: LocalizeController, draft: Draft, errorFor: ErrorFor, actions: DonorActions): TemplateResult {
  const t = (key: string) => localize.term(key);
  const { donor, anonymous } = draft;
  return html`
    <fieldset part="donor" class="group">
      <legend class="legend"><h3>${t('donor.legend')}</h3></legend>
      ${renderField('donor-name', t('donor.name'), donor.name, actions.input('name'), errorFor('donor.name'), { autocomplete: 'name', required: t('form.required') })}
      ${renderField('donor-email', t('donor.email'), donor.email, actions.input('email'), errorFor('donor.email'), { type: 'email', autocomplete: 'email', hint: t('donor.emailHint'), required: t('form.required') })}
      <label class="check"><input part="checkbox" type="checkbox" aria-describedby="anonymous-hint" .checked=${anonymous}
        @change=${(e: Event) => actions.toggleAnonymous((e.target as HTMLInputElement).checked)} /> ${t('donor.anonymous')}</label>
      <span class="hint" id="anonymous-hint">${t('donor.anonymousHint')}</span>
    </fieldset>
  `;
}
