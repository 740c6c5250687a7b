/** "Take a break": pause for one to three months (a radio group), or, while paused, resume now. */
import { html, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../controllers/localize.js';
import type { RadioGroupController } from '../../controllers/radio-group.js';
import { renderRadio } from '../../templates/choices.js';
import { renderAction, type ActionView } from './action.js';

export const PAUSE_MONTHS = [1, 2, 3] as const;
export type PauseMonths = (typeof PAUSE_MONTHS)[number];

export interface PauseView extends ActionView {
  paused: boolean;
  months: PauseMonths;
  keys: RadioGroupController;
  choose: (months: PauseMonths) => void;
  pause: () => void;
  resume: () => void;
}

export function renderPause(localize: LocalizeController, view: PauseView): TemplateResult {
  const t = (key: string, values?: Record<string, unknown>) => localize.term(`manage.pause.${key}`, values);
  if (view.paused) return renderAction(localize, 'pause', view, html``, { label: t('resume'), press: view.resume, id: 'pause-resume' });
  const current = PAUSE_MONTHS.indexOf(view.months);
  const controls = html`
    <h3 class="legend" id="pause-legend">${t('legend')}</h3>
    <div part="pause-months" class="options" role="radiogroup" aria-labelledby="pause-legend" @keydown=${view.keys.handleKeyDown}>
      ${PAUSE_MONTHS.map((months, index) => renderRadio('pause-option', index, current, t('months', { count: months }), () => view.choose(months)))}
    </div>
  `;
  return renderAction(localize, 'pause', view, controls, { label: t('save'), press: view.pause });
}
