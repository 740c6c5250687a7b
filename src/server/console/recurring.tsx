/** /console/recurring: monthly and annual gifts by status (active, paused, failing, cancelled), with the next payment's day. */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { t, type ConsoleKey } from './text.js';
import { StripeLink, day, money } from './figures.js';
import { donorOf, frequencyLabel } from './gifts.js';
import { RECURRING_STATUSES, recurringGifts, type RecurringStatus } from '../ledger/recurring.js';

const PAGE = 100;

export function recurringPages({ ledger, config }: Services) {
  return new Hono<ConsoleEnv>().get('/', async (c) => {
    const asked = c.req.query('status');
    const status = (RECURRING_STATUSES as readonly string[]).includes(asked ?? '') ? (asked as RecurringStatus) : 'active';
    const page = Math.max(0, Math.min(10_000, Number.parseInt(c.req.query('page') ?? '0', 10) || 0));
    const all = await recurringGifts(ledger.db, { status });
    const shown = all.slice(page * PAGE, (page + 1) * PAGE);
    return c.html(
      <Page title={t('recurring.title')} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console/recurring">
        <nav aria-label={t('recurring.statuses')}>
          <ul class="tabs">
            {RECURRING_STATUSES.map((s) => (
              <li>
                <a href={`/console/recurring?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                  {t(`recurring.status.${s}` as ConsoleKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p role="status">{t('recurring.count', { count: all.length, status: t(`recurring.status.${status}` as ConsoleKey) })}</p>
        {shown.length > 0 && (
          <div class="table-scroll" role="region" aria-labelledby="recurring-caption" tabindex={0}>
            <table>
              <caption id="recurring-caption">{t(`recurring.status.${status}` as ConsoleKey)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('gifts.col.donor')}</th>
                  <th scope="col">{t('gifts.col.amount')}</th>
                  <th scope="col">{t('gifts.col.frequency')}</th>
                  <th scope="col">{t('gifts.col.campaign')}</th>
                  <th scope="col">{t('recurring.started')}</th>
                  <th scope="col">{t('recurring.lastPaid')}</th>
                  <th scope="col">{t('recurring.payments')}</th>
                  <th scope="col">{status === 'cancelled' ? t('recurring.cancelledAt') : t('recurring.next')}</th>
                  <th scope="col">{t('gifts.gift.subscription')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((g) => (
                  <tr>
                    <td>{donorOf(g)}</td>
                    <td class="number">{money(g.gift, g.currency)}</td>
                    <td>{frequencyLabel(g.frequency)}</td>
                    <td>{g.campaign}</td>
                    <td>{day(g.startedAt)}</td>
                    <td>{day(g.lastPaidAt)}</td>
                    <td class="number">{g.payments}</td>
                    <td>{status === 'cancelled' ? day(g.cancelledAt) : (g.nextPaymentAt ?? '–')}</td>
                    <td>
                      <StripeLink id={g.subscription} mode={config.mode} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label={t('gifts.pages')}>
          {page > 0 && <a href={`/console/recurring?status=${status}&page=${page - 1}`}>{t('recurring.previous')}</a>}{' '}
          {(page + 1) * PAGE < all.length && (
            <a href={`/console/recurring?status=${status}&page=${page + 1}`} rel="next">
              {t('gifts.next')}
            </a>
          )}
        </nav>
      </Page>,
    );
  });
}
