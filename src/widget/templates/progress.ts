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
  const progress = progressOf(figures, currency);
  const goal = money(figures.goal);
  if (progress.goalOnly) {
    // The goal alone, as an invitation; the same three rows, so nothing below moves when it arrives.
    return html`
      <div part="progress" class="progress" aria-busy="false">
        <p class="progress-line"><strong>${t('progress.goalOnly', { goal })}</strong></p>
        <div part="progress-bar" class="bar bar-off"><div part="progress-fill" class="fill"></div></div>
        <p class="progress-line muted">${t('progress.firstGifts')}</p>
      </div>
    `;
  }
  const percentText = localize.number(progress.percent / 100, { style: 'percent', maximumFractionDigits: 0 });
  const raised = money(progress.raised);
  const donors = progress.donors === undefined ? '' : t('progress.donors', { count: progress.donors, formatted: localize.number(progress.donors) });
  const spoken = t('progress.valueText', { raised, goal, percent: percentText });
  // The fill's width goes through the style property (CSSOM), as styleMap would, without the directive's weight.
  // From 1% of the goal it shows at least as a sliver, however wide the bar.
  return html`
    <div part="progress" class="progress" aria-busy="false">
      <p class="progress-line"><strong>${t('progress.raised', { raised })}</strong><span>${percentText}</span></p>
      <div part="progress-bar" class="bar" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${Math.min(100, progress.percent)} aria-valuetext=${spoken}>
        <div part="progress-fill" class="fill" .style=${`inline-size:max(.5rem,${progress.fill}%)`}></div>
      </div>
      <p class="progress-line muted"><span>${t('progress.goal', { goal })}</span><span>${donors}</span></p>
    </div>
  `;
}
