/**
 * /console/gifts: every gift, searched (donor name or email, receipt number, Stripe id), filtered
 * (campaign, site, frequency, status, method, days given), sorted and paged by keyset. A GET form,
 * so a filtered list is a link a colleague can open.
 */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { t, type ConsoleKey } from './text.js';
import { day, isDay, money } from './figures.js';
import { FREQUENCIES, GIFT_METHODS, GIFT_STATUSES, SORTS, listGifts, sitesSeen, type GiftFilters, type GiftRow, type GiftSort } from '../ledger/gifts-query.js';
import { siteLabel } from '../ledger/site-columns.js';

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined => (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/** The list's filters from its query string; anything unreadable is left out rather than refused. */
export function filtersOf(query: Record<string, string>): { filters: GiftFilters; sort: GiftSort; after?: string } {
  const filters: GiftFilters = {};
  if (query.q?.trim()) filters.search = query.q.trim().slice(0, 200);
  if (query.campaign) filters.campaign = query.campaign;
  const frequency = oneOf(FREQUENCIES, query.frequency);
  if (frequency) filters.frequency = frequency;
  const status = oneOf(GIFT_STATUSES, query.status);
  if (status) filters.status = status;
  const method = oneOf(GIFT_METHODS, query.method);
  if (method) filters.method = method;
  if (isDay(query.from)) filters.from = query.from;
  if (isDay(query.to)) filters.to = query.to;
  if (query.site) filters.site = query.site;
  return { filters, sort: oneOf(SORTS, query.sort) ?? 'date_desc', ...(query.after ? { after: query.after } : {}) };
}

export const statusLabel = (status: GiftRow['status']) => t(`gifts.status.${status}` as ConsoleKey);
export const methodLabel = (method: string | null) => (method && (GIFT_METHODS as readonly string[]).includes(method) ? t(`gifts.method.${method}` as ConsoleKey) : t('gifts.method.unknown'));
export const frequencyLabel = (frequency: string) => ((FREQUENCIES as readonly string[]).includes(frequency) ? t(`gifts.frequency.${frequency}` as ConsoleKey) : frequency);
export const donorOf = (g: Pick<GiftRow, 'donorName' | 'donorEmail'>) => g.donorName ?? g.donorEmail ?? t('gifts.noDonor');

function Select({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: Array<[string, string]> }) {
  return (
    <p class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{t('gifts.filter.any')}</option>
        {options.map(([v, text]) => (
          <option value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
    </p>
  );
}

export function giftsPages({ ledger }: Services) {
  return new Hono<ConsoleEnv>().get('/', async (c) => {
    const query = c.req.query();
    const { filters, sort, after } = filtersOf(query);
    const [page, campaigns, sites] = await Promise.all([listGifts(ledger.db, filters, { sort, ...(after ? { after } : {}) }), ledger.listCampaigns(), sitesSeen(ledger.db)]);
    const nextQuery = page.next ? new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([k]) => k !== 'after')), after: page.next }).toString() : undefined;
    return c.html(
      <Page title={t('gifts.title')} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console/gifts">
        <form method="get" action="/console/gifts" class="filters" role="search" aria-label={t('gifts.filter.label')}>
          <p class="field">
            <label for="f-q">{t('gifts.filter.search')}</label>
            <input id="f-q" name="q" type="search" value={filters.search ?? ''} aria-describedby="f-q-hint" />
            <span id="f-q-hint" class="hint">
              {t('gifts.filter.searchHint')}
            </span>
          </p>
          <Select name="campaign" label={t('gifts.filter.campaign')} value={filters.campaign} options={campaigns.map((x) => [x.id, x.name.en])} />
          {sites.length > 0 && <Select name="site" label={t('gifts.filter.site')} value={filters.site} options={sites.map((s) => [s, s])} />}
          <Select name="frequency" label={t('gifts.filter.frequency')} value={filters.frequency} options={FREQUENCIES.map((f) => [f, frequencyLabel(f)])} />
          <Select name="status" label={t('gifts.filter.status')} value={filters.status} options={GIFT_STATUSES.map((s) => [s, statusLabel(s)])} />
          <Select name="method" label={t('gifts.filter.method')} value={filters.method} options={GIFT_METHODS.map((m) => [m, methodLabel(m)])} />
          <p class="field">
            <label for="f-from">{t('gifts.filter.from')}</label>
            <input id="f-from" name="from" type="date" value={filters.from ?? ''} />
          </p>
          <p class="field">
            <label for="f-to">{t('gifts.filter.to')}</label>
            <input id="f-to" name="to" type="date" value={filters.to ?? ''} />
          </p>
          <Select name="sort" label={t('gifts.filter.sort')} value={sort} options={SORTS.map((s) => [s, t(`gifts.sort.${s}` as ConsoleKey)])} />
          <p>
            <button type="submit">{t('gifts.filter.apply')}</button> <a href="/console/gifts">{t('gifts.filter.clear')}</a>
          </p>
        </form>
        {page.gifts.length === 0 ? (
          <p role="status">{t('gifts.none')}</p>
        ) : (
          <div class="table-scroll" role="region" aria-labelledby="gifts-caption" tabindex={0}>
            <table>
              <caption id="gifts-caption">{t('gifts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('gifts.col.date')}</th>
                  <th scope="col">{t('gifts.col.donor')}</th>
                  <th scope="col">{t('gifts.col.amount')}</th>
                  <th scope="col">{t('gifts.col.campaign')}</th>
                  <th scope="col">{t('gifts.col.frequency')}</th>
                  <th scope="col">{t('gifts.col.method')}</th>
                  <th scope="col">{t('gifts.col.status')}</th>
                  <th scope="col">{t('gifts.col.receipt')}</th>
                  {sites.length > 0 && <th scope="col">{t('gifts.col.site')}</th>}
                </tr>
              </thead>
              <tbody>
                {page.gifts.map((g) => (
                  <tr>
                    <td>{day(g.givenAt)}</td>
                    <td>
                      <a href={`/console/gifts/${encodeURIComponent(g.id)}`}>{donorOf(g)}</a>
                    </td>
                    <td class="number">{money(g.gift, g.currency)}</td>
                    <td>{g.campaign}</td>
                    <td>{frequencyLabel(g.frequency)}</td>
                    <td>{methodLabel(g.method ?? (g.kind === 'offline' ? null : 'online'))}</td>
                    <td>{statusLabel(g.status)}</td>
                    <td>{g.receiptNumber ?? '–'}</td>
                    {sites.length > 0 && <td>{siteLabel(g.site)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label={t('gifts.pages')}>
          {after && <a href={`/console/gifts?${new URLSearchParams(Object.entries(query).filter(([k]) => k !== 'after')).toString()}`}>{t('gifts.first')}</a>}{' '}
          {nextQuery && (
            <a href={`/console/gifts?${nextQuery}`} rel="next">
              {t('gifts.next')}
            </a>
          )}
        </nav>
      </Page>,
    );
  });
}
