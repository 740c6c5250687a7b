/** /console: who is signed in and what their role opens; per campaign and per member site, raised, goal, donors, this month, and active recurring gifts with what they bring per month. */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { t, type ConsoleKey } from './text.js';
import { money } from './figures.js';
import { readOverview } from '../ledger/overview.js';
import { siteLabel } from '../ledger/site-columns.js';

export function overviewPages({ ledger }: Services) {
  return new Hono<ConsoleEnv>().get('/', async (c) => {
    const overview = await readOverview(ledger.db);
    const staff = c.var.staff;
    return c.html(
      <Page title={t('overview.title')} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console">
        {/* Where sign-in lands: who is signed in, and what their role opens. */}
        <p>{t('overview.signedInAs', { name: staff.name, email: staff.email, role: t(`role.${staff.role}` as ConsoleKey) })}</p>
        <p>{t(`overview.role.${staff.role}` as ConsoleKey)}</p>
        <div class="table-scroll" role="region" aria-labelledby="campaigns-caption" tabindex={0}>
          <table>
            <caption id="campaigns-caption">{t('overview.campaigns')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gifts.col.campaign')}</th>
                <th scope="col">{t('overview.raised')}</th>
                <th scope="col">{t('overview.goal')}</th>
                <th scope="col">{t('overview.donors')}</th>
                <th scope="col">{t('overview.thisMonth', { month: overview.monthStart.slice(0, 7) })}</th>
                <th scope="col">{t('overview.recurring')}</th>
                <th scope="col">{t('overview.recurringMonthly')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.campaigns.map((f) => (
                <tr>
                  <th scope="row">
                    <a href={`/console/gifts?campaign=${encodeURIComponent(f.id)}`}>{f.name}</a>
                  </th>
                  <td class="number">{money(f.raised, f.currency)}</td>
                  <td class="number">{money(f.goal, f.currency)}</td>
                  <td class="number">{f.donors}</td>
                  <td class="number">{money(f.thisMonth, f.currency)}</td>
                  <td class="number">{f.recurring}</td>
                  <td class="number">{money(f.recurringMonthly, f.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {overview.sites.length > 0 && (
          <div class="table-scroll" role="region" aria-labelledby="sites-caption" tabindex={0}>
            <table>
              <caption id="sites-caption">{t('overview.sites')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('gifts.col.site')}</th>
                  <th scope="col">{t('overview.raised')}</th>
                  <th scope="col">{t('overview.donors')}</th>
                  <th scope="col">{t('overview.thisMonth', { month: overview.monthStart.slice(0, 7) })}</th>
                  <th scope="col">{t('overview.recurring')}</th>
                  <th scope="col">{t('overview.recurringMonthly')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.sites.map((f) => (
                  <tr>
                    <th scope="row">{siteLabel(f.site) || t('overview.noSite')}</th>
                    <td class="number">{money(f.raised, f.currency)}</td>
                    <td class="number">{f.donors}</td>
                    <td class="number">{money(f.thisMonth, f.currency)}</td>
                    <td class="number">{f.recurring}</td>
                    <td class="number">{money(f.recurringMonthly, f.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Page>,
    );
  });
}
