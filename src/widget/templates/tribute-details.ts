/**
 * The tribute's details, shown once the donor ticks "give in honor or in memory": in honor or in
 * memory, the honoree's name, an email to notify and a short message. Only reachable after an
 * interaction, so it travels in the intent chunk with its strings (see ../intent/intent.ts).
 */
import { html, type TemplateResult } from 'lit';
import { TRIBUTE_KINDS, type TributeKind } from '../../core/donation.js';
import type { LocalizeController } from '../controllers/localize.js';
import type { RadioGroupController } from '../controllers/radio-group.js';
import type { Draft } from '../draft.js';
import { renderRadio } from './choices.js';
import { renderField } from './field.js';
import type { ErrorFor } from './people.js';

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
): TemplateResult {
  const t = (key: string) => localize.term(key);
  const current = TRIBUTE_KINDS.indexOf(tribute.kind);
  return html`
    <div class="options" role="radiogroup" aria-label=${t('tribute.legend')} @keydown=${keys.handleKeyDown}>
      ${TRIBUTE_KINDS.map((kind, index) => renderRadio('tribute-kind', index, current, t(`tribute.${kind}`), () => actions.chooseKind(kind)))}
    </div>
    ${renderField('tribute-name', t('tribute.name'), tribute.name, actions.input('name'), errorFor('tribute.name'), { autocomplete: 'off' })}
    ${renderField('tribute-email', t('tribute.notifyEmail'), tribute.notifyEmail, actions.input('notifyEmail'), errorFor('tribute.notifyEmail'), { type: 'email', autocomplete: 'off' })}
    ${renderField('tribute-message', t('tribute.message'), tribute.message, actions.input('message'), errorFor('tribute.message'), { multiline: true })}
  `;
}
