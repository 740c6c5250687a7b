/**
 * A page whose site may not take gifts (GET /api/config said so): told at once, instead of the form,
 * with a link to give on MIRA's own page. Loaded with this chunk only on such a page.
 */
import type { TemplateResult } from 'lit';
import type { LocalizeController } from '../../controllers/localize.js';
import { html } from '../html.js';

export function renderGiveElsewhere(localize: LocalizeController, giveUrl: string): TemplateResult {
  return html`
    <section part="give-elsewhere" id="give-elsewhere" class="give-elsewhere" role="status">
      <p>${localize.term('siteNotAllowed.message')}</p>
      <p><a part="give-elsewhere-link" href=${giveUrl}>${localize.term('siteNotAllowed.link')}</a></p>
    </section>
  `;
}
