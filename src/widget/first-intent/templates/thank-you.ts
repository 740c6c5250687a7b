/** After the gift: thanks in the donor's language, with what was given, how often, for whom, and what was charged. */
import type { TemplateResult } from 'lit';
import type { LocalizeController } from '../../controllers/localize.js';
import { html, nothing } from '../html.js';
import type { PaymentSuccess } from '../payment/outcome.js';

/**
 * The gift's figures (minor units) from the endpoint's answer, as the complete event tells them, and
 * whom to thank from the donor's request when this tab still holds it (not after a return in a tab
 * that no longer does). `processing`: accepted, the money is on its way (bank debits take days).
 */
export function renderThankYou(localize: LocalizeController, { status, donation, request }: PaymentSuccess): TemplateResult {
  const t = (key: string, options?: Record<string, unknown>) => localize.term(key, options);
  const { gift, fee, total, currency, frequency } = donation;
  const name = request?.donor.name;
  const email = request?.donor.email;
  const tribute = request?.tribute;
  const amount = t(`amount.${frequency}`, { amount: localize.money(gift, currency, { trimWhole: true }) });
  const given = tribute ? t(`thanks.gift_${tribute.kind}`, { amount, name: tribute.name }) : t('thanks.gift', { amount });
  return html`
    <section part="thank-you" id="thank-you" class="thank-you" tabindex="-1" aria-labelledby="thank-you-title" aria-describedby="thank-you-gift thank-you-charged">
      <h2 id="thank-you-title" class="thank-you-title">${name ? t('thanks.title', { name: firstName(name) }) : t('thanks.titleNoName')}</h2>
      <p id="thank-you-gift">${given}</p>
      <p id="thank-you-charged">${t(`thanks.charged_${frequency}`, { total: localize.money(total, currency) })}</p>
      ${fee > 0 ? html`<p>${t('thanks.fee', { fee: localize.money(fee, currency) })}</p>` : nothing}
      ${status === 'processing' ? html`<p>${t('thanks.processing')}</p>` : nothing}
      ${email ? html`<p class="hint">${t('thanks.receipt', { email })}</p>` : nothing}
    </section>
  `;
}

/** "Ana Souza" → "Ana": thanks read warmer by first name. */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
