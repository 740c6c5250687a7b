/**
 * /api/manage against the real endpoint, the Stripe stand-in (delivering every webhook twice) and
 * each ledger: what a donor with a link can see and change, and that a tampered or expired link,
 * another gift's, an amount out of range or a replayed change reaches Stripe not at all (or once).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charge } from '../../../src/core/fees.js';
import type { CardConfirmResponse, ManageResponse } from '../../../src/core/manage-api.js';
import { manageLinksFor, ManageLinks, LINK_LIFETIME } from '../../../src/server/manage/links.js';
import { BACKENDS, donate, intentId, raised, startHarness, type Harness } from '../helpers.js';

for (const backend of BACKENDS) {
  describe(`managing a recurring gift, ledger on ${backend}`, () => {
    let h: Harness;
    let links: ManageLinks;
    let n = 0;

    beforeAll(async () => {
      h = await startHarness({ backend, delivery: { duplicate: 1 }, env: { PUBLIC_URL: 'https://give.miracoalition.org' } });
      links = manageLinksFor(h.config);
    });
    afterAll(() => h?.close());

    /** A monthly gift given and paid through the form, as a donor would: its subscription id. */
    async function monthlyGift(overrides: Record<string, unknown> = {}): Promise<string> {
      const body = await donate(h, { frequency: 'month', gift: 2_500, donor: { email: `donor-${++n}-${backend}@example.org`, name: 'Rosa Lima' }, ...overrides });
      expect((await h.standin.confirm(intentId(body.clientSecret))).status).toBe('succeeded');
      await h.standin.settled();
      const subscription = h.standin.objects('subscription').find((s) => s.metadata.donationId === body.donationId)!;
      return subscription.id;
    }

    const api = (path: string, token: string | undefined, init: { method?: string; body?: unknown; key?: string | null } = {}) =>
      fetch(`${h.url}/api/manage${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.key === null ? {} : { 'idempotency-key': init.key ?? randomUUID() }),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    const tokenFor = (subscription: string) => links.sign(subscription, LINK_LIFETIME.receipt);
    /** Requests the endpoint made to Stripe that change something, from `since` on. */
    const writesSince = (since: number) => h.standin.requests.slice(since).filter((r) => r.method !== 'GET');
    /** The mail of one kind the outbox holds about a gift (kept there: no SMTP server in these tests). */
    const mailFor = (subscription: string, kind: 'gift_changed' | 'payment_failed' | 'gift_ended' | 'manage_link') =>
      h.ledger.db.selectFrom('outbox').selectAll().where('subscription', '=', subscription).where('kind', '=', kind).execute();
    async function mailSettled(): Promise<void> {
      for (let i = 0; i < 200; i++) {
        const counts = await h.ledger.outbox.counts();
        if (counts.queued === 0 && counts.sending === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('outbox still busy');
    }

    it('shows the gift: amount, frequency, campaign, card, next payment, the payment made, in its language', async () => {
      const subscription = await monthlyGift({ locale: 'pt', coverFee: true, tribute: { kind: 'memory', name: 'Dona Cida' } });
      const response = await api('/gift', tokenFor(subscription), { key: null });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const { gift, minimum, maximum, feeRates } = (await response.json()) as ManageResponse;
      expect({ minimum, maximum, feeRates }).toEqual({ minimum: h.config.minimum, maximum: h.config.maximum, feeRates: h.config.feeRates });
      const amounts = charge(2_500, true, h.config.feeRates);
      expect(gift).toMatchObject({ gift: 2_500, fee: amounts.fee, total: amounts.total, coverFee: true, frequency: 'month', status: 'active', currency: 'USD', locale: 'pt' });
      expect(gift.campaign).toMatchObject({ id: 'mira', name: { pt: expect.any(String) } });
      expect(gift.tribute).toEqual({ kind: 'memory', name: 'Dona Cida' });
      expect(gift.card).toMatchObject({ brand: 'visa', last4: '4242' });
      expect(gift.nextPaymentAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(gift.payments).toEqual([expect.objectContaining({ amount: amounts.total, status: 'paid' })]);
    });

    it('refuses a missing, tampered, expired or foreign link, asking nothing of Stripe', async () => {
      const subscription = await monthlyGift();
      const other = await monthlyGift();
      const token = tokenFor(subscription);
      const [v, id, , exp, mac] = token.split('.');
      const expired = new ManageLinks(h.config.manage.linkKeys, 'http://x', () => Date.now() - 2 * LINK_LIFETIME.receipt).sign(subscription, LINK_LIFETIME.receipt);
      const foreign = new ManageLinks([{ id: 'test', secret: Buffer.alloc(32, 9) }], 'http://x').sign(subscription, LINK_LIFETIME.receipt);
      const since = h.standin.requests.length;
      const cases: Array<[string | undefined, string]> = [
        [undefined, 'link_invalid'],
        [[v, id, other, exp, mac].join('.'), 'link_invalid'],
        [[v, id, subscription, String(Number(exp) + 1), mac].join('.'), 'link_invalid'],
        [foreign, 'link_invalid'],
        [expired, 'link_expired'],
      ];
      for (const [bad, code] of cases) {
        for (const [path, body] of [['/gift', undefined], ['/gift', { action: 'cancel' }], ['/card', {}], ['/card/confirm', { setupIntent: 'seti_x' }]] as const) {
          const response = await api(path, bad, body === undefined ? { key: null } : { body });
          expect(response.status, `${path} ${code}`).toBe(401);
          expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
        }
      }
      expect(h.standin.requests.length).toBe(since);
      expect((await h.stripe.subscriptions.retrieve(other)).status).toBe('active');

      // Signed, but for a subscription this endpoint did not make: nothing to manage, and Stripe is not asked.
      const beforeStranger = h.standin.requests.length;
      const stranger = await api('/gift', tokenFor('sub_notours123'), { key: null });
      expect(stranger.status).toBe(404);
      expect(((await stranger.json()) as { error: { code: string } }).error.code).toBe('gift_not_found');
      expect(h.standin.requests.slice(beforeStranger)).toEqual([]);
    });

    it('changes the amount and the fee cover with one Stripe call, recomputing the fee as the form does; a replay changes nothing twice', async () => {
      const subscription = await monthlyGift({ locale: 'es' });
      const token = tokenFor(subscription);
      const key = randomUUID();
      const since = h.standin.requests.length;
      const first = await api('/gift', token, { key, body: { action: 'change', gift: 1_500, frequency: 'month', coverFee: true } });
      expect(first.status).toBe(200);
      const answer = (await first.json()) as ManageResponse;
      const amounts = charge(1_500, true, h.config.feeRates);
      expect(answer.gift).toMatchObject({ gift: 1_500, fee: amounts.fee, total: amounts.total, coverFee: true, frequency: 'month' });
      const writes = writesSince(since);
      expect(writes).toEqual([expect.objectContaining({ method: 'POST', path: `/v1/subscriptions/${subscription}`, idempotencyKey: `${key}:manage:change` })]);

      const again = await api('/gift', token, { key, body: { action: 'change', gift: 1_500, frequency: 'month', coverFee: true } });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(answer);
      expect(writesSince(since)).toHaveLength(1);
      const reused = await api('/gift', token, { key, body: { action: 'change', gift: 1_600, frequency: 'month', coverFee: true } });
      expect(reused.status).toBe(422);
      expect(writesSince(since)).toHaveLength(1);

      const stripeSide = await h.stripe.subscriptions.retrieve(subscription);
      expect(stripeSide.items.data[0]!.price.unit_amount).toBe(amounts.total);
      expect(stripeSide.metadata).toMatchObject({ gift: '1500', fee: String(amounts.fee), frequency: 'month' });

      // The next renewal charges and counts the new amount.
      const before = await raised(h.ledger);
      await h.standin.renewSubscription(subscription);
      await h.standin.settled();
      expect((await raised(h.ledger)) - before).toBe(1_500);

      await mailSettled();
      const confirmations = await mailFor(subscription, 'gift_changed');
      expect(confirmations).toHaveLength(1);
      expect(confirmations[0]).toMatchObject({ language: 'es', status: 'kept' });
      expect(confirmations[0]!.text).toContain('Tu donación cambió');
      expect(confirmations[0]!.text).toContain('$15.00');
    });

    it('takes a double click (the same change twice at once) as one change, confirmed once', async () => {
      const subscription = await monthlyGift();
      const token = tokenFor(subscription);
      const key = randomUUID();
      const body = { action: 'change', gift: 4_000, frequency: 'month', coverFee: false };
      const [a, b] = await Promise.all([api('/gift', token, { key, body }), api('/gift', token, { key, body })]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect((await a.json()) as ManageResponse).toMatchObject({ gift: { gift: 4_000, total: 4_000 } });
      expect((await b.json()) as ManageResponse).toMatchObject({ gift: { gift: 4_000, total: 4_000 } });
      // Whatever reached Stripe carried one idempotency key, so Stripe made one change.
      const updates = h.standin.requests.filter((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscription}`);
      expect(new Set(updates.map((r) => r.idempotencyKey))).toEqual(new Set([`${key}:manage:change`]));
      expect(h.standin.objects('price').filter((p) => p.unit_amount === 4_000 && p.product === 'mira_donate_mira').length).toBe(1);
      await mailSettled();
      expect(await mailFor(subscription, 'gift_changed')).toHaveLength(1);
    });

    it('refuses an amount out of range, a bad frequency or action, and a missing key, with nothing changed at Stripe', async () => {
      const subscription = await monthlyGift();
      const token = tokenFor(subscription);
      const since = h.standin.requests.length;
      const cases: Array<[unknown, string | null, number, string]> = [
        [{ action: 'change', gift: h.config.minimum - 1, frequency: 'month', coverFee: false }, undefined!, 400, 'amount_too_small'],
        [{ action: 'change', gift: h.config.maximum + 1, frequency: 'month', coverFee: false }, undefined!, 400, 'amount_too_large'],
        [{ action: 'change', gift: 10.5, frequency: 'month', coverFee: false }, undefined!, 400, 'amount_invalid'],
        [{ action: 'change', gift: 1_000, frequency: 'once', coverFee: false }, undefined!, 400, 'frequency_invalid'],
        [{ action: 'change', gift: 1_000, frequency: 'month', coverFee: 'yes' }, undefined!, 400, 'cover_fee_invalid'],
        [{ action: 'pause', months: 4 }, undefined!, 400, 'pause_invalid'],
        [{ action: 'resume' }, undefined!, 409, 'not_paused'],
        [{ action: 'refund' }, undefined!, 400, 'change_invalid'],
        [{ action: 'cancel' }, null, 400, 'idempotency_key_invalid'],
      ];
      for (const [body, key, status, code] of cases) {
        const response = await api('/gift', token, { body, ...(key === null ? { key: null } : {}) });
        expect(response.status, code).toBe(status);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
      }
      expect(writesSince(since)).toEqual([]);
    });

    it('switches to annual: a new yearly price on the campaign\'s product, billed and counted once', async () => {
      const subscription = await monthlyGift();
      const before = await raised(h.ledger);
      const response = await api('/gift', tokenFor(subscription), { body: { action: 'change', gift: 20_000, frequency: 'year', coverFee: false } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as ManageResponse).gift).toMatchObject({ frequency: 'year', total: 20_000 });
      const item = (await h.stripe.subscriptions.retrieve(subscription)).items.data[0]!;
      expect(item.price).toMatchObject({ unit_amount: 20_000, recurring: expect.objectContaining({ interval: 'year' }), product: 'mira_donate_mira' });
      await h.standin.settled();
      expect((await raised(h.ledger)) - before).toBe(20_000);
    });

    it('pauses for two months (nothing charged then), resumes, and cancels at once: nothing charged after', async () => {
      const subscription = await monthlyGift();
      const token = tokenFor(subscription);
      const paused = (await (await api('/gift', token, { body: { action: 'pause', months: 2 } })).json()) as ManageResponse;
      expect(paused.gift.status).toBe('paused');
      const resumes = new Date();
      resumes.setUTCMonth(resumes.getUTCMonth() + 2);
      expect(paused.gift.pausedUntil).toBe(resumes.toISOString().slice(0, 10));
      const sub = await h.stripe.subscriptions.retrieve(subscription);
      expect(sub.pause_collection).toMatchObject({ behavior: 'void' });

      const before = await raised(h.ledger);
      const skipped = await h.standin.renewSubscription(subscription);
      expect((await h.stripe.invoices.retrieve(skipped)).status).toBe('void');
      await h.standin.settled();
      expect(await raised(h.ledger)).toBe(before);

      const resumed = (await (await api('/gift', token, { body: { action: 'resume' } })).json()) as ManageResponse;
      expect(resumed.gift.status).toBe('active');
      expect((await h.stripe.subscriptions.retrieve(subscription)).pause_collection).toBeNull();

      const key = randomUUID();
      const canceled = await api('/gift', token, { key, body: { action: 'cancel' } });
      expect(((await canceled.json()) as ManageResponse).gift.status).toBe('canceled');
      expect(h.standin.requests.filter((r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${subscription}`)).toHaveLength(1);
      // Replayed: the same answer, not a second DELETE; anything else now is refused.
      expect((await api('/gift', token, { key, body: { action: 'cancel' } })).status).toBe(200);
      expect(h.standin.requests.filter((r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${subscription}`)).toHaveLength(1);
      const refused = await api('/gift', token, { body: { action: 'change', gift: 1_000, frequency: 'month', coverFee: false } });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('gift_canceled');
      await expect(h.standin.renewSubscription(subscription)).rejects.toThrow(/canceled/);
      await h.standin.settled();
      await mailSettled();
      expect((await mailFor(subscription, 'gift_changed')).length).toBe(3);
      // A cancellation the donor asked for is confirmed, not announced again as a gift Stripe stopped.
      expect(await mailFor(subscription, 'gift_ended')).toHaveLength(0);
    });

    it('a failed renewal mails the donor once (the event delivered twice, and retried), with a link straight to the card; the new card pays the invoice, counted once', async () => {
      const subscription = await monthlyGift({ locale: 'pt' });
      const customer = (await h.stripe.subscriptions.retrieve(subscription)).customer as string;
      // The card on file starts to decline (Stripe's 4000 0000 0000 0341).
      await h.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer }).then((pm) => h.stripe.subscriptions.update(subscription, { default_payment_method: pm.id }));
      const before = await raised(h.ledger);
      const invoice = await h.standin.renewSubscription(subscription);
      await h.standin.settled();
      expect((await h.stripe.subscriptions.retrieve(subscription)).status).toBe('past_due');
      // Stripe's Smart Retries try the same invoice again, and fail again.
      await h.stripe.invoices.pay(invoice).catch(() => undefined);
      await h.standin.settled();
      await mailSettled();
      const failed = await mailFor(subscription, 'payment_failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.language).toBe('pt');
      const link = /https:\/\/give\.miracoalition\.org\/manage#(\S+)&card/.exec(failed[0]!.text ?? '');
      expect(link).not.toBeNull();
      const token = link![1]!;

      const gift = (await (await api('/gift', token, { key: null })).json()) as ManageResponse;
      expect(gift.gift.status).toBe('past_due');
      expect(gift.gift.payments[0]).toMatchObject({ status: 'failed' });

      const { clientSecret } = (await (await api('/card', token, { body: {} })).json()) as { clientSecret: string };
      expect(clientSecret).toMatch(/^seti_.+_secret_/);
      const setupIntent = clientSecret.split('_secret_')[0]!;
      // Saving a card nobody confirmed is refused, and nothing is paid.
      const unconfirmed = await api('/card/confirm', token, { body: { setupIntent } });
      expect(((await unconfirmed.json()) as { error: { code: string } }).error.code).toBe('card_not_saved');
      // The donor types a working card into the Payment Element, as the stand-in's confirmSetup sends it.
      const confirm = await fetch(`${h.standin.url}/v1/setup_intents/${setupIntent}/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: h.standin.publishableKey, client_secret: clientSecret, 'payment_method_data[type]': 'card', 'payment_method_data[card][number]': '5555555555554444', 'payment_method_data[card][exp_month]': '12', 'payment_method_data[card][exp_year]': String(new Date().getUTCFullYear() + 3), 'payment_method_data[card][cvc]': '123' }),
      });
      expect(confirm.status).toBe(200);

      const confirmed = await api('/card/confirm', token, { body: { setupIntent } });
      expect(confirmed.status).toBe(200);
      const answer = (await confirmed.json()) as CardConfirmResponse;
      expect(answer.openInvoice).toBe('paid');
      expect(answer.gift).toMatchObject({ status: 'active', card: { brand: 'mastercard', last4: '4444' } });
      // Confirmed twice (a double click): one update, one payment.
      expect(await (await api('/card/confirm', token, { body: { setupIntent } })).json()).toEqual(answer);
      expect(h.standin.requests.filter((r) => r.method === 'POST' && r.path === `/v1/invoices/${invoice}/pay` && r.idempotencyKey?.startsWith('card:'))).toHaveLength(1);
      await h.standin.settled();
      expect((await h.stripe.invoices.retrieve(invoice)).status).toBe('paid');
      expect((await raised(h.ledger)) - before).toBe(2_500);
      await mailSettled();
      expect(await mailFor(subscription, 'payment_failed')).toHaveLength(1);
      expect(await mailFor(subscription, 'gift_changed')).toHaveLength(1);
    });

    it('refuses another gift\'s card', async () => {
      const mine = await monthlyGift();
      const theirs = await monthlyGift();
      const { clientSecret } = (await (await api('/card', tokenFor(theirs), { body: {} })).json()) as { clientSecret: string };
      const setupIntent = clientSecret.split('_secret_')[0]!;
      await h.stripe.setupIntents.confirm(setupIntent, { payment_method: 'pm_card_visa' });
      const since = h.standin.requests.length;
      const response = await api('/card/confirm', tokenFor(mine), { body: { setupIntent } });
      expect(response.status).toBe(403);
      expect(writesSince(since)).toEqual([]);
    });

    it('tells the donor once when Stripe gives up and stops the gift, with a link to start again', async () => {
      const subscription = await monthlyGift({ locale: 'es' });
      await h.standin.giveUp(subscription);
      await h.standin.settled();
      await mailSettled();
      const ended = await mailFor(subscription, 'gift_ended');
      expect(ended).toHaveLength(1);
      expect(ended[0]!.text).toContain('Tu donación recurrente se detuvo');
      expect(ended[0]!.text).toContain('Empezar una nueva donación: https://give.miracoalition.org');
    });

    it('mails fresh links to an email\'s active recurring gifts, answering the same for any email, a few times per window', async () => {
      const email = `links-${backend}@example.org`;
      const first = await monthlyGift({ donor: { email, name: 'Ana' } });
      const second = await monthlyGift({ donor: { email, name: 'Ana' }, locale: 'es' });
      const canceled = await monthlyGift({ donor: { email, name: 'Ana' } });
      await h.stripe.subscriptions.cancel(canceled);
      await h.standin.settled();
      const ask = (address: string) => fetch(`${h.url}/api/manage/links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: address, locale: 'en' }) });
      for (const address of [email, 'nobody@example.org']) {
        const response = await ask(address);
        expect(response.status).toBe(202);
        expect(await response.json()).toEqual({ sent: true });
      }
      await mailSettled();
      expect(await mailFor(first, 'manage_link')).toHaveLength(1);
      expect(await mailFor(second, 'manage_link')).toHaveLength(1);
      expect(await mailFor(canceled, 'manage_link')).toHaveLength(0);
      const [mailed] = await mailFor(second, 'manage_link');
      const token = /\/manage#(\S+)/.exec(mailed!.text ?? '')![1]!;
      expect(links.verify(token)).toMatchObject({ ok: true, subscription: second });
      expect(mailed!.language).toBe('es');

      for (let i = 0; i < 4; i++) expect((await ask(email)).status).toBe(202);
      await mailSettled();
      // Three per window, however often it is asked.
      expect(await mailFor(first, 'manage_link')).toHaveLength(3);
      expect((await ask('not an email')).status).toBe(400);
    });
  });
}
