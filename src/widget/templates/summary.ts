/** Before the button: what is charged, how often and what MIRA receives; the mode notice; the button itself. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Mode } from '../../core/api.js';
import type { LocalizeController } from '../controllers/localize.js';
import type { FormState } from '../form-state.js';

/** What the donor is about to give, in minor units (from the form's state); undefined while there is no gift the form can take. */
export type Totals = Pick<FormState, 'frequency' | 'currency' | 'gift' | 'total'>;

/** Whole amounts without cents, as the presets show them: "$50", "$51.44". */
const money = (localize: LocalizeController, minor: number, currency: string) => localize.money(minor, currency, { trimWhole: true });

/** What is charged, how often and what MIRA receives, in words. */
export function summaryText(localize: LocalizeController, totals: Totals): string {
  const { gift, total, currency, frequency } = totals;
  if (gift === undefined || total === undefined) return localize.term('summary.empty');
  return localize.term(`summary.${frequency}`, { total: money(localize, total, currency), gift: money(localize, gift, currency) });
}

/**
 * The summary, and beside it the polite live region that says it again when it changes
 * (`announced`, from controllers/announce.ts: once the donor pauses, not at every key).
 */
export function renderSummary(localize: LocalizeController, totals: Totals, announced: string): TemplateResult {
  return html`<p part="summary" class="summary">${summaryText(localize, totals)}</p>
    <p id="summary-announcement" class="visually-hidden" aria-live="polite">${announced}</p>`;
}

/** Demo and test mode say plainly that no real payment is taken; live mode says nothing. */
export function renderModeNotice(localize: LocalizeController, mode: Mode | undefined): TemplateResult | typeof nothing {
  if (mode !== 'demo' && mode !== 'test') return nothing;
  return html`<p part="mode-notice" id="mode-notice" class="notice">${localize.term(`form.${mode}`)}</p>`;
}

/**
 * The Donate button. While a payment is under way it stays focusable (so focus is not lost) but
 * says it is busy, and presses do nothing: aria-disabled rather than disabled. Hovering it is the
 * donor's first intent (`onFirstIntent`); focusing it already is one through the form's focusin.
 */
export function renderSubmit(localize: LocalizeController, totals: Totals, busy: boolean, onFirstIntent: () => void): TemplateResult {
  const { total, currency, frequency } = totals;
  const label = busy
    ? localize.term('submit.busy')
    : total === undefined
      ? localize.term('submit.empty')
      : localize.term(`submit.${frequency}`, { total: money(localize, total, currency) });
  return html`<button part="submit-button" id="donate" class="submit" type="submit" aria-busy=${busy ? 'true' : 'false'}
    aria-disabled=${busy ? 'true' : 'false'} @pointerenter=${onFirstIntent}>
    ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${label}
  </button>`;
}

/** Why a payment did not go through, in the donor's language, and for a refused card what to do next. */
export interface PaymentErrorWords {
  message: string;
  hint?: string | false;
}

/** A payment that did not go through: what happened, then what to do; everything typed is kept. */
export function renderPaymentError(error: PaymentErrorWords | undefined): TemplateResult | typeof nothing {
  // An alert is announced as it is added (the hint with it), and moves nothing while there is none.
  return error
    ? html`<p part="error payment-error" class="error payment-error" role="alert"><span id="payment-error">${error.message}</span> ${error.hint || nothing}</p>`
    : nothing;
}
