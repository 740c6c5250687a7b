/** campaign set and campaign list. */
import { parseArgs } from 'node:util';
import { formatMoney } from '../../core/money.js';
import { CAMPAIGN_ID } from '../ledger/campaigns.js';
import { recordAudit } from '../ledger/audit.js';
import { cliActor, dollars, UsageError, withLedger } from './shared.js';

export async function campaign(args: string[]) {
  const [action, ...rest] = args;
  if (action === 'list') {
    return withLedger(async (ledger) => {
      const tax = (d: boolean | null | undefined) => (d === true ? 'deductible' : d === false ? 'not deductible' : 'deductible: not said');
      for (const c of await ledger.listCampaigns()) console.log(`${c.id}  ${formatMoney(c.goal, c.currency, 'en')}  ${tax(c.deductible)}  ${c.name.en} | ${c.name.es} | ${c.name.pt}`);
    });
  }
  if (action !== 'set') throw new UsageError('campaign set <id> … or campaign list');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      goal: { type: 'string' },
      currency: { type: 'string' },
      'name-en': { type: 'string' },
      'name-es': { type: 'string' },
      'name-pt': { type: 'string' },
      deductible: { type: 'string' },
    },
  });
  if (values.deductible !== undefined && values.deductible !== 'yes' && values.deductible !== 'no') throw new UsageError('--deductible must be yes or no');
  const id = positionals[0];
  if (!id || !CAMPAIGN_ID.test(id)) throw new UsageError('campaign set needs an id of lower-case letters, digits and dashes');
  await withLedger(async (ledger, config) => {
    const existing = await ledger.findCampaign(id);
    const currency = (values.currency ?? existing?.currency ?? config.currencies[0]).toUpperCase();
    if (!config.currencies.includes(currency)) throw new UsageError(`--currency must be one of ${config.currencies.join(', ')}`);
    const goal = values.goal !== undefined ? dollars('goal', values.goal, currency) : existing?.goal;
    if (goal === undefined) throw new UsageError('--goal is needed for a new campaign');
    const en = values['name-en'] ?? existing?.name.en;
    if (!en) throw new UsageError('--name-en is needed for a new campaign');
    const name = { en, es: values['name-es'] ?? existing?.name.es ?? en, pt: values['name-pt'] ?? existing?.name.pt ?? en };
    const deductible = values.deductible === undefined ? undefined : values.deductible === 'yes';
    const saved = { id, name, goal, currency, ...(deductible !== undefined ? { deductible } : {}) };
    await ledger.saveCampaign(saved);
    await recordAudit(ledger.db, { actor: cliActor(), action: existing ? 'campaign.update' : 'campaign.add', subject: `campaign:${id}`, before: existing, after: { ...existing, ...saved } });
    const tax = deductible ?? existing?.deductible;
    console.log(
      `${existing ? 'Updated' : 'Added'} campaign ${id}: goal ${formatMoney(goal, currency, 'en')}, "${name.en}", ${
        tax === true ? 'tax-deductible' : tax === false ? 'not tax-deductible' : 'tax-deductible or not: not said (receipts wait for --deductible yes|no)'
      }`,
    );
  });
}
