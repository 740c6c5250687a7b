/**
 * A gift made on this page counts at once in the progress bar, on top of the figures shown (the
 * endpoint's or the static ones), and the endpoint is asked again until its own figures include it.
 * Only a donor who has just given gets here, so this comes with the first-intent chunk.
 */
import type { CampaignController } from '../controllers/campaign.js';

/** Ask again at once, then while the webhook may still be on its way. */
const REFRESH_AFTER_GIFT_MS = [0, 2_000, 5_000, 10_000];

/** The element re-renders with the thanks, the floor counted in (templates/progress.ts, atLeast). */
export function countGift(data: CampaignController, gift: number, shown: { raised: number; donors?: number } | undefined): void {
  const base = data.floor ?? { raised: shown?.raised ?? 0, donors: shown?.donors ?? 0 };
  data.floor = { raised: Math.max(base.raised, shown?.raised ?? 0) + gift, donors: Math.max(base.donors, shown?.donors ?? 0) + 1 };
  data.refreshTimers.forEach(clearTimeout);
  data.refreshTimers = REFRESH_AFTER_GIFT_MS.map((delay) => setTimeout(() => data.refresh(), delay));
}
