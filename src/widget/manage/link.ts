/**
 * The manage link's fragment: `#<token>`, or `#<token>&card` to go straight to updating the card (the
 * payment-failed mail's link). The token lives in the fragment so it is never sent to a server with
 * the page, never in a log or a Referer; the element sends it as `Authorization: Bearer`.
 */
export interface ManageLink {
  token?: string;
  /** Open at the card form. */
  card: boolean;
}

export function readLink(hash: string): ManageLink {
  const parts = hash.replace(/^#/, '').split('&').filter(Boolean);
  const flags = new Set(parts.filter((part) => part === 'card'));
  const token = parts.find((part) => part !== 'card' && !part.includes('='));
  return { ...(token ? { token: decodeURIComponent(token) } : {}), card: flags.has('card') };
}
