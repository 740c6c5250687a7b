/** /console/payouts (treasurer): each Stripe payout with its gross, Stripe's fees and net, and the gifts it holds, to match the bank statement. */
import { Hono } from 'hono';
import type { Services } from '../env.js';
import type { ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { t } from './text.js';
import { StripeLink, day, money, refuse, treasurerOnly } from './figures.js';
import { listPayouts, readPayout } from '../ledger/payouts.js';

export function payoutPages({ ledger, config }: Services) {
  return new Hono<ConsoleEnv>()
    .use(treasurerOnly)
    .get('/', async (c) => {
      const payouts = await listPayouts(ledger.db);
      return c.html(
        <Page title={t('payouts.title')} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console/exports">
          {payouts.length === 0 ? (
            <p role="status">{t('payouts.none')}</p>
          ) : (
            <div class="table-scroll" role="region" aria-labelledby="payouts-caption" tabindex={0}>
              <table>
                <caption id="payouts-caption">{t('payouts.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('payouts.col.arrival')}</th>
                    <th scope="col">{t('payouts.col.payout')}</th>
                    <th scope="col">{t('payouts.col.gross')}</th>
                    <th scope="col">{t('payouts.col.fees')}</th>
                    <th scope="col">{t('payouts.col.net')}</th>
                    <th scope="col">{t('payouts.col.gifts')}</th>
                    <th scope="col">{t('gifts.col.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {payouts.map((p) => (
                    <tr>
                      <td>{day(p.arrivalDate)}</td>
                      <td>
                        <a href={`/console/payouts/${encodeURIComponent(p.id)}`}>{p.id}</a>
                      </td>
                      <td class="number">{money(p.gross, p.currency)}</td>
                      <td class="number">{money(p.fees, p.currency)}</td>
                      <td class="number">{money(p.net, p.currency)}</td>
                      <td class="number">{p.gifts}</td>
                      <td>{p.complete ? p.status : t('payouts.incomplete', { amount: money(p.amount, p.currency) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Page>,
      );
    })
    .get('/:id', async (c) => {
      const found = await readPayout(ledger.db, c.req.param('id'));
      if (!found) return refuse(c, 404, t('payouts.notFound'));
      const { payout, lines } = found;
      return c.html(
        <Page title={t('payouts.one', { id: payout.id, date: day(payout.arrivalDate) })} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console/exports">
          <dl>
            <dt>{t('payouts.col.payout')}</dt>
            <dd>
              <StripeLink id={payout.id} mode={config.mode} />
            </dd>
            <dt>{t('payouts.col.gross')}</dt>
            <dd>{money(payout.gross, payout.currency)}</dd>
            <dt>{t('payouts.col.fees')}</dt>
            <dd>{money(payout.fees, payout.currency)}</dd>
            <dt>{t('payouts.col.net')}</dt>
            <dd>{money(payout.net, payout.currency)}</dd>
            <dt>{t('payouts.bank')}</dt>
            <dd>{money(payout.amount, payout.currency)}</dd>
          </dl>
          <table>
            <caption>{t('payouts.lines')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('payouts.col.type')}</th>
                <th scope="col">{t('gifts.col.donor')}</th>
                <th scope="col">{t('gifts.col.campaign')}</th>
                <th scope="col">{t('gifts.col.receipt')}</th>
                <th scope="col">{t('payouts.col.gross')}</th>
                <th scope="col">{t('payouts.col.fees')}</th>
                <th scope="col">{t('payouts.col.net')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr>
                  <td>{l.type}</td>
                  <td>{l.gift ? <a href={`/console/gifts/${encodeURIComponent(l.gift.id)}`}>{l.gift.donorName ?? l.gift.id}</a> : (l.source ?? '–')}</td>
                  <td>{l.gift?.campaign ?? '–'}</td>
                  <td>{l.gift?.receiptNumber ?? '–'}</td>
                  <td class="number">{money(l.amount, payout.currency)}</td>
                  <td class="number">{money(l.fee, payout.currency)}</td>
                  <td class="number">{money(l.net, payout.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Page>,
      );
    });
}
