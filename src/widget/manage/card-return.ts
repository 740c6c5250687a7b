/**
 * A card whose bank sends the donor away to check it (Stripe redirects only then) comes back to the
 * page without its fragment: Stripe is never given the link's token in the return URL. The token
 * waits in this tab's sessionStorage meanwhile, and the page back finishes the update with the
 * SetupIntent Stripe names in the query.
 */
import { readItem, removeItem, writeItem } from '../first-intent/payment/session-store.js';

const SLOT = 'mira-donate-manage:card-return';

export function keepCardReturn(token: string): void {
  writeItem(SLOT, token);
}

/** On the way back from Stripe: the token and the confirmed SetupIntent, the query cleaned from the address. Else undefined. */
export function takeCardReturn(): { token: string; setupIntent?: string } | undefined {
  const query = new URLSearchParams(location.search);
  const setupIntent = query.get('setup_intent') ?? undefined;
  const token = readItem(SLOT);
  removeItem(SLOT);
  if (!setupIntent || !token) return undefined;
  history.replaceState(history.state, '', `${location.pathname}#${token}`);
  return { token, ...(query.get('redirect_status') === 'succeeded' ? { setupIntent } : {}) };
}
