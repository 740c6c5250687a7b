/** Configuration is checked once at start and every problem is named. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { PROJECT_ROOT } from '../../src/server/server.js';

/** Who receipts come from: required with real keys (see "the organization receipts come from" below). */
const manage = { MANAGE_LINK_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, PUBLIC_URL: 'https://give.example.org' };
// With them, the key manage links are signed with and where their page is (MANAGE_LINK_KEYS, PUBLIC_URL).
const organization = { ORG_LEGAL_NAME: 'Example Coalition Inc.', ORG_EIN: '12-3456789', ORG_ADDRESS: '1 Main Street, Boston, MA 02111', ...manage };
const keys = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', ...organization, RECEIPTS: 'off' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('starts in demo mode with nothing set, with the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      mode: 'demo',
      databaseUrl: 'sqlite:./data/mira-donate.db',
      feeRates: { basisPoints: 220, fixed: 30 },
      minimum: 500,
      maximum: 10_000_000,
      port: 8787,
      host: '127.0.0.1',
      currencies: ['USD'],
      allowedOrigins: [],
    });
  });

  it('takes the mode from the secret key', () => {
    expect(loadConfig(keys).mode).toBe('test');
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_PUBLISHABLE_KEY: 'pk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', ...organization, RECEIPTS: 'off' }).mode).toBe('live');
  });

  it('reads fees, limits, origins, port and database', () => {
    const config = loadConfig({
      ...keys,
      FEE_PERCENT: '2.9',
      FEE_FIXED: '0.30',
      MIN_GIFT: '1',
      MAX_GIFT: '25000',
      ALLOWED_ORIGINS: 'https://miracoalition.org, https://member.example:8443',
      PORT: '9000',
      DATABASE_URL: 'postgres://u@db.example/mira',
    });
    expect(config).toMatchObject({
      feeRates: { basisPoints: 290, fixed: 30 },
      minimum: 100,
      maximum: 2_500_000,
      allowedOrigins: ['https://miracoalition.org', 'https://member.example:8443'],
      port: 9000,
      databaseUrl: 'postgres://u@db.example/mira',
    });
  });

  it('refuses demo mode under NODE_ENV=production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/STRIPE_SECRET_KEY is missing.*production/)]);
  });

  it('refuses a live secret key with a test publishable key, and the reverse', () => {
    expect(problemsOf({ ...keys, STRIPE_SECRET_KEY: 'sk_live_abc' })).toEqual([expect.stringMatching(/STRIPE_PUBLISHABLE_KEY is a test key but STRIPE_SECRET_KEY is a live key/)]);
    expect(problemsOf({ ...keys, STRIPE_PUBLISHABLE_KEY: 'pk_live_abc' })).toEqual([expect.stringMatching(/STRIPE_PUBLISHABLE_KEY is a live key but STRIPE_SECRET_KEY is a test key/)]);
  });

  it('names every missing or malformed setting at once', () => {
    const problems = problemsOf({
      STRIPE_SECRET_KEY: 'sk_test_abc',
      FEE_PERCENT: 'two',
      FEE_FIXED: '-1',
      MIN_GIFT: '0',
      MAX_GIFT: '1e9',
      PORT: '70000',
      ALLOWED_ORIGINS: 'miracoalition.org',
      DATABASE_URL: 'mysql://db/mira',
      RATE_LIMIT_PER_EMAIL: '0',
    });
    for (const name of ['STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET', 'FEE_PERCENT', 'FEE_FIXED', 'MIN_GIFT', 'MAX_GIFT', 'PORT', 'ALLOWED_ORIGINS', 'DATABASE_URL', 'RATE_LIMIT_PER_EMAIL']) {
      expect(problems.some((p) => p.startsWith(name)), name).toBe(true);
    }
  });

  it('refuses a minimum above the maximum, a malformed key, and a live key pointed at a stand-in', () => {
    expect(problemsOf({ MIN_GIFT: '500', MAX_GIFT: '100' })).toEqual([expect.stringMatching(/MIN_GIFT .* above MAX_GIFT/)]);
    expect(problemsOf({ ...keys, STRIPE_SECRET_KEY: 'pk_test_oops' })).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY must start with/)]);
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_live_a', STRIPE_PUBLISHABLE_KEY: 'pk_live_a', STRIPE_WEBHOOK_SECRET: 'whsec_a', STRIPE_API_URL: 'http://127.0.0.1:12111', ...organization, RECEIPTS: 'off' })).toEqual([
      expect.stringMatching(/STRIPE_API_URL .* never a live key/),
    ]);
  });

  it('refuses a publishable key or webhook secret without a secret key rather than guessing', () => {
    expect(problemsOf({ STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' })).toEqual([expect.stringMatching(/STRIPE_SECRET_KEY is missing/)]);
  });

  it('refuses demo mode under NODE_ENV=production however it is written', () => {
    for (const NODE_ENV of ['Production', ' PRODUCTION ', 'PRODUCTION']) {
      expect(problemsOf({ NODE_ENV }), NODE_ENV).toEqual([expect.stringMatching(/STRIPE_SECRET_KEY is missing.*production/)]);
    }
  });
});

describe('TRUST_PROXY', () => {
  it("names the proxies' addresses, CIDR ranges or Express's names", () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustedProxies).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,fd00::/8,uniquelocal' }).trustedProxies).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', 'uniquelocal']);
  });

  it('trusts nobody when unset or 0', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustedProxies).toEqual([]);
  });

  it('refuses a hop count, which anyone reaching the endpoint directly could spoof, and says what to write instead', () => {
    for (const TRUST_PROXY of ['1', '2', 'true']) {
      const problems = problemsOf({ TRUST_PROXY });
      expect(problems, TRUST_PROXY).toEqual([expect.stringMatching(/^TRUST_PROXY=.*name the proxies. addresses/)]);
      expect(problems[0]).toMatch(/TRUST_PROXY=127\.0\.0\.1/);
      expect(problems[0]).toMatch(/0 or unset/);
    }
  });

  it('names an entry that is not an address or range', () => {
    expect(problemsOf({ TRUST_PROXY: 'loopback,proxy.internal' })).toEqual([expect.stringMatching(/^TRUST_PROXY .*proxy\.internal/)]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33' })).toEqual([expect.stringMatching(/^TRUST_PROXY .*10\.0\.0\.0\/33/)]);
  });
});

describe('PUBLIC_URL', () => {
  it("is the origin of the endpoint's own pages", () => {
    expect(loadConfig({ ...keys, PUBLIC_URL: 'https://give.miracoalition.org/' }).ownOrigins).toEqual(['https://give.miracoalition.org']);
    const { PUBLIC_URL: _unset, ...withoutPublicUrl } = keys;
    expect(loadConfig(withoutPublicUrl).ownOrigins).toEqual([]);
  });

  it('refuses anything but an origin', () => {
    for (const PUBLIC_URL of ['give.miracoalition.org', 'https://give.miracoalition.org/donate', 'ftp://give.example']) {
      expect(problemsOf({ ...keys, PUBLIC_URL }), PUBLIC_URL).toEqual([expect.stringMatching(/^PUBLIC_URL /)]);
    }
  });
});

describe('demo mode listens on loopback only', () => {
  it('takes loopback addresses as they are', () => {
    for (const HOST of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(loadConfig({ HOST }).host, HOST).toBe(HOST);
  });

  it('refuses any other address unless DEMO_LISTEN_PUBLIC=yes says so', () => {
    for (const HOST of ['0.0.0.0', '::', '192.0.2.10', 'donate.example']) {
      expect(problemsOf({ HOST }), HOST).toEqual([expect.stringMatching(/^HOST=.* DEMO_LISTEN_PUBLIC=yes/)]);
    }
    expect(loadConfig({ HOST: '0.0.0.0', DEMO_LISTEN_PUBLIC: 'yes' })).toMatchObject({ host: '0.0.0.0', demoListenPublic: true });
    expect(problemsOf({ HOST: '0.0.0.0', DEMO_LISTEN_PUBLIC: 'true' })).toEqual([expect.stringMatching(/^DEMO_LISTEN_PUBLIC /)]);
  });

  it('leaves live and test mode free to listen anywhere', () => {
    expect(loadConfig({ ...keys, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it("lets the operator's commands run beside a live endpoint's HOST=0.0.0.0", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mira-cli-host-'));
    try {
      const env = { PATH: process.env.PATH ?? '', ...keys, HOST: '0.0.0.0', DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}` };
      const totals = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server/cli.ts'), 'totals'], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 20_000 });
      expect(totals.stderr).toBe('');
      expect(totals.status).toBe(0);
      expect(totals.stdout).toMatch(/mira\s+\$0\.00/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the organization receipts come from (ORG_*)', () => {
  const live = { STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_PUBLISHABLE_KEY: 'pk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', RECEIPTS: 'off' };

  it('is read from the environment, the address as written and the website optional', () => {
    expect(loadConfig(keys).organization).toEqual({ legalName: 'Example Coalition Inc.', ein: '12-3456789', address: '1 Main Street, Boston, MA 02111' });
    expect(loadConfig({ ...keys, ORG_WEBSITE: 'https://example.org' }).organization.website).toBe('https://example.org');
  });

  it("is MIRA's in demo mode, with an EIN that says it is a demo's", () => {
    const { organization: demo } = loadConfig({});
    expect(demo.legalName).toBe('Massachusetts Immigrant and Refugee Advocacy Coalition');
    expect(demo.ein).toMatch(/^00-0000000 \(demo\)$/);
    expect(demo.address).toMatch(/demo/);
    // What an operator sets is used, and checked, in demo mode too.
    expect(loadConfig({ ORG_EIN: '12-3456789' }).organization.ein).toBe('12-3456789');
    expect(problemsOf({ ORG_EIN: '123456789' })).toEqual([expect.stringMatching(/^ORG_EIN /)]);
  });

  it('names each missing one with real keys, test or live', () => {
    for (const env of [{ ...keys, ORG_LEGAL_NAME: '', ORG_EIN: '', ORG_ADDRESS: ' ' }, live]) {
      const problems = problemsOf(env);
      for (const name of ['ORG_LEGAL_NAME', 'ORG_EIN', 'ORG_ADDRESS']) expect(problems.some((p) => p.startsWith(`${name} is missing`)), name).toBe(true);
      expect(problems.some((p) => p.startsWith('ORG_WEBSITE'))).toBe(false);
    }
  });

  it('checks the EIN is written NN-NNNNNNN, and refuses the demo placeholder with a live key', () => {
    for (const ORG_EIN of ['123456789', '12-345678', '12 3456789', 'EIN 12-3456789', '1a-3456789']) {
      expect(problemsOf({ ...keys, ORG_EIN }), ORG_EIN).toEqual([expect.stringMatching(/^ORG_EIN must be .*12-3456789/)]);
    }
    expect(problemsOf({ ...live, ...organization, ORG_EIN: '00-0000000' })).toEqual([expect.stringMatching(/^ORG_EIN .*demo/)]);
  });

  it('refuses a website that is not an http(s) address', () => {
    for (const ORG_WEBSITE of ['miracoalition.org', 'javascript:alert(1)', 'ftp://example.org']) {
      expect(problemsOf({ ...keys, ORG_WEBSITE }), ORG_WEBSITE).toEqual([expect.stringMatching(/^ORG_WEBSITE /)]);
    }
  });
});

describe('mail configuration', () => {
  const live = { STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_PUBLISHABLE_KEY: 'pk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' };
  const smtp = { SMTP_URL: 'smtps://receipts%40miracoalition.org:p%40ss@smtp.example.org', MAIL_FROM: '"MIRA Coalition" <receipts@miracoalition.org>', ...organization };

  it('refuses live or test mode with receipts on and no SMTP server, naming what to set', () => {
    for (const env of [live, { ...keys, RECEIPTS: undefined as unknown as string }]) {
      const problems = problemsOf({ ...organization, ...env });
      expect(problems).toEqual([expect.stringMatching(/SMTP_URL is missing.*MAIL_FROM.*RECEIPTS=off/)]);
    }
  });

  it('starts live with RECEIPTS=off and no SMTP server, and then sends none', () => {
    expect(loadConfig({ ...live, ...organization, RECEIPTS: 'off' }).mail).toMatchObject({ receipts: false });
    expect(loadConfig({ ...live, ...organization, RECEIPTS: 'off' }).mail.smtp).toBeUndefined();
    expect(problemsOf({ ...live, ...organization, RECEIPTS: 'no' })).toEqual(expect.arrayContaining([expect.stringMatching(/RECEIPTS must be on or off/)]));
  });

  it('reads the SMTP server, its login and the organization a receipt names', () => {
    const { mail } = loadConfig({ ...live, ...smtp, MAIL_REPLY_TO: 'giving@miracoalition.org' });
    expect(mail).toMatchObject({
      receipts: true,
      smtp: { host: 'smtp.example.org', port: 465, secure: true, requireTls: false, auth: { user: 'receipts@miracoalition.org', pass: 'p@ss' } },
      from: '"MIRA Coalition" <receipts@miracoalition.org>',
      replyTo: 'giving@miracoalition.org',
    });
    // smtp:// beyond loopback must upgrade with STARTTLS before the password is sent.
    expect(loadConfig({ ...live, ...smtp, SMTP_URL: 'smtp://u:p@smtp.example.org' }).mail.smtp).toMatchObject({ port: 587, secure: false, requireTls: true });
  });

  it('names each malformed mail setting, and never echoes the password', () => {
    const problems = problemsOf({ ...live, ...organization, SMTP_URL: 'https://u:secret-pass@smtp.example.org', MAIL_FROM: 'not an address' });
    expect(problems).toEqual([expect.stringMatching(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//), expect.stringMatching(/MAIL_FROM must be an address/)]);
    expect(problems.join('\n')).not.toContain('secret-pass');
    expect(problemsOf({ ...live, ...smtp, SMTP_URL: 'smtps://smtp.example.org' })).toEqual([expect.stringMatching(/SMTP_URL needs the user and password/)]);
    expect(problemsOf({ ...live, ...smtp, MAIL_FROM: undefined as unknown as string })).toEqual([expect.stringMatching(/MAIL_FROM is missing/)]);
  });

  it('keeps demo mail in the outbox with no set-up', () => {
    const { mail } = loadConfig({});
    expect(mail.receipts).toBe(true);
    expect(mail.smtp).toBeUndefined();
  });
});
