/**
 * /console/offline: a treasurer records a cheque, cash or an event's takings (donor name and email
 * for the receipt, day given, amount, method, campaign, site, note), and corrects or voids one,
 * with a reason the audit log keeps. Totals follow in the same transaction (ledger/offline.ts).
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { Services } from '../env.js';
import { can, type ConsoleEnv } from './access.js';
import { Page } from './layout.js';
import { t, type ConsoleKey } from './text.js';
import { Errors, day, formOf, isDay, money, plainAmount, refuse, treasurerOnly, typedAmount } from './figures.js';
import { donorOf, statusLabel } from './gifts.js';
import { findGift, listGifts, type GiftRow } from '../ledger/gifts-query.js';
import { giftSubject } from '../ledger/gift-record.js';
import { OFFLINE_METHODS, MAX_AMOUNT } from '../ledger/entries.js';
import { OfflineGiftError, type OfflineGiftDetails } from '../ledger/offline.js';
import type { Campaign } from '../ledger/ledger.js';

const isEmail = (text: string) => v.is(v.pipe(v.string(), v.maxLength(254), v.email()), text);

/** The form read into an offline gift, or the problems in the treasurer's words. */
export function readOfflineForm(form: Record<string, string>, campaigns: Campaign[], today = new Date().toISOString().slice(0, 10)): { gift?: OfflineGiftDetails; errors: string[] } {
  const errors: string[] = [];
  const campaign = campaigns.find((c) => c.id === form.campaign);
  if (!campaign) errors.push(t('offline.error.campaign'));
  const amount = campaign ? typedAmount(form.amount, campaign.currency) : undefined;
  if (campaign && (amount === undefined || amount > MAX_AMOUNT)) errors.push(t('offline.error.amount'));
  const date = form.date?.trim() ?? '';
  if (!isDay(date) || date > today) errors.push(t('offline.error.date'));
  const method = OFFLINE_METHODS.find((m) => m === form.method);
  if (!method) errors.push(t('offline.error.method'));
  const name = form.donorName?.trim() ?? '';
  const email = form.donorEmail?.trim() ?? '';
  if (email && !isEmail(email)) errors.push(t('offline.error.email'));
  if (Boolean(name) !== Boolean(email)) errors.push(t('offline.error.donorPair'));
  const note = form.note?.trim().slice(0, 1000);
  const origin = form.siteOrigin?.trim();
  if (origin && (!/^https?:\/\/[^/\s]+$/.test(origin) || origin.length > 255 || (form.siteSource?.trim().length ?? 0) > 32)) errors.push(t('offline.error.site'));
  if (errors.length) return { errors };
  return {
    errors,
    gift: {
      campaign: campaign!.id,
      amount: amount!,
      date,
      method: method!,
      ...(note ? { note } : {}),
      ...(name && email ? { donor: { name, email } } : {}),
      ...(origin ? { site: { origin, source: form.siteSource?.trim() || null } } : {}),
    },
  };
}

function GiftFields({ campaigns, values }: { campaigns: Campaign[]; values: Record<string, string> }) {
  const text = (name: string, key: ConsoleKey, attrs: Record<string, string> = {}) => (
    <p class="field">
      <label for={`o-${name}`}>{t(key)}</label>
      <input id={`o-${name}`} name={name} value={values[name] ?? ''} {...attrs} />
    </p>
  );
  return (
    <>
      <p class="field">
        <label for="o-campaign">{t('offline.campaign')}</label>
        <select id="o-campaign" name="campaign" required>
          {campaigns.map((c) => (
            <option value={c.id} selected={values.campaign === c.id}>
              {c.name.en}
            </option>
          ))}
        </select>
      </p>
      {text('amount', 'offline.amount', { inputmode: 'decimal', required: '' })}
      {text('date', 'offline.date', { type: 'date', required: '' })}
      <fieldset>
        <legend>{t('offline.method')}</legend>
        {OFFLINE_METHODS.map((m) => (
          <label>
            <input type="radio" name="method" value={m} checked={(values.method ?? 'cheque') === m} /> {t(`gifts.method.${m}` as ConsoleKey)}
          </label>
        ))}
      </fieldset>
      {text('donorName', 'offline.donorName', { autocomplete: 'off' })}
      {text('donorEmail', 'offline.donorEmail', { type: 'email', autocomplete: 'off' })}
      {text('siteOrigin', 'offline.siteOrigin', { type: 'url' })}
      {text('siteSource', 'offline.siteSource')}
      <p class="field">
        <label for="o-note">{t('offline.note')}</label>
        <textarea id="o-note" name="note">
          {values.note ?? ''}
        </textarea>
      </p>
    </>
  );
}

const valuesOf = (g: GiftRow, note: string | null): Record<string, string> => ({
  campaign: g.campaign,
  amount: plainAmount(g.gift, g.currency),
  date: day(g.givenAt),
  method: g.method ?? 'other',
  donorName: g.donorName ?? '',
  donorEmail: g.donorEmail ?? '',
  note: note ?? '',
  siteOrigin: g.site.origin ?? '',
  siteSource: g.site.source ?? '',
});

export function offlinePages({ ledger }: Services) {
  async function listPage(c: Context<ConsoleEnv>, values: Record<string, string> = {}, errors: string[] = [], status: 200 | 400 = 200) {
    const [campaigns, recent] = await Promise.all([ledger.listCampaigns(), listGifts(ledger.db, { offline: true }, { limit: 50 }).then((p) => p.gifts)]);
    const treasurer = can(c.var.staff, 'treasurer');
    const done = c.req.query('done');
    return c.html(
      <Page title={t('offline.title')} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console/offline">
        {done && <p role="status" class="notice">{t(`offline.done.${done === 'void' ? 'void' : done === 'correct' ? 'correct' : 'record'}` as ConsoleKey)}</p>}
        <Errors errors={errors} />
        {treasurer && (
          <form method="post" action="/console/offline">
            <h2>{t('offline.record')}</h2>
            <input type="hidden" name="csrf" value={c.var.csrfToken} />
            <GiftFields campaigns={campaigns} values={values} />
            <button type="submit">{t('offline.recordSubmit')}</button>
          </form>
        )}
        <h2 id="recent-title">{t('offline.recent')}</h2>
        {recent.length ? (
          // At 320 px the table scrolls in its own region, not the page (WCAG 1.4.10).
          <div class="table-scroll" role="region" aria-labelledby="recent-title" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('gifts.col.date')}</th>
                <th scope="col">{t('gifts.col.donor')}</th>
                <th scope="col">{t('gifts.col.amount')}</th>
                <th scope="col">{t('gifts.col.campaign')}</th>
                <th scope="col">{t('gifts.col.method')}</th>
                <th scope="col">{t('gifts.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((g) => (
                <tr>
                  <td>{day(g.givenAt)}</td>
                  <td>
                    <a href={`/console/gifts/${encodeURIComponent(g.id)}`}>{donorOf(g)}</a>
                  </td>
                  <td class="number">{money(g.gift, g.currency)}</td>
                  <td>{g.campaign}</td>
                  <td>{t(`gifts.method.${g.method ?? 'other'}` as ConsoleKey)}</td>
                  <td>{statusLabel(g.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        ) : (
          <p>{t('offline.none')}</p>
        )}
      </Page>,
      status,
    );
  }

  async function editPage(c: Context<ConsoleEnv>, gift: GiftRow, values: Record<string, string>, errors: string[] = [], status: 200 | 400 = 200) {
    const campaigns = await ledger.listCampaigns();
    const action = `/console/offline/${encodeURIComponent(gift.id)}`;
    return c.html(
      <Page title={t('offline.editTitle', { donor: donorOf(gift), amount: money(gift.gift, gift.currency) })} staff={c.var.staff} csrfToken={c.var.csrfToken} current="/console/offline">
        <Errors errors={errors} />
        <form method="post" action={`${action}/correct`}>
          <h2>{t('offline.correct')}</h2>
          <input type="hidden" name="csrf" value={c.var.csrfToken} />
          <GiftFields campaigns={campaigns} values={values} />
          <p class="field">
            <label for="o-reason">{t('offline.reason')}</label>
            <textarea id="o-reason" name="reason" required aria-describedby="o-reason-hint">
              {values.reason ?? ''}
            </textarea>
            <span id="o-reason-hint" class="hint">
              {t('offline.reasonHint')}
            </span>
          </p>
          <button type="submit">{t('offline.correctSubmit')}</button>
        </form>
        <form method="post" action={`${action}/void`}>
          <h2>{t('offline.void')}</h2>
          <input type="hidden" name="csrf" value={c.var.csrfToken} />
          <p class="field">
            <label for="o-void-reason">{t('offline.reason')}</label>
            <textarea id="o-void-reason" name="reason" required />
          </p>
          <button type="submit">{t('offline.voidSubmit')}</button>
        </form>
      </Page>,
      status,
    );
  }

  async function offlineGift(c: Context<ConsoleEnv>) {
    const gift = await findGift(ledger.db, c.req.param('id') ?? '');
    return gift && gift.kind === 'offline' ? gift : undefined;
  }

  const problem = (error: unknown) => {
    if (error instanceof OfflineGiftError) return t(`offline.error.${error.code}` as ConsoleKey);
    throw error;
  };

  return new Hono<ConsoleEnv>()
    .get('/', (c) => listPage(c))
    .post('/', treasurerOnly, async (c) => {
      const form = await formOf(c);
      const { gift, errors } = readOfflineForm(form, await ledger.listCampaigns());
      if (!gift) return listPage(c, form, errors, 400);
      const actor = c.var.staff.id;
      await ledger.recordOfflineGift({ ...gift, amount: gift.amount }, (id) => ({ actor, action: 'offline_gift.record', subject: giftSubject(id), after: { ...gift, donor: gift.donor ? 'named' : null } }));
      return c.redirect('/console/offline?done=record', 303);
    })
    .get('/:id', treasurerOnly, async (c) => {
      const gift = await offlineGift(c);
      if (!gift || gift.status === 'voided') return refuse(c, 404, t('gifts.gift.notFound'));
      const record = await ledger.db.selectFrom('payments').select('note').where('id', '=', gift.id).executeTakeFirst();
      return editPage(c, gift, valuesOf(gift, record?.note ?? null));
    })
    .post('/:id/correct', treasurerOnly, async (c) => {
      const gift = await offlineGift(c);
      if (!gift) return refuse(c, 404, t('gifts.gift.notFound'));
      const form = await formOf(c);
      const read = readOfflineForm(form, await ledger.listCampaigns());
      const reason = form.reason?.trim().slice(0, 1000) ?? '';
      const errors = [...read.errors, ...(reason ? [] : [t('offline.error.reason')])];
      if (!read.gift || errors.length) return editPage(c, gift, form, errors, 400);
      try {
        await ledger.correctOfflineGift({ ...read.gift, id: gift.id, actor: c.var.staff.id, reason });
      } catch (error) {
        return editPage(c, gift, form, [problem(error)], 400);
      }
      return c.redirect('/console/offline?done=correct', 303);
    })
    .post('/:id/void', treasurerOnly, async (c) => {
      const gift = await offlineGift(c);
      if (!gift) return refuse(c, 404, t('gifts.gift.notFound'));
      const form = await formOf(c);
      const reason = form.reason?.trim().slice(0, 1000) ?? '';
      if (!reason) return editPage(c, gift, valuesOf(gift, null), [t('offline.error.reason')], 400);
      try {
        await ledger.voidOfflineGift(gift.id, c.var.staff.id, reason);
      } catch (error) {
        return editPage(c, gift, valuesOf(gift, null), [problem(error)], 400);
      }
      return c.redirect('/console/offline?done=void', 303);
    });
}
