/**
 * The choices made with buttons: language, frequency, amount and fee cover. Each group is a radio
 * group with one tab stop and arrow keys (RadioGroupController).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LANGUAGES, type Language } from '../../core/locale.js';
import { currencySign } from '../../core/money.js';
import type { Frequency } from '../../core/donation.js';
import type { LocalizeController } from '../controllers/localize.js';
import type { FormState } from '../form-state.js';
import { RadioGroupController } from '../controllers/radio-group.js';
import { LANGUAGE_NAMES } from '../terms.js';
import { describedBy, renderError } from './field.js';

export function renderRadio(part: string, index: number, checked: number, label: string | TemplateResult, select: () => void): TemplateResult {
  return html`<button part=${part} class="option" type="button" role="radio" aria-checked=${index === checked ? 'true' : 'false'}
    tabindex=${RadioGroupController.tabIndex(index, checked)} @click=${select}>${label}</button>`;
}

/** Each language named in itself; the name starts with the visible code, so "click PT" works by voice (WCAG 2.5.3). */
export function renderLanguageSwitch(localize: LocalizeController, keys: RadioGroupController, choose: (language: Language) => void): TemplateResult {
  const current = LANGUAGES.indexOf(localize.language);
  return html`
    <div part="language-switch" class="languages" role="radiogroup" aria-label=${localize.term('language.switch')} @keydown=${keys.handleKeyDown}>
      ${LANGUAGES.map(
        (language, index) => html`<button part="language-option" type="button" role="radio" lang=${language}
          aria-label=${`${language.toUpperCase()} – ${LANGUAGE_NAMES[language]}`} aria-checked=${index === current ? 'true' : 'false'}
          tabindex=${RadioGroupController.tabIndex(index, current)} @click=${() => choose(language)}>${language.toUpperCase()}</button>`,
      )}
    </div>
  `;
}

export function renderFrequency(
  localize: LocalizeController,
  offered: readonly Frequency[],
  chosen: Frequency,
  keys: RadioGroupController,
  choose: (frequency: Frequency) => void,
): TemplateResult | typeof nothing {
  if (offered.length < 2) return nothing;
  const current = offered.indexOf(chosen);
  return html`
    <div class="group">
      <h3 class="legend" id="frequency-legend">${localize.term('frequency.legend')}</h3>
      <div part="frequency" class="options" role="radiogroup" aria-labelledby="frequency-legend" @keydown=${keys.handleKeyDown}>
        ${offered.map((frequency, index) => renderRadio('frequency-option', index, current, localize.term(`frequency.${frequency}`), () => choose(frequency)))}
      </div>
    </div>
  `;
}

export interface AmountView {
  frequency: Frequency;
  /** Preset gifts in minor units, and the chosen one, if any. */
  presets: readonly number[];
  preset?: number;
  customAmount: string;
  currency: string;
  limits: { minimum: number; maximum: number };
  /** The amount's error in the donor's language, when it shows. */
  error?: string;
}

export function renderAmount(
  localize: LocalizeController,
  view: AmountView,
  keys: RadioGroupController,
  choose: (preset: number) => void,
  onInput: (event: InputEvent) => void,
  onKeyDown: (event: KeyboardEvent) => void,
): TemplateResult {
  const { frequency, presets, preset, customAmount, currency, error } = view;
  const current = preset === undefined ? -1 : presets.indexOf(preset);
  const money = (minor: number) => localize.money(minor, currency, { trimWhole: true });
  const limits = localize.term('amount.limits', { minimum: money(view.limits.minimum), maximum: money(view.limits.maximum) });
  // "US$ 1.000/ano" may wrap after its slash in a narrow column; Chromium finds no line break there itself.
  const label = (amount: number) => {
    const [price, per] = localize.term(`amount.${frequency}`, { amount: money(amount) }).split('/');
    return per === undefined ? price : html`${price}/<wbr />${per}`;
  };
  // The field takes the campaign's currency and says so where the donor's language writes it ("$ 25",
  // "US$ 25"); the sign is part of the field's name too, so it is heard as well as seen.
  const { sign, before } = currencySign(currency, localize.language);
  const affix = html`<span class="affix" id="custom-amount-currency">${sign}</span>`;
  return html`
    <div class="group">
      <h3 class="legend" id="amount-legend">${localize.term('amount.legend')}</h3>
      <div part="amounts" class="options amounts" role="radiogroup" aria-labelledby="amount-legend" @keydown=${keys.handleKeyDown}>
        ${presets.map((amount, index) =>
          renderRadio('amount-option', index, current, label(amount), () => choose(amount)),
        )}
      </div>
      <label part="label" class="label" id="custom-amount-label" for="custom-amount">${localize.term('amount.other')}</label>
      <div class="affixed ${before ? 'sign-before' : 'sign-after'}">
        ${before ? affix : nothing}
        <input part="input custom-amount" id="custom-amount" class="input" type="text" inputmode="decimal" autocomplete="transaction-amount"
          aria-labelledby="custom-amount-label custom-amount-currency" enterkeyhint="next"
          .value=${customAmount} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy('amount-limits', 'custom-amount', error)}
          @input=${onInput} @keydown=${onKeyDown} />
        ${before ? nothing : affix}
      </div>
      <span class="hint" id="amount-limits">${limits}</span>
      ${renderError('custom-amount-error', error)}
    </div>
  `;
}

/**
 * The fee cover: MIRA's own heading ("Be More Extraordinary"), then two choices that say plainly what
 * they do ("Add $1.44 so MIRA receives the full $50", "No, thanks"), drawn alike (`even`) so that the
 * decline weighs no more than the accept. The figures are the form's, once there is a gift it can take.
 */
export function renderFeeCover(
  localize: LocalizeController,
  figures: Pick<FormState, 'gift' | 'feeIfCovered' | 'currency'>,
  coverFee: boolean,
  keys: RadioGroupController,
  choose: (coverFee: boolean) => void,
): TemplateResult {
  const { gift, feeIfCovered: fee, currency } = figures;
  const money = (minor: number) => localize.money(minor, currency, { trimWhole: true });
  const cover = gift === undefined || fee === undefined ? localize.term('fee.coverPending') : localize.term('fee.cover', { fee: money(fee), gift: money(gift) });
  const current = coverFee ? 0 : 1;
  return html`
    <div class="group">
      <h3 class="legend" id="fee-legend">${localize.term('fee.legend')}</h3>
      <div part="fee-cover" class="options stacked even" role="radiogroup" aria-labelledby="fee-legend" @keydown=${keys.handleKeyDown}>
        ${renderRadio('fee-option', 0, current, cover, () => choose(true))}
        ${renderRadio('fee-option', 1, current, localize.term('fee.decline'), () => choose(false))}
      </div>
    </div>
  `;
}
