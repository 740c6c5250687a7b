/**
 * "Email me a link to my gift": on the page without a token, and in place of a link that has expired
 * or does not verify (saying which). It always answers the same, whether or not the email has a gift.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../controllers/localize.js';
import { renderField } from '../../templates/field.js';

export type LinkProblem = 'link_expired' | 'link_invalid';

export interface LinkView {
  problem?: LinkProblem;
  email: string;
  error?: string;
  busy: boolean;
  sent: boolean;
  input: (event: InputEvent) => void;
  send: (event: SubmitEvent) => void;
}

export function renderLinkRequest(localize: LocalizeController, view: LinkView): TemplateResult {
  const t = (key: string) => localize.term(`manage.link.${key}`);
  const heading = view.problem === 'link_expired' ? t('expiredHeading') : view.problem === 'link_invalid' ? t('invalidHeading') : t('heading');
  const intro = view.problem === 'link_expired' ? t('expired') : view.problem === 'link_invalid' ? t('invalid') : t('intro');
  return html`
    <section part="link-request" class="group" aria-labelledby="link-heading">
      <h1 class="title" id="link-heading" tabindex="-1">${heading}</h1>
      <p>${intro}</p>
      <form part="form" class="group" novalidate aria-labelledby="link-heading" @submit=${view.send}>
        <div class="controls" ?inert=${view.busy}>
          ${renderField('link-email', t('email'), view.email, view.input, view.error, { type: 'email', autocomplete: 'email', required: localize.term('form.required') })}
        </div>
        <button part="button" class="submit" id="link-send" type="submit" aria-busy=${view.busy ? 'true' : 'false'} aria-disabled=${view.busy ? 'true' : 'false'}>
          ${view.busy ? html`<span class="spinner" aria-hidden="true"></span>${localize.term('manage.busy')}` : t('send')}
        </button>
      </form>
      <p part="done" class="done" id="link-sent" role="status">${view.sent ? t('sent') : nothing}</p>
    </section>
  `;
}
