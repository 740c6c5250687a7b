/** Configuration is checked once at start and every problem is named. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const keys = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' };

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
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_live_abc', STRIPE_PUBLISHABLE_KEY: 'pk_live_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' }).mode).toBe('live');
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
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_live_a', STRIPE_PUBLISHABLE_KEY: 'pk_live_a', STRIPE_WEBHOOK_SECRET: 'whsec_a', STRIPE_API_URL: 'http://127.0.0.1:12111' })).toEqual([
      expect.stringMatching(/STRIPE_API_URL .* never a live key/),
    ]);
  });

  it('refuses a publishable key or webhook secret without a secret key rather than guessing', () => {
    expect(problemsOf({ STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' })).toEqual([expect.stringMatching(/STRIPE_SECRET_KEY is missing/)]);
  });
});
