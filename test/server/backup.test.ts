/**
 * `cli.js backup FILE` against a running endpoint, as an operator would run it from cron: gifts keep
 * arriving (signed webhooks over HTTP) while the copy is made, and the copy, opened as the ledger
 * (a restore), has totals that agree with its own entries and events; once the gifts stop, a last
 * backup has exactly the live ledger's totals.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/server/ledger/ledger.js';
import { PROJECT_ROOT } from '../../src/server/server.js';
import { oneTimeSucceeded } from './fixtures.js';
import { ORGANIZATION_ENV } from './helpers.js';
import { serve, stopServers } from './serve.js';

const run = promisify(execFile);
const GIFT = 1_000;
const secret = 'whsec_backup_test';
const signer = new Stripe('sk_test_signing_only');

afterAll(() => stopServers());

function cli(args: string[], env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server/cli.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...ORGANIZATION_ENV, ...env },
  });
}

/** What a restore finds: the campaign's raised, its events, and raised recomputed from its entries. */
async function restored(file: string) {
  const ledger = await Ledger.open(`sqlite:${file}`);
  try {
    const raised = (await ledger.totals('mira'))!.raised;
    const { events } = await ledger.db.selectFrom('stripe_events').select((eb) => eb.fn.countAll<number>().as('events')).executeTakeFirstOrThrow();
    await ledger.rebuildTotals();
    return { raised, events: Number(events), recounted: (await ledger.totals('mira'))!.raised };
  } finally {
    await ledger.close();
  }
}

describe('backup of a running SQLite ledger', () => {
  it('copies it consistently while gifts are being counted, and the restored copy has the same totals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mira-backup-'));
    try {
      const env = {
        DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}`,
        STRIPE_SECRET_KEY: 'sk_test_backup',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_backup',
        STRIPE_WEBHOOK_SECRET: secret,
        STRIPE_API_URL: 'http://127.0.0.1:9',
        RECEIPTS: 'off',
      };
      const { url, child } = await serve(env);
      let writing = true;
      let sent = 0;
      const give = async () => {
        while (writing) {
          const payload = JSON.stringify(oneTimeSucceeded({ intent: `pi_backup_${sent++}_${Math.random().toString(36).slice(2)}`, gift: GIFT, total: GIFT }));
          const response = await fetch(`${url}/api/stripe/webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret }) },
            body: payload,
          });
          expect(response.status).toBe(200);
        }
      };
      const writers = [give(), give(), give(), give()];
      await new Promise((resolve) => setTimeout(resolve, 500));

      const during = join(dir, 'during.db');
      const { stdout } = await cli(['backup', during], { DATABASE_URL: env.DATABASE_URL });
      expect(stdout).toMatch(/Backed up the ledger/);
      const atBackup = sent;
      await new Promise((resolve) => setTimeout(resolve, 300));
      writing = false;
      await Promise.all(writers);

      // A restore: the copy opened as the ledger, as the endpoint would open it.
      const restoreAt = join(dir, 'restored.db');
      copyFileSync(during, restoreAt);
      const copy = await restored(restoreAt);
      expect(copy.events).toBeGreaterThan(0);
      // Gifts kept arriving after the copy was taken: it holds a moment, not the end.
      expect(copy.events).toBeLessThan(sent);
      expect(copy.events).toBeLessThanOrEqual(atBackup);
      // Every event in the copy counted, and counted once: nothing half-written.
      expect(copy.raised).toBe(copy.events * GIFT);
      expect(copy.recounted).toBe(copy.raised);

      // Quiet now: a last backup has exactly what the live ledger has.
      const after = join(dir, 'after.db');
      await cli(['backup', after], { DATABASE_URL: env.DATABASE_URL });
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      const live = await restored(join(dir, 'ledger.db'));
      expect(live.events).toBe(sent);
      expect(await restored(after)).toEqual(live);
      expect(live.raised).toBe(sent * GIFT);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never overwrites a file, and leaves nothing behind when it refuses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mira-backup-'));
    try {
      const ledger = await Ledger.open(`sqlite:${join(dir, 'ledger.db')}`);
      await ledger.close();
      const target = join(dir, 'taken.db');
      writeFileSync(target, 'something else');
      const refused = cli(['backup', target], { DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}` });
      await expect(refused).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/exists already/) });
      expect(existsSync(`${target}.partial`)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses for PostgreSQL and names pg_dump, without echoing the password', async () => {
    const refused = cli(['backup', 'ledger.dump'], { DATABASE_URL: 'postgres://mira:hunter2-secret@db.example:5432/mira' });
    await expect(refused).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/pg_dump --format=custom --file="ledger.dump" "\$DATABASE_URL"/) });
    const { stderr } = await refused.catch((error: { stderr: string }) => error);
    expect(stderr).not.toContain('hunter2');
  });
});
