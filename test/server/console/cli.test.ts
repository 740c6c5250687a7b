/**
 * The staff commands as an operator runs them on the server (`cli.ts …` on the ledger's file): the
 * first admin's invitation link printed and queued as mail, the list, the removal; and every command
 * that changes something writing the audit log as `cli:<user>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from '../serve.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../src/server/ledger/ledger.js';


describe('staff commands', () => {
  let dir: string;
  let env: Record<string, string>;
  let url: string;
  const actor = `cli:${userInfo().username}`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mira-staff-cli-'));
    url = `sqlite:${join(dir, 'ledger.db')}`;
    env = { DATABASE_URL: url, PUBLIC_URL: 'https://donate.example.org' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const audit = async () => {
    const ledger = await Ledger.open(url);
    try {
      return await ledger.db.selectFrom('audit_log').select(['actor', 'action', 'subject', 'before', 'after']).orderBy('id').execute();
    } finally {
      await ledger.close();
    }
  };

  it('invite the first admin: a one-time link at PUBLIC_URL, queued as mail; then list and remove', async () => {
    const invited = await run(['staff', 'invite', 'Ana@Mira.example', '--role', 'admin', '--name', 'Ana Admin'], env);
    expect(invited.code, invited.out).toBe(0);
    const link = /https:\/\/donate\.example\.org\/console\/enrol#([\w-]{43})/.exec(invited.out);
    expect(link, invited.out).not.toBeNull();
    expect(invited.out).toMatch(/Invited ana@mira\.example as admin\. The link works once, until \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

    const outbox = await run(['outbox'], env);
    expect(outbox.out).toMatch(/\bstaff_invitation\s+queued\s+a…@mira\.example\s+en\b/);

    const listed = await run(['staff', 'list'], env);
    expect(listed.out).toMatch(/^ana@mira\.example\s+Ana Admin\s+admin\s+0\s+never$/m);
    expect(listed.out).toMatch(/invitation waiting: ana@mira\.example as admin/);

    expect(await run(['staff', 'invite', 'ana@mira.example', '--role', 'owner'], env)).toMatchObject({ code: 2, out: expect.stringMatching(/--role must be viewer, treasurer or admin/) });
    expect(await run(['staff', 'invite', 'not-an-email', '--role', 'viewer'], env)).toMatchObject({ code: 2 });

    expect(await run(['staff', 'remove', 'ana@mira.example'], env)).toMatchObject({ code: 0, out: expect.stringMatching(/Removed ana@mira\.example \(admin\)/) });
    expect(await run(['staff', 'remove', 'ana@mira.example'], env)).toMatchObject({ code: 2, out: expect.stringMatching(/nobody on the staff/) });
    expect((await run(['staff', 'list'], env)).out).toMatch(/No staff yet/);

    const entries = await audit();
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      [actor, 'staff.invite'],
      [actor, 'staff.remove'],
    ]);
  }, 60_000);

  it('campaign set, offline-gift, outbox retry and donor erase are written to the audit log, without the donor\'s details', async () => {
    const start = (await audit()).length;
    expect((await run(['campaign', 'set', 'mira', '--deductible', 'no'], env)).code).toBe(0);
    const gift = await run(['offline-gift', '--campaign', 'mira', '--amount', '50.00', '--note', 'Gala', '--donor-name', 'Rafael Nunes', '--donor-email', 'rafael@example.org', '--method', 'cheque'], env);
    expect(gift.code, gift.out).toBe(0);
    expect((await run(['outbox', 'retry', '--failed'], env)).code).toBe(0);
    expect((await run(['donor', 'erase', 'rafael@example.org'], env)).code).toBe(0);

    const entries = (await audit()).slice(start);
    expect(entries.map((e) => [e.actor, e.action, e.subject.split(':')[0]])).toEqual([
      [actor, 'campaign.update', 'campaign'],
      [actor, 'offline_gift.add', 'payment'],
      [actor, 'outbox.retry', 'outbox'],
      [actor, 'donor.erase', 'donor'],
    ]);
    expect(JSON.parse(entries[0]!.before!)).toMatchObject({ id: 'mira', goal: 10_000_000 });
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ id: 'mira', deductible: false });
    expect(JSON.parse(entries[1]!.after!)).toMatchObject({ campaign: 'mira', amount: 5000, method: 'cheque', note: 'Gala', donor: true });
    expect(JSON.parse(entries[3]!.after!)).toMatchObject({ donations: 1 });
    const written = JSON.stringify(entries);
    for (const secret of ['rafael', 'Rafael', 'Nunes']) expect(written).not.toContain(secret);
  }, 60_000);
});
