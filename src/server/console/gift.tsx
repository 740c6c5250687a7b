/**
 * /console/gifts/:id: everything the ledger knows of one gift, with links to it in Stripe's
 * Dashboard. A treasurer refunds it in full or in part (through Stripe; the totals move when
 * Stripe's webhook says the refund happened, as for one made in the Dashboard) and sends its
 * receipt again. Each refund form carries an attempt id of its own, from which the idempotency key
 * is made, so a doubled submit refunds once.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Services } from '../env.js';
import { can, type ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { t, type ConsoleKey } from './text.js';
import { Errors, StripeLink, day, formOf, money, refuse, treasurerOnly, typedAmount } from './figures.js';
import { donorOf, frequencyLabel, methodLabel, statusLabel } from './gifts.js';
import { giftSubject, readGiftRecord, type GiftRecord } from '../ledger/gift-record.js';
import { recordAudit } from '../ledger/audit.js';
import { siteLabel } from '../ledger/site-columns.js';

const ATTEMPT = /^[0-9a-f-]{36}$/;

/** What may still be refunded: the charge less what was refunded or lost in a dispute (counted reversals). */
export function refundable(record: GiftRecord): number {
  if (record.gift.kind === 'offline' || !record.gift.paymentIntent || record.gift.status === 'voided') return 0;
  const back = record.reversals.filter((r) => r.counted).reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, record.gift.total - back);
}

function Facts({ rows }: { rows: Array<[string, unknown]> }) {
  return (
    <dl>
      {rows.map(([term, value]) => (
        <>
          <dt>{term}</dt>
          <dd>{value === null || value === undefined || value === '' ? '–' : (value as string)}</dd>
        </>
      ))}
    </dl>
  );
}

function GiftPage({ c, record, services, errors = [], notice }: { c: Context<ConsoleEnv>; record: GiftRecord; services: Services; errors?: string[]; notice?: string }) {
  const { gift } = record;
  const mode = services.config.mode;
  const treasurer = can(c.var.staff, 'treasurer');
  const left = refundable(record);
  const action = `/console/gifts/${encodeURIComponent(gift.id)}`;
  return (
    <Page title={t('gifts.gift.title', { donor: donorOf(gift), amount: money(gift.gift, gift.currency) })} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console/gifts">
      <Errors errors={errors} />
      {notice && <p role="status" class="notice">{notice}</p>}
      <h2>{t('gifts.gift.details')}</h2>
      <Facts
        rows={[
          [t('gifts.col.date'), day(gift.givenAt)],
          [t('gifts.gift.recordedAt'), record.recordedAt],
          [t('gifts.col.donor'), gift.donorName],
          [t('gifts.gift.email'), gift.donorEmail],
          [t('gifts.gift.anonymous'), gift.anonymous ? t('gifts.gift.yes') : t('gifts.gift.no')],
          [t('gifts.col.amount'), money(gift.gift, gift.currency)],
          [t('gifts.gift.feeCovered'), money(gift.total - gift.gift, gift.currency)],
          [t('gifts.gift.charged'), money(gift.total, gift.currency)],
          [t('gifts.gift.refunded'), money(gift.refunded, gift.currency)],
          [t('gifts.col.status'), statusLabel(gift.status)],
          [t('gifts.col.campaign'), gift.campaign],
          [t('gifts.col.frequency'), frequencyLabel(gift.frequency)],
          [t('gifts.col.method'), methodLabel(gift.method ?? (gift.kind === 'offline' ? null : 'online'))],
          [t('gifts.col.receipt'), gift.receiptNumber],
          [t('gifts.gift.tribute'), gift.tributeKind ? t(gift.tributeKind === 'memory' ? 'gifts.gift.inMemory' : 'gifts.gift.inHonor', { name: gift.tributeName ?? '' }) : null],
          [t('gifts.gift.tributeNotify'), record.donation?.tributeNotifyEmail],
          [t('gifts.gift.tributeMessage'), record.donation?.tributeMessage],
          [t('gifts.gift.language'), record.donation?.locale],
          [t('gifts.col.site'), siteLabel(gift.site)],
          [t('gifts.gift.note'), record.note],
          [t('gifts.gift.ledgerId'), gift.id],
        ]}
      />
      <h2>{t('gifts.gift.stripe')}</h2>
      <ul>
        <li>
          {t('gifts.gift.paymentIntent')} <StripeLink id={gift.paymentIntent} mode={mode} />
        </li>
        {gift.kind === 'invoice' && (
          <li>
            {t('gifts.gift.invoice')} <StripeLink id={gift.id} mode={mode} />
          </li>
        )}
        {gift.subscription && (
          <li>
            {t('gifts.gift.subscription')} <StripeLink id={gift.subscription} mode={mode} />
          </li>
        )}
        {record.donation?.customer && (
          <li>
            {t('gifts.gift.customer')} <StripeLink id={record.donation.customer} mode={mode} />
          </li>
        )}
      </ul>
      {record.balance.length > 0 && (
        <table>
          <caption>{t('gifts.gift.balance')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payouts.col.type')}</th>
              <th scope="col">{t('payouts.col.gross')}</th>
              <th scope="col">{t('payouts.col.fees')}</th>
              <th scope="col">{t('payouts.col.net')}</th>
              <th scope="col">{t('payouts.col.payout')}</th>
            </tr>
          </thead>
          <tbody>
            {record.balance.map((b) => (
              <tr>
                <td>{b.type}</td>
                <td class="number">{money(b.amount, b.currency)}</td>
                <td class="number">{money(b.fee, b.currency)}</td>
                <td class="number">{money(b.net, b.currency)}</td>
                <td>{b.payout ? <a href={`/console/payouts/${encodeURIComponent(b.payout)}`}>{b.payout}</a> : t('payouts.notYet')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {record.reversals.length > 0 && (
        <table>
          <caption>{t('gifts.gift.reversals')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gifts.gift.reversal')}</th>
              <th scope="col">{t('gifts.col.amount')}</th>
              <th scope="col">{t('gifts.col.status')}</th>
              <th scope="col">{t('gifts.gift.recordedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {record.reversals.map((r) => (
              <tr>
                <td>
                  {t(r.kind === 'dispute' ? 'gifts.gift.dispute' : 'gifts.gift.refund')} <StripeLink id={r.id} mode={mode} />
                </td>
                <td class="number">{money(r.amount, gift.currency)}</td>
                <td>{r.status}</td>
                <td>{r.recordedAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {treasurer && left > 0 && (
        <form method="post" action={`${action}/refund`}>
          <h2>{t('gifts.gift.refundHeading')}</h2>
          <input type="hidden" name="csrf" value={c.var.csrfToken} />
          <input type="hidden" name="attempt" value={randomUUID()} />
          <p class="field">
            <label for="refund-amount">{t('gifts.gift.refundAmount')}</label>
            <input id="refund-amount" name="amount" inputmode="decimal" aria-describedby="refund-hint" />
            <span id="refund-hint" class="hint">
              {t('gifts.gift.refundHint', { left: money(left, gift.currency) })}
            </span>
          </p>
          <button type="submit">{t('gifts.gift.refundSubmit')}</button>
        </form>
      )}
      <h2>{t('gifts.gift.mail')}</h2>
      {record.mail.length ? (
        <ul>
          {record.mail.map((m) => (
            <li>{t('gifts.gift.mailLine', { kind: m.kind, status: m.status, attempts: m.attempts, sent: m.sentAt ?? '–' })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('gifts.gift.noMail')}</p>
      )}
      {treasurer && gift.donorEmail && gift.status !== 'voided' && (
        <form method="post" action={`${action}/receipt`}>
          <input type="hidden" name="csrf" value={c.var.csrfToken} />
          <button type="submit">{t('gifts.gift.resend')}</button>
        </form>
      )}
      {treasurer && gift.kind === 'offline' && gift.status !== 'voided' && (
        <p>
          <a href={`/console/offline/${encodeURIComponent(gift.id)}`}>{t('gifts.gift.correct')}</a>
        </p>
      )}
      <h2>{t('gifts.gift.events')}</h2>
      {record.events.length ? (
        <ol>
          {record.events.map((e) => (
            <li>
              {e.receivedAt} <code>{e.type}</code> ({e.id})
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('gifts.gift.noEvents')}</p>
      )}
      {record.audit.length > 0 && (
        <>
          <h2>{t('gifts.gift.changes')}</h2>
          <ol>
            {record.audit.map((a) => (
              <li>
                {t('gifts.gift.changeLine', { at: a.at, actor: a.actor, action: a.action })}
                {a.reason && <> {t('gifts.gift.reason', { reason: a.reason })}</>}
              </li>
            ))}
          </ol>
        </>
      )}
    </Page>
  );
}

export function giftPages(services: Services) {
  const { ledger, stripe } = services;
  const load = async (c: Context<ConsoleEnv>) => readGiftRecord(ledger.db, c.req.param('id') ?? '');
  return new Hono<ConsoleEnv>()
    .get('/:id', async (c) => {
      const record = await load(c);
      if (!record) return refuse(c, 404, t('gifts.gift.notFound'));
      const done = c.req.query('done');
      const notice = done === 'refund' ? t('gifts.gift.refundAsked') : done === 'receipt' ? t('gifts.gift.resent') : undefined;
      return c.html(<GiftPage c={c} record={record} services={services} {...(notice ? { notice } : {})} />);
    })
    .post('/:id/refund', treasurerOnly, async (c) => {
      const record = await load(c);
      if (!record) return refuse(c, 404, t('gifts.gift.notFound'));
      const form = await formOf(c);
      const left = refundable(record);
      const errors: string[] = [];
      const amount = form.amount?.trim() ? typedAmount(form.amount, record.gift.currency) : left;
      if (!ATTEMPT.test(form.attempt ?? '')) errors.push(t('gifts.gift.refundStale'));
      if (left <= 0) errors.push(t('gifts.gift.refundNothing'));
      else if (amount === undefined) errors.push(t('gifts.gift.refundAmountInvalid'));
      else if (amount > left) errors.push(t('gifts.gift.refundTooMuch', { left: money(left, record.gift.currency) }));
      if (errors.length) return c.html(<GiftPage c={c} record={record} services={services} errors={errors} />, 400);
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: record.gift.paymentIntent!, amount: amount!, reason: 'requested_by_customer', metadata: { ledgerGift: record.gift.id } },
          { idempotencyKey: `console-refund:${record.gift.id}:${form.attempt}` },
        );
        // Stripe made the refund; the ledger counts it when its webhook arrives. The request is what the
        // audit log keeps, once: a doubled submit gets Stripe's first answer again (Idempotent-Replayed).
        const replayed = refund.lastResponse?.headers?.['idempotent-replayed'] === 'true';
        if (!replayed) await recordAudit(ledger.db, { actor: c.var.staff.id, action: 'gift.refund', subject: giftSubject(record.gift.id), after: { refund: refund.id, amount: amount!, status: refund.status } });
      } catch (error) {
        const message = (error as { message?: string }).message ?? '';
        return c.html(<GiftPage c={c} record={record} services={services} errors={[t('gifts.gift.refundRefused', { message })]} />, 400);
      }
      return c.redirect(`/console/gifts/${encodeURIComponent(record.gift.id)}?done=refund`, 303);
    })
    .post('/:id/receipt', treasurerOnly, async (c) => {
      const record = await load(c);
      if (!record) return refuse(c, 404, t('gifts.gift.notFound'));
      const outcome = await ledger.resendReceipt(record.gift.id, c.var.staff.id);
      if (outcome !== 'queued') return c.html(<GiftPage c={c} record={record} services={services} errors={[t(`gifts.gift.resend.${outcome}` as ConsoleKey)]} />, 400);
      return c.redirect(`/console/gifts/${encodeURIComponent(record.gift.id)}?done=receipt`, 303);
    });
}
