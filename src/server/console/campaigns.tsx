/**
 * /console/campaigns: every campaign, its goal, dates and whether it takes gifts; admins create,
 * edit, close, archive and reopen them. A change reaches the widget at once: the ledger drops the
 * totals cache (GET /api/campaigns/:id) as it saves, and a closed campaign refuses gifts.
 */
import { Hono } from 'hono';
import { formatMoney, parseAmount } from '../../core/money.js';
import type { Services } from '../env.js';
import { CAMPAIGN_ID, CAMPAIGN_STATUSES, campaignToday, isDay, type Campaign, type CampaignStatus } from '../ledger/campaigns.js';
import { can, type ConsoleEnv } from './access.js';
import { Csrf, Done, ErrorSummary, Field, formText, adminOnly, send, type Problems } from './forms.js';
import { t } from './text.js';

const HERE = '/console/campaigns';
const MAX_NAME = 200;

export function campaignPages({ ledger, config }: Services) {
  const app = new Hono<ConsoleEnv>();

  app.get('/', async (c) => {
    const campaigns = await ledger.listCampaigns();
    const raised = new Map<string, number>();
    for (const campaign of campaigns) raised.set(campaign.id, (await ledger.totals(campaign.id))?.raised ?? 0);
    const admin = can(c.var.staff, 'admin');
    const done = doneMessage(c.req.query(), campaigns);
    const current = campaigns.filter((x) => x.status !== 'archived');
    const archived = campaigns.filter((x) => x.status === 'archived');
    return send(
      c,
      t('campaigns.title'),
      HERE,
      <>
        <Done message={done} />
        <p>{t('campaigns.closeHint')}</p>
        {admin && (
          <p>
            <a href={`${HERE}/new`} class="button">
              {t('campaigns.new')}
            </a>
          </p>
        )}
        <CampaignTable caption={t('campaigns.list.caption')} campaigns={current} raised={raised} admin={admin} csrf={c.var.csrfToken} empty={t('campaigns.list.none')} />
        <h2>{t('campaigns.list.archived')}</h2>
        <CampaignTable caption={t('campaigns.list.archived')} campaigns={archived} raised={raised} admin={admin} csrf={c.var.csrfToken} empty={t('campaigns.list.noneArchived')} />
      </>,
    );
  });

  app.get('/new', adminOnly, (c) => {
    return send(c, t('campaigns.new'), HERE, <CampaignForm csrf={c.var.csrfToken} currencies={config.currencies} values={{ currency: config.currencies[0] ?? 'USD' }} />);
  });

  app.post('/', adminOnly, async (c) => {
    const field = await formText(c);
    const values = submitted(field);
    const problems = check(values, config.currencies, undefined);
    if (!problems.id && (await ledger.findCampaign(values.id))) problems.id = t('campaigns.error.idTaken');
    if (Object.keys(problems).length) {
      return send(c, t('campaigns.new'), HERE, <CampaignForm csrf={c.var.csrfToken} currencies={config.currencies} values={values} problems={problems} />, 400);
    }
    await ledger.saveCampaign({ ...toCampaign(values, values.currency), status: 'open' }, { actor: c.var.staff.id });
    return c.redirect(`${HERE}?saved=${encodeURIComponent(values.id)}`, 303);
  });

  app.get('/:id', async (c) => {
    const campaign = await ledger.findCampaign(c.req.param('id'));
    if (!campaign) return send(c, t('campaigns.common.notFound'), HERE, <p>{t('campaigns.common.notFound')}</p>, 404);
    const title = t('campaigns.edit', { name: campaign.name.en });
    if (!can(c.var.staff, 'admin')) return send(c, campaign.name.en, HERE, <CampaignFacts campaign={campaign} />);
    return send(c, title, HERE, <CampaignForm csrf={c.var.csrfToken} currencies={config.currencies} values={formValues(campaign)} existing={campaign} />);
  });

  app.post('/:id', adminOnly, async (c) => {
    const existing = await ledger.findCampaign(c.req.param('id'));
    if (!existing) return send(c, t('campaigns.common.notFound'), HERE, <p>{t('campaigns.common.notFound')}</p>, 404);
    const title = t('campaigns.edit', { name: existing.name.en });
    const field = await formText(c);
    const values = { ...submitted(field), id: existing.id, currency: existing.currency };
    const problems = check(values, config.currencies, existing);
    if (Object.keys(problems).length) {
      return send(c, title, HERE, <CampaignForm csrf={c.var.csrfToken} currencies={config.currencies} values={values} existing={existing} problems={problems} />, 400);
    }
    await ledger.saveCampaign(toCampaign(values, existing.currency), { actor: c.var.staff.id });
    return c.redirect(`${HERE}?saved=${encodeURIComponent(existing.id)}`, 303);
  });

  app.post('/:id/status', adminOnly, async (c) => {
    const status = (await formText(c))('status') as CampaignStatus;
    if (!CAMPAIGN_STATUSES.includes(status)) return send(c, t('campaigns.common.notFound'), HERE, <p>{t('campaigns.common.notFound')}</p>, 400);
    const saved = await ledger.setCampaignStatus(c.req.param('id'), status, { actor: c.var.staff.id });
    if (!saved) return send(c, t('campaigns.common.notFound'), HERE, <p>{t('campaigns.common.notFound')}</p>, 404);
    return c.redirect(`${HERE}?status=${encodeURIComponent(saved.id)}`, 303);
  });

  return app;
}

/** The form as posted: text, checked by check(). */
interface FormValues {
  id: string;
  nameEn: string;
  nameEs: string;
  namePt: string;
  goal: string;
  currency: string;
  deductible: string;
  startsOn: string;
  endsOn: string;
}

const submitted = (field: (name: string) => string): FormValues => ({
  id: field('id'),
  nameEn: field('nameEn'),
  nameEs: field('nameEs'),
  namePt: field('namePt'),
  goal: field('goal'),
  currency: field('currency').toUpperCase(),
  deductible: field('deductible'),
  startsOn: field('startsOn'),
  endsOn: field('endsOn'),
});

function formValues(campaign: Campaign): FormValues {
  return {
    id: campaign.id,
    nameEn: campaign.name.en,
    nameEs: campaign.name.es,
    namePt: campaign.name.pt,
    goal: formatMoney(campaign.goal, campaign.currency, 'en', { trimWhole: true }).replace(/[^\d.,]/g, ''),
    currency: campaign.currency,
    deductible: campaign.deductible === true ? 'yes' : campaign.deductible === false ? 'no' : '',
    startsOn: campaign.startsOn ?? '',
    endsOn: campaign.endsOn ?? '',
  };
}

function check(values: FormValues, currencies: string[], existing: Campaign | undefined): Problems {
  const problems: Problems = {};
  if (!existing && !CAMPAIGN_ID.test(values.id)) problems.id = t('campaigns.error.id');
  // Spanish and Portuguese names may wait: the widget then shows the English one.
  if (!values.nameEn || values.nameEn.length > MAX_NAME) problems.nameEn = t('campaigns.error.name');
  if (values.nameEs.length > MAX_NAME) problems.nameEs = t('campaigns.error.name');
  if (values.namePt.length > MAX_NAME) problems.namePt = t('campaigns.error.name');
  if (!currencies.includes(values.currency)) problems.currency = t('campaigns.error.currency');
  else {
    const goal = parseAmount(values.goal, values.currency, 'en');
    if (!goal.ok || goal.minor <= 0) problems.goal = t('campaigns.error.goal');
  }
  if (values.deductible !== 'yes' && values.deductible !== 'no') problems.deductible = t('campaigns.error.deductible');
  if (values.startsOn && !isDay(values.startsOn)) problems.startsOn = t('campaigns.error.date');
  if (values.endsOn && !isDay(values.endsOn)) problems.endsOn = t('campaigns.error.date');
  if (!problems.startsOn && !problems.endsOn && values.startsOn && values.endsOn && values.endsOn < values.startsOn) problems.endsOn = t('campaigns.error.dateOrder');
  return problems;
}

function toCampaign(values: FormValues, currency: string): Campaign {
  const goal = parseAmount(values.goal, currency, 'en');
  return {
    id: values.id,
    name: { en: values.nameEn, es: values.nameEs || values.nameEn, pt: values.namePt || values.nameEn },
    goal: goal.ok ? goal.minor : 0,
    currency,
    deductible: values.deductible === 'yes',
    startsOn: values.startsOn || null,
    endsOn: values.endsOn || null,
  };
}

function doneMessage(query: Record<string, string>, campaigns: Campaign[]): string | undefined {
  // Only a campaign that exists is named: the query is anyone's to write.
  const saved = campaigns.find((x) => x.id === query.saved);
  if (saved) return t('campaigns.saved', { id: saved.id });
  const changed = campaigns.find((x) => x.id === query.status);
  if (changed) return t('campaigns.statusChanged', { id: changed.id, status: statusWord(changed).toLowerCase() });
  return undefined;
}

/** What a campaign's status means today, dates included. */
function statusWord(campaign: Campaign, today = campaignToday()): string {
  if (campaign.status === 'archived') return t('campaigns.status.archived');
  if (campaign.status === 'closed') return t('campaigns.status.closed');
  if (campaign.endsOn && today > campaign.endsOn) return t('campaigns.status.ended', { date: campaign.endsOn });
  if (campaign.startsOn && today < campaign.startsOn) return t('campaigns.status.notStarted', { date: campaign.startsOn });
  return t('campaigns.status.open');
}

function datesOf(campaign: Campaign): string {
  const { startsOn, endsOn } = campaign;
  if (startsOn && endsOn) return t('campaigns.dates.range', { start: startsOn, end: endsOn });
  if (startsOn) return t('campaigns.dates.from', { date: startsOn });
  if (endsOn) return t('campaigns.dates.until', { date: endsOn });
  return t('campaigns.dates.none');
}

const deductibleWord = (d: boolean | null | undefined) => (d === true ? t('campaigns.common.yes') : d === false ? t('campaigns.common.no') : t('campaigns.deductible.unknown'));

interface TableProps {
  caption: string;
  campaigns: Campaign[];
  raised: Map<string, number>;
  admin: boolean;
  csrf: string;
  empty: string;
}

function CampaignTable({ caption, campaigns, raised, admin, csrf, empty }: TableProps) {
  if (!campaigns.length) return <p>{empty}</p>;
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('campaigns.col.name')}</th>
            <th scope="col">{t('campaigns.col.id')}</th>
            <th scope="col">{t('campaigns.col.raised')}</th>
            <th scope="col">{t('campaigns.col.goal')}</th>
            <th scope="col">{t('campaigns.col.dates')}</th>
            <th scope="col">{t('campaigns.col.deductible')}</th>
            <th scope="col">{t('campaigns.col.status')}</th>
            {admin && <th scope="col">{t('sites.col.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {campaigns.map((campaign) => (
            <tr>
              <th scope="row">
                <a href={`${HERE}/${campaign.id}`}>{campaign.name.en}</a>
              </th>
              <td>
                <code>{campaign.id}</code>
              </td>
              <td>{formatMoney(raised.get(campaign.id) ?? 0, campaign.currency, 'en')}</td>
              <td>{formatMoney(campaign.goal, campaign.currency, 'en')}</td>
              <td>{datesOf(campaign)}</td>
              <td>{deductibleWord(campaign.deductible)}</td>
              <td>{statusWord(campaign)}</td>
              {admin && (
                <td>
                  <StatusButtons campaign={campaign} csrf={csrf} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Close or archive an open campaign, archive a closed one, reopen either. */
function StatusButtons({ campaign, csrf }: { campaign: Campaign; csrf: string }) {
  const next: Array<[CampaignStatus, string]> =
    campaign.status === 'open'
      ? [['closed', t('campaigns.close')], ['archived', t('campaigns.archive')]]
      : campaign.status === 'closed'
        ? [['open', t('campaigns.reopen')], ['archived', t('campaigns.archive')]]
        : [['open', t('campaigns.reopen')]];
  return (
    <div class="actions" role="group" aria-label={t('campaigns.actions', { name: campaign.name.en })}>
      {next.map(([status, label]) => (
        <form method="post" action={`${HERE}/${campaign.id}/status`}>
          <Csrf token={csrf} />
          <input type="hidden" name="status" value={status} />
          <button type="submit" aria-label={`${label}: ${campaign.name.en}`}>
            {label}
          </button>
        </form>
      ))}
    </div>
  );
}

function CampaignFacts({ campaign }: { campaign: Campaign }) {
  return (
    <dl>
      <dt>{t('campaigns.col.id')}</dt>
      <dd>
        <code>{campaign.id}</code>
      </dd>
      <dt>{t('campaigns.field.nameEn')}</dt>
      <dd>{campaign.name.en}</dd>
      <dt>{t('campaigns.field.nameEs')}</dt>
      <dd lang="es">{campaign.name.es}</dd>
      <dt>{t('campaigns.field.namePt')}</dt>
      <dd lang="pt">{campaign.name.pt}</dd>
      <dt>{t('campaigns.col.goal')}</dt>
      <dd>{formatMoney(campaign.goal, campaign.currency, 'en')}</dd>
      <dt>{t('campaigns.col.dates')}</dt>
      <dd>{datesOf(campaign)}</dd>
      <dt>{t('campaigns.col.deductible')}</dt>
      <dd>{deductibleWord(campaign.deductible)}</dd>
      <dt>{t('campaigns.col.status')}</dt>
      <dd>{statusWord(campaign)}</dd>
    </dl>
  );
}

interface FormProps {
  csrf: string;
  currencies: string[];
  values: Partial<FormValues>;
  existing?: Campaign;
  problems?: Problems;
}

function CampaignForm({ csrf, currencies, values, existing, problems = {} }: FormProps) {
  const currency = existing?.currency ?? values.currency ?? currencies[0] ?? 'USD';
  const deductibleError = problems.deductible;
  return (
    <>
      <ErrorSummary problems={problems} />
      <form method="post" action={existing ? `${HERE}/${existing.id}` : HERE} novalidate>
        <Csrf token={csrf} />
        {existing ? (
          <p>
            {t('campaigns.col.id')}: <code>{existing.id}</code>
          </p>
        ) : (
          <Field id="id" label={t('campaigns.field.id')} value={values.id} hint={t('campaigns.field.idHint')} error={problems.id} required attrs={{ maxlength: 64, autocomplete: 'off', spellcheck: false }} />
        )}
        <Field id="nameEn" label={t('campaigns.field.nameEn')} value={values.nameEn} error={problems.nameEn} required attrs={{ maxlength: MAX_NAME, lang: 'en' }} />
        <Field id="nameEs" label={t('campaigns.field.nameEs')} value={values.nameEs} error={problems.nameEs} attrs={{ maxlength: MAX_NAME, lang: 'es' }} />
        <Field id="namePt" label={t('campaigns.field.namePt')} value={values.namePt} error={problems.namePt} attrs={{ maxlength: MAX_NAME, lang: 'pt' }} />
        {existing ? (
          <p>{t('campaigns.field.currencyFixed', { currency })}</p>
        ) : (
          <div class="field">
            <label for="currency">
              {t('campaigns.field.currency')} <span class="required">{t('campaigns.common.required')}</span>
            </label>
            {problems.currency && <p class="error" id="currency-error">{problems.currency}</p>}
            <select id="currency" name="currency" aria-invalid={problems.currency ? 'true' : undefined} aria-describedby={problems.currency ? 'currency-error' : undefined}>
              {currencies.map((code) => (
                <option value={code} selected={code === currency}>
                  {code}
                </option>
              ))}
            </select>
          </div>
        )}
        <Field id="goal" label={t('campaigns.field.goal')} value={values.goal} hint={t('campaigns.field.goalHint', { currency })} error={problems.goal} required attrs={{ inputmode: 'decimal', autocomplete: 'off' }} />
        <fieldset id="deductible" aria-describedby={['deductible-hint', deductibleError && 'deductible-error'].filter(Boolean).join(' ')}>
          <legend>
            {t('campaigns.field.deductible')} <span class="required">{t('campaigns.common.required')}</span>
          </legend>
          <p class="hint" id="deductible-hint">
            {t('campaigns.field.deductibleHint')}
          </p>
          {deductibleError && <p class="error" id="deductible-error">{deductibleError}</p>}
          <label>
            <input type="radio" name="deductible" value="yes" checked={values.deductible === 'yes'} /> {t('campaigns.common.yes')}
          </label>
          <label>
            <input type="radio" name="deductible" value="no" checked={values.deductible === 'no'} /> {t('campaigns.common.no')}
          </label>
        </fieldset>
        <p class="hint" id="dates-hint">
          {t('campaigns.field.datesHint')}
        </p>
        <Field id="startsOn" type="date" label={t('campaigns.field.startsOn')} value={values.startsOn} error={problems.startsOn} />
        <Field id="endsOn" type="date" label={t('campaigns.field.endsOn')} value={values.endsOn} error={problems.endsOn} />
        <button type="submit">{existing ? t('campaigns.save') : t('campaigns.create')}</button>
      </form>
    </>
  );
}
