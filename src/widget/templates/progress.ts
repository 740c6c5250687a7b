/** Progress toward the goal: raised, goal, percent and donors, with its space kept while it loads. */
import { html, nothing, type TemplateResult } from 'lit';
import type { CampaignStatus } from '../controllers/campaign.js';
import type { LocalizeController } from '../controllers/localize.js';
import { progressOf } from '../presets.js';

/** Amounts in minor units. */
export interface ProgressFigures {
  goal: number;
  raised: number;
  donors?: number;
}

/**
 * The figures with the gifts made on this page counted at once: never less than `floor`, which is
 * what was shown plus those gifts. Once the endpoint's own figures include them, its figures stand
 * on their own, so a gift is never counted twice.
 */
export function atLeast(figures: ProgressFigures, floor: { raised: number; donors: number } | undefined): ProgressFigures {
  if (!floor) return figures;
  return {
    goal: figures.goal,
    raised: Math.max(figures.raised, floor.raised),
    donors: figures.donors === undefined ? undefined : Math.max(figures.donors, floor.donors),
  };
}

export function renderProgress(
  localize: LocalizeController,
  status: CampaignStatus,
  figures: ProgressFigures | undefined,
  currency: string,
): TemplateResult | typeof nothing {
  if (!figures && status === 'idle') return nothing;
  const t = (key: string, options?: Record<string, unknown>) => localize.term(key, options);
  const label = t('progress.label');
  if (!figures) {
    // The same three rows as the figures, so nothing below moves when they arrive.
    const failed = status === 'failed';
    return html`
      <div part="progress" class="progress" aria-busy=${failed ? 'false' : 'true'}>
        <p class="progress-line"><span class="progress-note">${failed ? t('progress.unavailable') : t('progress.loading')}</span></p>
        <div part="progress-bar" class="bar ${failed ? 'bar-off' : ''}" role=${failed ? nothing : 'progressbar'} aria-label=${failed ? nothing : label}>
          <div part="progress-fill" class="fill"></div>
        </div>
        <p class="progress-line muted">&nbsp;</p>
      </div>
    `;
  }
  const money = (minor: number) => localize.money(minor, currency, { trimWhole: true });
  const percentOf = (share: number) => localize.number(share, { style: 'percent', maximumFractionDigits: 0 });
  const { percent, fill } = progressOf(figures.raised, figures.goal);
  // A little raised is not nothing: under 1% reads "<1%" (and is spoken in words), never "0%".
  const underOne = figures.raised > 0 && percent < 1;
  const one = { percent: percentOf(0.01) };
  const percentText = underOne ? t('progress.underOne', one) : percentOf(percent / 100);
  const raised = money(figures.raised);
  const goal = money(figures.goal);
  const donors = figures.donors === undefined ? '' : t('progress.donors', { count: figures.donors, formatted: localize.number(figures.donors) });
  const spoken = t('progress.valueText', { raised, goal, percent: underOne ? t('progress.underOneSpoken', one) : percentText });
  // The fill's width goes through the style property (CSSOM), as styleMap would, without the directive's
  // weight. Whatever was raised shows as at least a sliver, however far the goal.
  return html`
    <div part="progress" class="progress" aria-busy="false">
      <p class="progress-line"><strong>${t('progress.raised', { raised })}</strong><span>${percentText}</span></p>
      <div part="progress-bar" class="bar" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${underOne ? fill : Math.min(100, percent)} aria-valuetext=${spoken}>
        <div part="progress-fill" class="fill" .style=${`inline-size:${figures.raised > 0 ? `max(.5rem,${fill}%)` : 0}`}></div>
      </div>
      <p class="progress-line muted"><span>${t('progress.goal', { goal })}</span><span>${donors}</span></p>
    </div>
  `;
}
