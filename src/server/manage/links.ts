/**
 * The signed links a donor manages a recurring gift with. A token names one subscription and an
 * expiry, and carries an HMAC-SHA256 over both and the key's id, so changing any part of it (another
 * subscription's id, a later expiry) makes it fail to verify. Keys come from MANAGE_LINK_KEYS,
 * `id:base64secret` pairs: the first signs, every one verifies, so a key is rotated by putting a new
 * one first and removing the old one once its links have run out.
 *
 * The token rides in the page URL's fragment (`/manage#<token>`), which browsers never send to a
 * server, never put in a Referer, and which therefore never reaches a log.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';

export interface LinkKey {
  id: string;
  secret: Buffer;
}

/** How long a link works: the one in a receipt outlives a month's wait for the next; a mailed one is for now. */
export const LINK_LIFETIME = {
  receipt: 60 * 24 * 60 * 60 * 1000,
  mailed: 24 * 60 * 60 * 1000,
} as const;

export type LinkCheck = { ok: true; subscription: string; expiresAt: Date } | { ok: false; code: 'link_invalid' | 'link_expired' };

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const SUBSCRIPTION = /^sub_[A-Za-z0-9_]{1,200}$/;
const MIN_SECRET_BYTES = 32;
const MAC_BYTES = 32;

/**
 * `k2:base64secret,k1:oldsecret` → keys, or the problems with it (never echoing a secret).
 * Each secret is at least 32 bytes once decoded (`openssl rand -base64 32` makes one).
 */
export function parseLinkKeys(value: string): { keys: LinkKey[]; problems: string[] } {
  const keys: LinkKey[] = [];
  const problems: string[] = [];
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  if (!entries.length) problems.push('MANAGE_LINK_KEYS is empty: give at least one key as id:base64secret');
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const encoded = colon > 0 ? entry.slice(colon + 1) : '';
    if (!KEY_ID.test(id)) {
      problems.push(`MANAGE_LINK_KEYS entry ${i + 1} must be id:base64secret, its id letters, digits, - or _ (at most 16)`);
      continue;
    }
    const secret = /^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (secret.length < MIN_SECRET_BYTES) {
      problems.push(`MANAGE_LINK_KEYS key ${id} must be at least ${MIN_SECRET_BYTES} random bytes in base64, like the output of: openssl rand -base64 32`);
      continue;
    }
    if (keys.some((k) => k.id === id)) {
      problems.push(`MANAGE_LINK_KEYS names key ${id} twice`);
      continue;
    }
    keys.push({ id, secret });
  }
  return { keys, problems };
}

/** Demo mode's key: new at every start, like its other secrets, so nobody else can sign its links. */
export function randomLinkKey(): LinkKey {
  return { id: 'demo', secret: randomBytes(MIN_SECRET_BYTES) };
}

export class ManageLinks {
  /**
   * `baseUrl`: where the endpoint's pages are (PUBLIC_URL; the listen address in demo mode).
   * `now` is for tests of expiry.
   */
  constructor(
    private readonly keys: readonly LinkKey[],
    private readonly baseUrl: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!keys.length) throw new Error('ManageLinks needs at least one key');
  }

  /** A token for one subscription, signed with the first key, good for `lifetimeMs`. */
  sign(subscription: string, lifetimeMs: number): string {
    if (!SUBSCRIPTION.test(subscription)) throw new Error('not a subscription id');
    const key = this.keys[0]!;
    const expires = Math.floor((this.now() + lifetimeMs) / 1000);
    const payload = `${VERSION}.${key.id}.${subscription}.${expires}`;
    return `${payload}.${mac(key.secret, payload).toString('base64url')}`;
  }

  /** The page a token opens; `card` sends the donor straight to updating the card. */
  url(subscription: string, lifetimeMs: number, options: { card?: boolean } = {}): string {
    return `${this.baseUrl.replace(/\/$/, '')}/manage#${this.sign(subscription, lifetimeMs)}${options.card ? '&card' : ''}`;
  }

  /** Checks a token: the signature first (in constant time), then the expiry of a genuine one. */
  verify(token: string | undefined): LinkCheck {
    const invalid = { ok: false, code: 'link_invalid' } as const;
    if (!token || token.length > 400) return invalid;
    const parts = token.split('.');
    if (parts.length !== 5) return invalid;
    const [version, keyId, subscription, expires, signature] = parts as [string, string, string, string, string];
    if (version !== VERSION || !SUBSCRIPTION.test(subscription) || !/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]+$/.test(signature)) return invalid;
    const key = this.keys.find((k) => k.id === keyId);
    if (!key) return invalid;
    const given = Buffer.from(signature, 'base64url');
    const expected = mac(key.secret, `${version}.${keyId}.${subscription}.${expires}`);
    if (given.length !== MAC_BYTES || !timingSafeEqual(given, expected)) return invalid;
    const expiresAt = new Date(Number(expires) * 1000);
    if (expiresAt.getTime() <= this.now()) return { ok: false, code: 'link_expired' };
    return { ok: true, subscription, expiresAt };
  }
}

function mac(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** The endpoint's links, pointing at PUBLIC_URL, or in demo mode at the address it listens on. */
export function manageLinksFor(config: Pick<Config, 'manage' | 'publicUrl' | 'ownOrigins'>): ManageLinks {
  return new ManageLinks(config.manage.linkKeys, config.publicUrl ?? config.ownOrigins[0] ?? 'http://127.0.0.1');
}
