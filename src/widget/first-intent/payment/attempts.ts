/**
 * One `Idempotency-Key` per donation attempt. The key is kept in sessionStorage under a hash of the
 * request body, so a double click, a retry after a network failure or a reload mid-way sends the
 * same key (and the endpoint answers with the same payment instead of a second one), while a changed
 * request or a definite decline starts a new attempt.
 */
import { readItem, removeItem, writeItem } from './session-store.js';

const PREFIX = 'mira-donate:attempt:';

/** JSON with object keys sorted, so the same request always gives the same body and the same hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** The key for this body: the pending one if this exact request was tried before, else a new one. */
export function attemptKey(body: string): string {
  const slot = PREFIX + hash(body);
  const pending = readItem(slot);
  if (pending) return pending;
  const key = uuid();
  writeItem(slot, key);
  return key;
}

/** The attempt is settled (paid, declined or rejected): the next try of this request is a new one. */
export function forgetAttempt(body: string): void {
  removeItem(PREFIX + hash(body));
}

/**
 * cyrb53: a fast 53-bit string hash. Synchronous on purpose: `pay()` must reach `elements.submit()`
 * without awaiting (wallets need the click's user activation), and crypto.subtle is async and
 * missing on plain-http pages. It only names a storage slot; nothing secret depends on it.
 */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** crypto.randomUUID only exists in secure contexts; host pages are not always one. */
function uuid(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
