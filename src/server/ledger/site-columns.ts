/**
 * Where a gift came from: `donations.origin` (the page's origin) and `donations.source` (the
 * element's `source` attribute), kept since the member sites' migration ('2026-12-20-030-sites').
 */
/** A site as the console shows it: the page's origin, and the member's `source` when it gave one. */
export interface GiftSite {
  origin: string | null;
  source: string | null;
}

/** "https://cosecha.org · cosecha", for lists and exports. */
export function siteLabel(site: GiftSite): string {
  return [site.origin, site.source].filter(Boolean).join(' · ');
}
