/** campaign set, list, close, archive and reopen; every change written to the audit log as `cli:<user>`. */
import { parseArgs } from 'node:util';
import { formatMoney } from '../../core/money.js';
import { CAMPAIGN_ID, isDay, type CampaignStatus } from '../ledger/campaigns.js';
import { cliActor, dollars, UsageError, withLedger } from './shared.js';


const STATUS_OF: Record<string, CampaignStatus> = { close: 'closed', archive: 'archived', reopen: 'open' };

export async function campaign(args: string[]) {
  const [action, ...rest] = args;
  if (action === 'list') {
    return withLedger(async (ledger) => {
      const tax = (d: boolean | null | undefined) => (d === true ? 'deductible' : d === false ? 'not deductible' : 'deductible: not said');
      const dates = (c: { startsOn?: string | null; endsOn?: string | null }) => (c.startsOn || c.endsOn ? `  ${c.startsOn ?? '…'} to ${c.endsOn ?? '…'}` : '');
      for (const c of await ledger.listCampaigns()) console.log(`${c.id}  ${c.status}  ${formatMoney(c.goal, c.currency, 'en')}  ${tax(c.deductible)}${dates(c)}  ${c.name.en} | ${c.name.es} | ${c.name.pt}`);
    });
  }
  if (action && STATUS_OF[action]) {
    const id = rest[0];
    if (!id || !CAMPAIGN_ID.test(id)) throw new UsageError(`campaign ${action} needs a campaign id`);
    return withLedger(async (ledger) => {
      const saved = await ledger.setCampaignStatus(id, STATUS_OF[action]!, { actor: cliActor() });
      if (!saved) throw new UsageError(`No campaign "${id}"`);
      console.log(`Campaign ${id} is ${saved.status}${saved.status === 'open' ? '' : ': it takes no gifts'}.`);
    });
  }
  if (action !== 'set') throw new UsageError('campaign set <id> …, campaign list, or campaign close|archive|reopen <id>');
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
      starts: { type: 'string' },
      ends: { type: 'string' },
    },
  });
  for (const name of ['starts', 'ends'] as const) {
    const day = values[name];
    if (day !== undefined && day !== '' && !isDay(day)) throw new UsageError(`--${name} must be a day written YYYY-MM-DD (or "" for none)`);
  }
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
    const dates = {
      ...(values.starts !== undefined ? { startsOn: values.starts || null } : {}),
      ...(values.ends !== undefined ? { endsOn: values.ends || null } : {}),
    };
    const startsOn = dates.startsOn !== undefined ? dates.startsOn : existing?.startsOn;
    const endsOn = dates.endsOn !== undefined ? dates.endsOn : existing?.endsOn;
    if (startsOn && endsOn && endsOn < startsOn) throw new UsageError('--ends must not be before --starts');
    await ledger.saveCampaign({ id, name, goal, currency, ...(deductible !== undefined ? { deductible } : {}), ...dates }, { actor: cliActor() });
    const tax = deductible ?? existing?.deductible;
    console.log(
      `${existing ? 'Updated' : 'Added'} campaign ${id}: goal ${formatMoney(goal, currency, 'en')}, "${name.en}", ${
        tax === true ? 'tax-deductible' : tax === false ? 'not tax-deductible' : 'tax-deductible or not: not said (receipts wait for --deductible yes|no)'
      }`,
    );
  });
}
