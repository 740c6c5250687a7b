/**
 * Campaigns in the console: an admin creates, edits, closes, archives and reopens; the widget's
 * figures and the donations route follow at once; a closed, ended or not yet open campaign refuses
 * gifts with a stable code and nothing reaches Stripe or the ledger; every change is in the audit
 * log; a viewer reads and changes nothing. Against SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignResponse } from '../../../src/core/api.js';
import { campaignToday } from '../../../src/server/ledger/campaigns.js';
import { Ledger } from '../../../src/server/ledger/ledger.js';
import { BACKENDS, gift, postDonation, startHarness, type Harness } from '../helpers.js';
import { auditLog, consoleAs, STAFF, textOf } from './pages-support.js';
import { runCli } from '../serve.js';

const SCA = { id: 'sca-2027', nameEn: 'Safe Communities Act', nameEs: 'Ley de Comunidades Seguras', namePt: 'Lei de Comunidades Seguras', goal: '50,000', currency: 'USD', deductible: 'no', startsOn: '', endsOn: '' };

const day = (offset: number) => campaignToday(new Date(Date.now() + offset * 86_400_000));

async function figures(h: Harness, id: string): Promise<CampaignResponse> {
  const response = await fetch(`${h.url}/api/campaigns/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as CampaignResponse;
}

describe.each(BACKENDS)('campaigns in the console on %s', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ backend });
  });
  afterEach(() => h.close());

  it('an admin creates a campaign: the widget can show it and take gifts at once, and the audit log says who', async () => {
    const admin = consoleAs(h, 'admin');
    const created = await admin.post('/console/campaigns', SCA);
    expect(created.status).toBe(303);
    expect(created.location).toBe('/console/campaigns?saved=sca-2027');
    expect(textOf((await admin.get(created.location!)).html)).toContain('Campaign sca-2027 saved.');

    expect(await figures(h, 'sca-2027')).toMatchObject({ id: 'sca-2027', goal: 5_000_000, raised: 0, open: true, name: { en: 'Safe Communities Act', es: 'Ley de Comunidades Seguras', pt: 'Lei de Comunidades Seguras' } });
    expect((await postDonation(h.url, gift({ campaign: 'sca-2027' }))).status).toBe(200);

    const [entry] = await auditLog(h);
    expect(entry).toMatchObject({ actor: STAFF.admin.id, action: 'campaign.create', subject: 'campaign:sca-2027', before: null, after: { goal: 5_000_000, deductible: false, status: 'open' } });
  });

  it('refuses a form that is wrong, says what to fix beside each field, and saves nothing', async () => {
    const admin = consoleAs(h, 'admin');
    const refused = await admin.post('/console/campaigns', { ...SCA, id: 'Not An Id', goal: 'lots', deductible: '', startsOn: '2027-03-01', endsOn: '2027-02-01' });
    expect(refused.status).toBe(400);
    const text = textOf(refused.html);
    for (const message of ['Give an id of lower-case letters', 'Give the goal as an amount', 'Say whether gifts are tax-deductible', 'The last day cannot come before the first']) expect(text).toContain(message);
    expect(refused.html).toMatch(/<input id="goal" name="goal" type="text" value="lots"[^>]*aria-invalid="true"/);
    expect(refused.html).toContain('href="#endsOn"');

    // An id already taken is not overwritten.
    expect((await admin.post('/console/campaigns', { ...SCA, id: 'mira' })).status).toBe(400);
    expect((await h.ledger.listCampaigns()).map((c) => c.id)).toEqual(['mira']);
    expect((await h.ledger.findCampaign('mira'))!.goal).toBe(10_000_000);
    expect(await auditLog(h)).toEqual([]);
  });

  it('an edit reaches GET /api/campaigns/:id at once, though it was just read and cached', async () => {
    const admin = consoleAs(h, 'admin');
    expect((await figures(h, 'mira')).goal).toBe(10_000_000);
    const edit = await admin.get('/console/campaigns/mira');
    expect(edit.html).toContain('value="100,000"');
    const saved = await admin.post('/console/campaigns/mira', { nameEn: "MIRA's policy work", nameEs: 'Políticas de MIRA', namePt: 'Políticas da MIRA', goal: '150000', deductible: 'no', startsOn: '', endsOn: '' });
    expect(saved.status).toBe(303);
    expect(await figures(h, 'mira')).toMatchObject({ goal: 15_000_000, name: { en: "MIRA's policy work", es: 'Políticas de MIRA' } });
    const [entry] = await auditLog(h);
    expect(entry).toMatchObject({ action: 'campaign.update', before: { goal: 10_000_000 }, after: { goal: 15_000_000 } });
  });

  it('a closed campaign refuses gifts with campaign_closed, touching neither Stripe nor the ledger; reopened, it takes them again', async () => {
    const admin = consoleAs(h, 'admin');
    expect((await figures(h, 'mira')).open).toBe(true);
    expect((await admin.post('/console/campaigns/mira/status', { status: 'closed' })).status).toBe(303);
    expect((await figures(h, 'mira')).open).toBe(false);

    const refused = await postDonation(h.url, gift(), { headers: { origin: 'https://member.example' } });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: { code: 'campaign_closed', message: expect.any(String), field: 'campaign' } });
    expect(await h.ledger.db.selectFrom('donations').selectAll().execute()).toEqual([]);
    expect((await h.stripe.paymentIntents.list()).data).toEqual([]);

    expect(textOf((await admin.get('/console/campaigns')).html)).toMatch(/MIRA's state policy work .* Closed Reopen Archive/);
    expect((await admin.post('/console/campaigns/mira/status', { status: 'open' })).status).toBe(303);
    expect((await postDonation(h.url, gift())).status).toBe(200);

    expect((await admin.post('/console/campaigns/mira/status', { status: 'archived' })).status).toBe(303);
    expect((await postDonation(h.url, gift())).status).toBe(409);
    const list = textOf((await admin.get('/console/campaigns')).html);
    expect(list.slice(list.indexOf('Archived campaigns'))).toContain("MIRA's state policy work");
    expect((await auditLog(h)).map((e) => e.action)).toEqual(['campaign.close', 'campaign.reopen', 'campaign.archive']);
  });

  it('takes gifts from its first day to its last, in Boston days', async () => {
    const admin = consoleAs(h, 'admin');
    const dates = async (startsOn: string, endsOn: string) => {
      expect((await admin.post('/console/campaigns/mira', { nameEn: 'MIRA', goal: '100000', deductible: 'no', startsOn, endsOn })).status).toBe(303);
      const response = await postDonation(h.url, gift());
      return response.status === 200 ? 'taken' : ((await response.json()) as { error: { code: string } }).error.code;
    };
    expect(await dates(day(1), '')).toBe('campaign_not_started');
    expect(await dates('', day(-1))).toBe('campaign_closed');
    expect(await dates(day(0), day(0))).toBe('taken');
    expect(await dates(day(-30), '')).toBe('taken');
    expect((await figures(h, 'mira')).open).toBe(true);
  });

  it('a viewer reads the campaigns and may change none of them', async () => {
    const viewer = consoleAs(h, 'viewer');
    const list = await viewer.get('/console/campaigns');
    expect(list.status).toBe(200);
    expect(textOf(list.html)).toContain("MIRA's state policy work");
    expect(list.html).not.toContain('/console/campaigns/mira/status');
    expect(list.html).not.toContain('New campaign');
    expect((await viewer.get('/console/campaigns/mira')).html).not.toContain('<form method="post" action="/console/campaigns/mira"');

    for (const [path, fields] of [
      ['/console/campaigns', SCA],
      ['/console/campaigns/mira', { ...SCA, goal: '1' }],
      ['/console/campaigns/mira/status', { status: 'closed' }],
    ] as const) {
      expect((await viewer.post(path, fields)).status).toBe(403);
    }
    expect((await viewer.get('/console/campaigns/new')).status).toBe(403);
    expect(await h.ledger.findCampaign('mira')).toMatchObject({ goal: 10_000_000, status: 'open' });
    expect(await h.ledger.findCampaign('sca-2027')).toBeUndefined();
    expect(await auditLog(h)).toEqual([]);
  });
});

describe('the CLI', () => {
  // The audit log names whoever ran the command.
  const run = (args: string[], env: Record<string, string>) => runCli(args, { USER: 'operator', ...env });

  it('campaign set still works, takes dates, and writes the audit log; close refuses gifts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mira-campaign-cli-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}` };
    try {
      expect(await run(['campaign', 'set', 'sca-2027', '--goal', '50000', '--name-en', 'Safe Communities Act', '--deductible', 'no', '--ends', '2027-06-30'], env)).toMatchObject({ code: 0, out: expect.stringMatching(/Added campaign sca-2027/) });
      expect(await run(['campaign', 'set', 'sca-2027', '--ends', '2027-02-30'], env)).toMatchObject({ code: 2, out: expect.stringMatching(/--ends must be a day/) });
      expect(await run(['campaign', 'close', 'sca-2027'], env)).toMatchObject({ code: 0, out: expect.stringMatching(/sca-2027 is closed/) });
      expect((await run(['campaign', 'list'], env)).out).toMatch(/^sca-2027 {2}closed .* to 2027-06-30/m);

      const ledger = await Ledger.open(env.DATABASE_URL);
      try {
        const rows = await ledger.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
        expect(rows.map((r) => [r.action, r.subject])).toEqual([
          ['campaign.create', 'campaign:sca-2027'],
          ['campaign.close', 'campaign:sca-2027'],
        ]);
        expect(rows[0]!.actor).toMatch(/^cli:/);
        expect(JSON.parse(rows[0]!.after!)).toMatchObject({ endsOn: '2027-06-30', goal: 5_000_000 });
      } finally {
        await ledger.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
