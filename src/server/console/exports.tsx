/** /console/exports (treasurer): gifts in a date range as CSV, and the way to the payout reconciliation. */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { t } from './text.js';
import { Errors, isDay, treasurerOnly } from './figures.js';
import { giftsCsv } from './gifts-csv.js';

const yearAgo = () => new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);

export function exportPages({ ledger }: Services) {
  return new Hono<ConsoleEnv>()
    .use(treasurerOnly)
    .get('/', (c) => {
      const today = new Date().toISOString().slice(0, 10);
      return c.html(
        <Page title={t('exports.title')} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console/exports">
          <form method="get" action="/console/exports/gifts.csv">
            <h2>{t('exports.gifts')}</h2>
            <p>{t('exports.giftsHint')}</p>
            <p class="field">
              <label for="e-from">{t('gifts.filter.from')}</label>
              <input id="e-from" name="from" type="date" value={yearAgo()} required />
            </p>
            <p class="field">
              <label for="e-to">{t('gifts.filter.to')}</label>
              <input id="e-to" name="to" type="date" value={today} required />
            </p>
            <button type="submit">{t('exports.download')}</button>
          </form>
          <h2>{t('exports.payouts')}</h2>
          <p>
            <a href="/console/payouts">{t('exports.payoutsLink')}</a>
          </p>
        </Page>,
      );
    })
    .get('/gifts.csv', (c) => {
      const from = c.req.query('from');
      const to = c.req.query('to');
      if (!isDay(from) || !isDay(to) || from > to) {
        return c.html(
          <Page title={t('exports.title')} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console/exports">
            <Errors errors={[t('exports.badRange')]} />
            <p>
              <a href="/console/exports">{t('exports.back')}</a>
            </p>
          </Page>,
          400,
        );
      }
      return new Response(giftsCsv(ledger.db, { from, to }), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="gifts-${from}-to-${to}.csv"`,
          'cache-control': 'no-store',
        },
      });
    });
}
