/**
 * Where the console lives, as passkeys see it: the relying party's ID is a domain name (never an IP
 * address) and every ceremony is bound to one origin. That is PUBLIC_URL's; without it, the listen
 * address as `localhost` (the demo's own, or an operator's SSH tunnel to the server's port).
 */
import { isIP } from 'node:net';
import type { Config } from '../config.js';

export interface RelyingParty {
  /** `https://donate.example.org`: the one origin pages, forms and passkeys are accepted from. */
  origin: string;
  /** The origin's host name: what a passkey is made for. */
  rpID: string;
  rpName: string;
}

export function relyingParty(config: Pick<Config, 'ownOrigins' | 'port'>): RelyingParty {
  const named = config.ownOrigins.find((origin) => !isIP(new URL(origin).hostname.replace(/^\[|\]$/g, '')));
  const origin = named ?? `http://localhost:${config.port}`;
  return { origin, rpID: new URL(origin).hostname, rpName: 'MIRA donations console' };
}
