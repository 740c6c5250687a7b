/** After the gift: thanks in the donor's language, with what was given, how often, and for whom. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Tribute } from '../../core/donation.js';
import type { LocalizeController } from '../controllers/localize.js';
import { completeDetail, type DonateCompleteDetail } from '../events.js';
import type { PaymentSuccess } from '../payment/outcome.js';

/** The gift's figures (minor units), as the complete event tells them, and whom to thank. */
export interface Thanks extends DonateCompleteDetail {
  /** `processing`: accepted, the money is on its way (bank debits take days). */
  status: 'succeeded' | 'processing';
  /** From the donor's request; unknown after a return in a tab that no longer holds it. */
  name?: string;
  email?: string;
  tribute?: Pick<Tribute, 'kind' | 'name'>;
}

/** What the thanks say, from the payment's outcome and, when this tab still has it, the donor's request. */
export function thanksFor({ status, donation, request }: PaymentSuccess): Thanks {
  return {
    status,
    ...completeDetail(donation),
    ...(request ? { name: request.donor.name, email: request.donor.email } : {}),
    ...(request?.tribute ? { tribute: { kind: request.tribute.kind, name: request.tribute.name } } : {}),
  };
}

export function renderThankYou(localize: LocalizeController, thanks: Thanks): TemplateResult {
  const t = (key: string, options?: Record<string, unknown>) => localize.term(key, options);
  const amount = t(`amount.${thanks.frequency}`, { amount: localize.money(thanks.gift, thanks.currency, { trimWhole: true }) });
  const gift = thanks.tribute
    ? t(`thanks.gift_${thanks.tribute.kind}`, { amount, name: thanks.tribute.name })
    : t('thanks.gift', { amount });
  return html`
    <section part="thank-you" id="thank-you" class="thank-you" tabindex="-1" aria-labelledby="thank-you-title" aria-describedby="thank-you-gift">
      <h2 id="thank-you-title" class="thank-you-title">${thanks.name ? t('thanks.title', { name: firstName(thanks.name) }) : t('thanks.titleNoName')}</h2>
      <p id="thank-you-gift">${gift}</p>
      ${thanks.fee > 0 ? html`<p>${t('thanks.fee', { fee: localize.money(thanks.fee, thanks.currency) })}</p>` : nothing}
      ${thanks.status === 'processing' ? html`<p>${t('thanks.processing')}</p>` : nothing}
      ${thanks.email ? html`<p class="hint">${t('thanks.receipt', { email: thanks.email })}</p>` : nothing}
    </section>
  `;
}

/** "Ana Souza" → "Ana": thanks read warmer by first name. */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
