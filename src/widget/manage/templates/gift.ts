/** The gift as it is: what is charged and how often, for which campaign, the tribute, the card, the next payment; and the last payments. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ManagedGift } from '../../../core/manage-api.js';
import type { LocalizeController } from '../../controllers/localize.js';
import { campaignName, sayCard, sayDate, sayMoney } from '../words.js';

export function renderGift(localize: LocalizeController, gift: ManagedGift): TemplateResult {
  const t = (key: string, values?: Record<string, unknown>) => localize.term(`manage.${key}`, values);
  const money = (minor: number) => sayMoney(localize, minor, gift.currency);
  const status = gift.status === 'paused' && gift.pausedUntil ? t('gift.status.paused', { date: sayDate(localize, gift.pausedUntil) }) : t(`gift.status.${gift.status}`);
  const row = (label: string, value: string | TemplateResult) => html`<div class="row"><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`
    <section part="gift" class="group" aria-labelledby="gift-heading">
      <h2 class="legend" id="gift-heading">${t('gift.heading')}</h2>
      <p part="gift-status" id="gift-status" class=${gift.status === 'past_due' || gift.status === 'canceled' ? 'notice warning' : 'muted'}>${status}</p>
      <dl class="facts">
        ${row(
          t('gift.amount'),
          html`<span id="gift-amount">${t(`gift.${gift.frequency}`, { total: money(gift.total) })}</span>${gift.coverFee && gift.fee > 0
            ? html`<span class="hint">${t('gift.received', { gift: money(gift.gift), fee: money(gift.fee) })}</span>`
            : nothing}`,
        )}
        ${row(t('gift.campaign'), campaignName(localize, gift))}
        ${gift.tribute ? row(t('gift.tribute'), t(`gift.${gift.tribute.kind}`, { name: gift.tribute.name })) : nothing}
        ${row(t('gift.card'), html`<span id="gift-card">${sayCard(localize, gift.card)}</span>`)}
        ${gift.nextPaymentAt && gift.status !== 'canceled' ? row(t('gift.next'), html`<span id="gift-next">${sayDate(localize, gift.nextPaymentAt)}</span>`) : nothing}
      </dl>
    </section>
  `;
}

export function renderPayments(localize: LocalizeController, gift: ManagedGift): TemplateResult {
  const t = (key: string) => localize.term(`manage.payments.${key}`);
  return html`
    <section part="payments" class="group" aria-labelledby="payments-heading">
      <h2 class="legend" id="payments-heading">${t('heading')}</h2>
      ${gift.payments.length
        ? html`<table class="payments" aria-labelledby="payments-heading">
            <thead><tr><th scope="col">${t('date')}</th><th scope="col">${t('amount')}</th><th scope="col">${t('status')}</th></tr></thead>
            <tbody>
              ${gift.payments.map(
                (payment) => html`<tr class=${payment.status}>
                  <td>${sayDate(localize, payment.date)}</td><td>${sayMoney(localize, payment.amount, gift.currency)}</td><td>${t(payment.status)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${t('none')}</p>`}
    </section>
  `;
}
