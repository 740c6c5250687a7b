/**
 * "Cancel your gift": one press asks once, and the question offers the smaller steps first (lower
 * the amount, pause), each one press away, beside "Yes, cancel" and "Keep my gift". Nothing more: no
 * second confirmation, no survey. Cancelling takes effect at once.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RecurringFrequency } from '../../../core/manage-api.js';
import type { LocalizeController } from '../../controllers/localize.js';
import { renderAction, type ActionView } from './action.js';

export interface CancelView extends ActionView {
  asking: boolean;
  frequency: RecurringFrequency;
  ask: () => void;
  confirm: () => void;
  keep: () => void;
  lower: () => void;
  pause: () => void;
}

export function renderCancel(localize: LocalizeController, view: CancelView): TemplateResult {
  const t = (key: string) => localize.term(`manage.cancel.${key}`);
  if (!view.asking) return renderAction(localize, 'cancel', view, nothing, { label: t('start'), press: view.ask, id: 'cancel-start' });
  const controls = html`
    <div class="confirm" id="cancel-confirm">
      <h3 class="legend" id="cancel-question" tabindex="-1">${t(view.frequency === 'year' ? 'confirmHeadingYear' : 'confirmHeading')}</h3>
      <p id="cancel-consequence">${t('confirm')}</p>
      <div class="buttons">
        <button type="button" class="secondary" id="cancel-lower" @click=${view.lower}>${t('lower')}</button>
        <button type="button" class="secondary" id="cancel-pause" @click=${view.pause}>${t('pause')}</button>
      </div>
    </div>
  `;
  return renderAction(localize, 'cancel', view, controls, {
    label: t('yes'),
    press: view.confirm,
    id: 'cancel-yes',
    described: 'cancel-consequence',
    secondary: { label: t('no'), press: view.keep, id: 'cancel-keep' },
  });
}
