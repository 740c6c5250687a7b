/**
 * "Change your gift": how often, the amount, the fee cover, then what will be charged and Save. The
 * frequency and fee cover are the form's own groups (templates/choices.ts); the amount is the form's
 * Other amount field, its currency's sign where the donor's language writes it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { currencySign } from '../../../core/money.js';
import type { RecurringFrequency } from '../../../core/manage-api.js';
import type { LocalizeController } from '../../controllers/localize.js';
import type { RadioGroupController } from '../../controllers/radio-group.js';
import { renderFeeCover, renderFrequency } from '../../templates/choices.js';
import { describedBy, renderError } from '../../templates/field.js';
import { summaryText } from '../../templates/summary.js';
import type { ChangeDraft, ChangeState } from '../change-state.js';
import { sayMoney } from '../words.js';
import { renderAction, type ActionView } from './action.js';

export const FREQUENCIES: RecurringFrequency[] = ['month', 'year'];

export interface ChangeView extends ActionView {
  draft: ChangeDraft;
  state: ChangeState;
  currency: string;
  limits: { minimum: number; maximum: number };
  /** The amount's error in the donor's language, when it shows. */
  amountError?: string;
  frequencyKeys: RadioGroupController;
  feeKeys: RadioGroupController;
  chooseFrequency: (frequency: RecurringFrequency) => void;
  chooseCoverFee: (coverFee: boolean) => void;
  input: (event: InputEvent) => void;
  leave: () => void;
  save: () => void;
}

export function renderChange(localize: LocalizeController, view: ChangeView): TemplateResult {
  const { draft, state, currency, amountError: error } = view;
  const t = (key: string, values?: Record<string, unknown>) => localize.term(key, values);
  const { sign, before } = currencySign(currency, localize.language);
  const affix = html`<span class="affix" id="custom-amount-currency">${sign}</span>`;
  const limits = t('amount.limits', { minimum: sayMoney(localize, view.limits.minimum, currency), maximum: sayMoney(localize, view.limits.maximum, currency) });
  const figures = { gift: state.gift, feeIfCovered: state.feeIfCovered, currency };
  const controls = html`
    ${renderFrequency(localize, FREQUENCIES, draft.frequency, view.frequencyKeys, (frequency) => view.chooseFrequency(frequency as RecurringFrequency))}
    <div class="group">
      <label part="label" class="label" id="custom-amount-label" for="custom-amount">${t('manage.change.amount')}</label>
      <div class="affixed ${before ? 'sign-before' : 'sign-after'}">
        ${before ? affix : nothing}
        <input part="input custom-amount" id="custom-amount" class="input" type="text" inputmode="decimal" autocomplete="transaction-amount"
          aria-labelledby="custom-amount-label custom-amount-currency" .value=${draft.amount} aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy('amount-limits', 'custom-amount', error)} @input=${view.input} @blur=${view.leave}
          @keydown=${(event: KeyboardEvent) => event.key === 'Enter' && !event.isComposing && view.save()} />
        ${before ? nothing : affix}
      </div>
      <span class="hint" id="amount-limits">${limits}</span>
      ${renderError('custom-amount-error', error)}
    </div>
    ${renderFeeCover(localize, figures, draft.coverFee, view.feeKeys, view.chooseCoverFee)}
    <p part="summary" class="summary" id="change-summary">${summaryText(localize, { frequency: draft.frequency, currency, gift: state.gift, total: state.total })}</p>
  `;
  return renderAction(localize, 'change', view, controls, { label: t('manage.change.save'), press: view.save, described: 'change-summary' });
}
