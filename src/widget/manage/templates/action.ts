/**
 * One section of the page that changes the gift: its heading, its controls, its button, and below
 * them what came of the last press (a confirmation, or an error as an alert). While any change is
 * under way every control on the page is inert but the pressed button, which stays focusable and
 * says it is busy (aria-disabled, so focus is never lost to the page).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../controllers/localize.js';

export type Section = 'change' | 'card' | 'pause' | 'cancel';

export interface ActionView {
  /** The change under way, if any. */
  busy?: Section;
  /** What came of this section's last press. */
  done?: string;
  error?: { message: string; retry?: () => void };
}

export interface ActionButton {
  label: string;
  press: () => void;
  /** The id of what the button's press will do, read with it. */
  described?: string;
  /** A second, lesser button beside it. */
  secondary?: { label: string; press: () => void; id: string };
  id?: string;
}

export function renderAction(localize: LocalizeController, section: Section, view: ActionView, controls: TemplateResult | typeof nothing, button: ActionButton): TemplateResult {
  const busy = view.busy === section;
  const press = (go: () => void) => () => {
    if (!view.busy) go();
  };
  return html`
    <section part="section ${section}" class="group section" aria-labelledby="${section}-heading" ?inert=${!!view.busy && !busy}>
      <h2 class="legend" id="${section}-heading" tabindex="-1">${localize.term(`manage.${section}.heading`)}</h2>
      <div class="controls" ?inert=${busy}>${controls}</div>
      <div class="buttons">
        <button part="button" class="submit" id=${button.id ?? `${section}-save`} type="button" aria-busy=${busy ? 'true' : 'false'} aria-disabled=${busy ? 'true' : 'false'}
          aria-describedby=${button.described ?? nothing} @click=${press(button.press)}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>${localize.term('manage.busy')}` : button.label}
        </button>
        ${button.secondary && !busy
          ? html`<button part="button secondary" class="secondary" id=${button.secondary.id} type="button" @click=${press(button.secondary.press)}>${button.secondary.label}</button>`
          : nothing}
      </div>
      ${view.done ? html`<p part="done" class="done" id="${section}-done">${view.done}</p>` : nothing}
      ${view.error
        ? html`<div part="error" class="error payment-error" role="alert" id="${section}-error">
            <p>${view.error.message}</p>
            ${view.error.retry ? html`<button type="button" class="secondary" id="${section}-retry" @click=${press(view.error.retry)}>${localize.term('manage.retry')}</button>` : nothing}
          </div>`
        : nothing}
    </section>
  `;
}
