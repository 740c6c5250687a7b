/** Signed manage links: what a reader could change in one, and what rotating the keys keeps working. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config.js';
import { LINK_LIFETIME, ManageLinks, parseLinkKeys } from '../../../src/server/manage/links.js';

const key = (id: string) => ({ id, secret: randomBytes(32) });
const DAY = 24 * 60 * 60 * 1000;

describe('a manage link', () => {
  const k1 = key('k1');
  const links = new ManageLinks([k1], 'https://give.example.org');

  it('names its subscription and verifies until it expires', () => {
    const token = links.sign('sub_abc123', LINK_LIFETIME.receipt);
    const check = links.verify(token);
    expect(check).toMatchObject({ ok: true, subscription: 'sub_abc123' });
    expect(check.ok && check.expiresAt.getTime()).toBeGreaterThan(Date.now() + 59 * DAY);
  });

  it('opens the manage page with the token in the fragment, and can go straight to the card', () => {
    expect(links.url('sub_abc123', DAY)).toMatch(/^https:\/\/give\.example\.org\/manage#v1\.k1\.sub_abc123\.\d+\.[A-Za-z0-9_-]+$/);
    expect(links.url('sub_abc123', DAY, { card: true })).toMatch(/&card$/);
  });

  it('is refused once expired, and says so', () => {
    let now = Date.now();
    const clock = new ManageLinks([k1], 'https://give.example.org', () => now);
    const token = clock.sign('sub_abc123', LINK_LIFETIME.mailed);
    now += LINK_LIFETIME.mailed - 1000;
    expect(clock.verify(token).ok).toBe(true);
    now += 2000;
    expect(clock.verify(token)).toEqual({ ok: false, code: 'link_expired' });
  });

  it('refuses any part changed: another subscription, a later expiry, another key id, the signature', () => {
    const token = links.sign('sub_abc123', DAY);
    const [v, id, sub, exp, mac] = token.split('.') as [string, string, string, string, string];
    const tampered = [
      [v, id, 'sub_abc124', exp, mac],
      [v, id, sub, String(Number(exp) + 3600), mac],
      [v, 'k2', sub, exp, mac],
      [v, id, sub, exp, mac.slice(0, -2) + (mac.endsWith('AA') ? 'BB' : 'AA')],
      [v, id, sub, exp, mac.slice(0, 20)],
      ['v2', id, sub, exp, mac],
    ].map((parts) => parts.join('.'));
    for (const t of [...tampered, '', 'garbage', `${token}.x`, token.replace(/\./g, '..')]) expect(links.verify(t), t).toEqual({ ok: false, code: 'link_invalid' });
    // An expired token with a forged expiry is invalid, not merely expired.
    expect(links.verify([v, id, sub, '1', mac].join('.'))).toEqual({ ok: false, code: 'link_invalid' });
  });

  it('made with another endpoint\'s key does not verify here', () => {
    const other = new ManageLinks([{ id: 'k1', secret: randomBytes(32) }], 'https://give.example.org');
    expect(links.verify(other.sign('sub_abc123', DAY))).toEqual({ ok: false, code: 'link_invalid' });
  });

  it('keeps working through a key rotation: signed with the first key, verified by every one', () => {
    const k2 = key('k2');
    const before = links.sign('sub_abc123', DAY);
    const rotated = new ManageLinks([k2, k1], 'https://give.example.org');
    const after = rotated.sign('sub_abc123', DAY);
    expect(after.split('.')[1]).toBe('k2');
    expect(rotated.verify(before).ok).toBe(true);
    expect(rotated.verify(after).ok).toBe(true);
    // The old key removed: its links stop working.
    expect(new ManageLinks([k2], 'https://give.example.org').verify(before)).toEqual({ ok: false, code: 'link_invalid' });
  });
});

describe('MANAGE_LINK_KEYS', () => {
  const secret = randomBytes(32).toString('base64');
  const live = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', ORG_LEGAL_NAME: 'X Inc.', ORG_EIN: '12-3456789', ORG_ADDRESS: 'Boston', RECEIPTS: 'off' };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('reads id:base64secret pairs, the first one signing', () => {
    const other = randomBytes(48).toString('base64');
    const { keys, problems: found } = parseLinkKeys(`k2:${secret}, k1:${other}`);
    expect(found).toEqual([]);
    expect(keys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(keys[0]!.secret.equals(Buffer.from(secret, 'base64'))).toBe(true);
    expect(loadConfig({ ...live, MANAGE_LINK_KEYS: `k2:${secret},k1:${other}` }).manage.linkKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('is required with real keys, in one line naming it', () => {
    expect(problems(live)).toEqual([expect.stringMatching(/^MANAGE_LINK_KEYS is missing/)]);
  });

  it('refuses short secrets, bad ids and a key named twice, never echoing a secret', () => {
    const short = randomBytes(16).toString('base64');
    const found = problems({ ...live, MANAGE_LINK_KEYS: `k1:${short},bad id:${secret},k3:${secret},k3:${secret},nocolon` });
    expect(found).toHaveLength(4);
    expect(found.join('\n')).not.toContain(short);
    expect(found.join('\n')).not.toContain(secret);
  });

  it('is made afresh at each start in demo mode', () => {
    const a = loadConfig({}).manage.linkKeys[0]!;
    const b = loadConfig({}).manage.linkKeys[0]!;
    expect(a.secret.length).toBeGreaterThanOrEqual(32);
    expect(a.secret.equals(b.secret)).toBe(false);
  });
});
