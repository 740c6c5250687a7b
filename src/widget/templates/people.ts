/** The people in a gift: the one it honours or remembers (tribute), and the donor. */
import { html, nothing, type TemplateResult } from 'lit';
import { TRIBUTE_KINDS, type TributeKind } from '../../core/donation.js';
import type { LocalizeController } from '../controllers/localize.js';
import type { RadioGroupController } from '../controllers/radio-group.js';
import type { Draft } from '../draft.js';
import { renderRadio } from './choices.js';
import { renderField } from './field.js';

/** A field's error in the donor's language, when it shows. */
export type ErrorFor = (field: string) => string | undefined;

export interface TributeActions {
  toggle: (withTribute: boolean) => void;
  chooseKind: (kind: TributeKind) => void;
  input: (key: 'name' | 'notifyEmail' | 'message') => (event: InputEvent) => void;
}

export function renderTribute(localize: LocalizeController, draft: Draft, keys: RadioGroupController, errorFor: ErrorFor, actions: TributeActions): TemplateResult {
  const t = (key: string) => localize.term(key);
  const { withTribute, tribute } = draft;
  const current = TRIBUTE_KINDS.indexOf(tribute.kind);
  return html`
    <div part="tribute" class="group">
      <label class="check"><input part="checkbox" type="checkbox" .checked=${withTribute}
        @change=${(e: Event) => actions.toggle((e.target as HTMLInputElement).checked)} /> ${t('tribute.toggle')}</label>
      ${withTribute
        ? html`
            <div class="options" role="radiogroup" aria-label=${t('tribute.legend')} @keydown=${keys.handleKeyDown}>
              ${TRIBUTE_KINDS.map((kind, index) => renderRadio('tribute-kind', index, current, t(`tribute.${kind}`), () => actions.chooseKind(kind)))}
            </div>
            ${renderField('tribute-name', t('tribute.name'), tribute.name, actions.input('name'), errorFor('tribute.name'), { autocomplete: 'off' })}
            ${renderField('tribute-email', t('tribute.notifyEmail'), tribute.notifyEmail, actions.input('notifyEmail'), errorFor('tribute.notifyEmail'), { type: 'email', autocomplete: 'off' })}
            ${renderField('tribute-message', t('tribute.message'), tribute.message, actions.input('message'), errorFor('tribute.message'), { multiline: true })}
          `
        : nothing}
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
    <fieldset part="donor" class="group donor">
      <legend class="legend">${t('donor.legend')}</legend>
      ${renderField('donor-name', t('donor.name'), donor.name, actions.input('name'), errorFor('donor.name'), { autocomplete: 'name' })}
      ${renderField('donor-email', t('donor.email'), donor.email, actions.input('email'), errorFor('donor.email'), { type: 'email', autocomplete: 'email', hint: t('donor.emailHint') })}
      <label class="check"><input part="checkbox" type="checkbox" aria-describedby="anonymous-hint" .checked=${anonymous}
        @change=${(e: Event) => actions.toggleAnonymous((e.target as HTMLInputElement).checked)} /> ${t('donor.anonymous')}</label>
      <span class="hint" id="anonymous-hint">${t('donor.anonymousHint')}</span>
    </fieldset>
  `;
}
