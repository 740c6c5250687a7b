/**
 * The operator's mail commands, run as an operator runs them (`cli.ts …` on the ledger's file):
 * saying a campaign's tax statement, recording an offline gift with its donor, reading the outbox
 * without reading anyone's address, queuing year-end statements once, erasing a donor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from '../serve.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';


describe('mail commands', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mira-mail-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}` };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('say whether a campaign is deductible, and refuse anything but yes or no', async () => {
    expect((await run(['campaign', 'list'], env)).out).toMatch(/^mira .*deductible: not said/m);
    expect(await run(['campaign', 'set', 'mira', '--deductible', 'no'], env)).toMatchObject({ code: 0, out: expect.stringMatching(/Updated campaign mira: .*not tax-deductible/) });
    expect((await run(['campaign', 'list'], env)).out).toMatch(/^mira .*not deductible/m);
    expect(await run(['campaign', 'set', 'mira', '--deductible', 'maybe'], env)).toMatchObject({ code: 2, out: expect.stringMatching(/--deductible must be yes or no/) });
  }, 30_000);

  it('record an offline gift with its donor, list the outbox with the address masked, queue year-end once, and erase the donor', async () => {
    const gift = await run(
      ['offline-gift', '--campaign', 'mira', '--amount', '120.00', '--note', 'Gala', '--donor-name', 'Rafael Nunes', '--donor-email', 'rafael.nunes@example.org', '--date', new Date().toISOString().slice(0, 10), '--method', 'cheque', '--language', 'es'],
      env,
    );
    expect(gift.code).toBe(0);
    expect(gift.out).toMatch(/Recorded \$120\.00 for mira/);
    expect(gift.out).toMatch(/Receipt queued for r…@example\.org/);

    const listed = await run(['outbox'], env);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/queued 1/);
    expect(listed.out).toMatch(/\breceipt\s+queued\s+r…@example\.org\s+es\s+0\b/);
    for (const secret of ['rafael.nunes', 'Rafael', 'Nunes']) expect(listed.out).not.toContain(secret);

    const year = String(new Date().getUTCFullYear());
    expect((await run(['receipts', 'year-end', year], env)).out).toMatch(new RegExp(`Year-end statements for ${year}: 1 queued`));
    expect((await run(['receipts', 'year-end', year], env)).out).toMatch(/0 queued, 1 already queued before/);

    expect(await run(['outbox', 'retry', '999'], env)).toMatchObject({ code: 2, out: expect.stringMatching(/no failed, kept or queued message 999/) });
    expect(await run(['outbox', 'retry', '--failed'], env)).toMatchObject({ code: 0, out: expect.stringMatching(/Queued again: 0 messages/) });

    const erased = await run(['donor', 'erase', 'Rafael.Nunes@example.org'], env);
    expect(erased.code).toBe(0);
    expect(erased.out).toMatch(/Erased r…@example\.org: donor details on 1 gift, 0 tribute notifications, 2 messages/);
    expect(erased.out).not.toContain('rafael');
    expect((await run(['outbox'], env)).out).toMatch(/queued 0, .*cancelled 2/);
    expect((await run(['totals'], env)).out).toMatch(/mira\s+\$120\.00/);
  }, 60_000);

  it('queue no receipt when receipts are off', async () => {
    const gift = await run(['offline-gift', '--campaign', 'mira', '--amount', '10', '--donor-name', 'A', '--donor-email', 'a@example.org'], { ...env, RECEIPTS: 'off' });
    expect(gift.out).toMatch(/No receipt queued: receipts are off/);
    expect(await run(['offline-gift', '--campaign', 'mira', '--amount', '10', '--donor-email', 'a@example.org'], env)).toMatchObject({ code: 2, out: expect.stringMatching(/--donor-name and --donor-email go together/) });
  }, 30_000);
});
