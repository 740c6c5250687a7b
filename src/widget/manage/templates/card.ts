/** "Your card": the card on file, and on "Update card" Stripe's Payment Element (slotted from the light DOM) with Save and Keep. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ManagedGift } from '../../../core/manage-api.js';
import type { LocalizeController } from '../../controllers/localize.js';
import type { CardStepStatus } from '../card-step.js';
import { sayCard } from '../words.js';
import { renderAction, type ActionView } from './action.js';

export interface CardView extends ActionView {
  card: ManagedGift['card'];
  /** The card form's state while it is open. */
  open?: CardStepStatus;
  start: () => void;
  save: () => void;
  keep: () => void;
}

export function renderCard(localize: LocalizeController, view: CardView): TemplateResult {
  const t = (key: string) => localize.term(`manage.card.${key}`);
  const controls = html`
    <p id="card-current">${sayCard(localize, view.card)}</p>
    ${view.open === 'loading' ? html`<p class="muted" role="status">${t('loading')}</p>` : nothing}
    ${view.open === 'unavailable' ? html`<p class="error" role="alert">${t('unavailable')}</p>` : nothing}
    <div class="card-form" ?hidden=${!view.open}><slot name="card"></slot></div>
  `;
  return renderAction(
    localize,
    'card',
    view,
    controls,
    view.open
      ? { label: t('save'), press: view.save, secondary: { label: t('keep'), press: view.keep, id: 'card-keep' } }
      : { label: t('update'), press: view.start, id: 'card-update', described: 'card-current' },
  );
}
