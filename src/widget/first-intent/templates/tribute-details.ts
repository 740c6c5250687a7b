/**
 * The tribute's details, shown once the donor ticks "give in honor or in memory": in honor or in
 * memory, the honoree's name, an email to notify and a short message. Only reachable after an
 * interaction, so it travels in this chunk with its strings. Its radios and fields are the form's
 * own (templates/choices.ts and field.ts, in the first-load script), handed in rather than imported,
 * so the chunk carries no second copy of them.
 */
import type { TemplateResult } from 'lit';
import { TRIBUTE_KINDS, type TributeKind } from '../../../core/donation.js';
import type { LocalizeController } from '../../controllers/localize.js';
import type { RadioGroupController } from '../../controllers/radio-group.js';
import type { Draft } from '../../draft.js';
import type { renderRadio } from '../../templates/choices.js';
import type { renderField } from '../../templates/field.js';
import type { ErrorFor } from '../../templates/people.js';
import { html } from '../html.js';

/** The first-load templates the details are built from. */
export interface TributeParts {
  radio: typeof renderRadio;
  field: typeof renderField;
}

export interface TributeActions {
  chooseKind: (kind: TributeKind) => void;
  input: (key: 'name' | 'notifyEmail' | 'message') => (event: InputEvent) => void;
}

export function renderTributeDetails(
  localize: LocalizeController,
  tribute: Draft['tribute'],
  keys: RadioGroupController,
  errorFor: ErrorFor,
  actions: TributeActions,
  { radio, field }: TributeParts,
): TemplateResult {
  const t = (key: string) => localize.term(key);
  const current = TRIBUTE_KINDS.indexOf(tribute.kind);
  return html`
    <div class="options" role="radiogroup" aria-label=${t('tribute.legend')} @keydown=${keys.handleKeyDown}>
      ${TRIBUTE_KINDS.map((kind, index) => radio('tribute-kind', index, current, t(`tribute.${kind}`), () => actions.chooseKind(kind)))}
    </div>
    ${field('tribute-name', t('tribute.name'), tribute.name, actions.input('name'), errorFor('tribute.name'), { autocomplete: 'off', required: t('form.required') })}
    ${field('tribute-email', t('tribute.notifyEmail'), tribute.notifyEmail, actions.input('notifyEmail'), errorFor('tribute.notifyEmail'), { type: 'email', autocomplete: 'off' })}
    ${field('tribute-message', t('tribute.message'), tribute.message, actions.input('message'), errorFor('tribute.message'), { multiline: true })}
  `;
}
