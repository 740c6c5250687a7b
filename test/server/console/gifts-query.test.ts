/** The gifts list's ledger queries, on SQLite and PostgreSQL: search, filters, sorting and keyset pages. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../src/server/ledger/ledger.js';
import { findGift, listGifts, type GiftFilters } from '../../../src/server/ledger/gifts-query.js';
import { BACKENDS, openTestLedger } from '../helpers.js';
import { seedGifts } from './gift-pages-support.js';

describe.each(BACKENDS)('gifts list on %s', (backend) => {
  let ledger: Ledger;
  let drop: () => Promise<void>;
  let seeded: Awaited<ReturnType<typeof seedGifts>>;
  beforeEach(async () => {
    ({ ledger, drop } = await openTestLedger(backend));
    seeded = await seedGifts(ledger);
  });
  afterEach(() => drop());

  const ids = async (filters: GiftFilters, sort?: Parameters<typeof listGifts>[2]) => (await listGifts(ledger.db, filters, sort)).gifts.map((g) => g.id);

  it('lists every gift newest first with its donor, status and what was refunded of it', async () => {
    const { gifts, next } = await listGifts(ledger.db, {});
    expect(next).toBeUndefined();
    expect(gifts).toHaveLength(7);
    // The offline gifts were given in March and April; the card gifts today.
    expect(gifts.slice(-2).map((g) => g.id)).toEqual([seeded.event, seeded.cheque]);
    const bruno = gifts.find((g) => g.id === 'pi_bruno')!;
    expect(bruno).toMatchObject({ donorName: 'Bruno Lima', status: 'part_refunded', refunded: 2_000, frequency: 'once' });
    expect(gifts.find((g) => g.id === 'in_carla_2')).toMatchObject({ frequency: 'month', subscription: 'sub_carla', status: 'paid' });
    expect(gifts.find((g) => g.id === 'pi_ana')).toMatchObject({ gift: 10_000, total: 10_256, tributeName: 'Maria' });
  });

  it('pages by keyset: every gift exactly once, in order, whichever sort', async () => {
    for (const sort of ['date_desc', 'date_asc', 'amount_desc', 'amount_asc'] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await listGifts(ledger.db, {}, { sort, limit: 2, ...(after ? { after } : {}) });
        seen.push(...page.gifts.map((g) => g.id));
        after = page.next;
      } while (after);
      expect(seen).toEqual(await ids({}, { sort, limit: 200 }));
      expect(new Set(seen).size).toBe(7);
    }
    const amounts = (await listGifts(ledger.db, {}, { sort: 'amount_desc' })).gifts.map((g) => g.gift);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it('finds a gift by donor name or email, receipt number, and any of its Stripe ids', async () => {
    expect(await ids({ search: 'souza' })).toEqual(['pi_ana']);
    expect(await ids({ search: 'BRUNO@example.org' })).toEqual(['pi_bruno']);
    expect(await ids({ search: 're_bruno' })).toEqual(['pi_bruno']);
    expect(await ids({ search: 'sub_carla' })).toEqual(['in_carla_2', 'in_carla_1']);
    expect(await ids({ search: 'pi_carla_1' })).toEqual(['in_carla_1']);
    expect(await ids({ search: '100%' })).toEqual([]);
    // Receipts are numbered when queued: give this gift one to find it by.
    await ledger.db.updateTable('payments').set({ receipt_number: '2026-000042' }).where('id', '=', seeded.cheque).execute();
    expect(await ids({ search: '2026-42' })).toEqual([seeded.cheque]);
  });

  it('filters by campaign, frequency, status, method and the days given', async () => {
    expect(await ids({ campaign: 'youth' })).toEqual(['pi_eva']);
    expect((await ids({ frequency: 'month' })).sort()).toEqual(['in_carla_1', 'in_carla_2']);
    expect(await ids({ frequency: 'once', campaign: 'youth' })).toEqual(['pi_eva']);
    expect(await ids({ status: 'part_refunded' })).toEqual(['pi_bruno']);
    expect(await ids({ method: 'cheque' })).toEqual([seeded.cheque]);
    expect(await ids({ method: 'event' })).toEqual([seeded.event]);
    expect(await ids({ from: '2026-03-01', to: '2026-03-31' })).toEqual([seeded.cheque]);
    expect(await ids({ from: '2026-03-14', to: '2026-04-02' })).toEqual([seeded.event, seeded.cheque]);
    expect((await ids({ method: 'online' })).length).toBe(5);
    expect(await ids({ offline: true, campaign: 'youth' })).toEqual([]);
  });

  it('reads one gift, or none for an unknown id', async () => {
    expect(await findGift(ledger.db, 'pi_eva')).toMatchObject({ campaign: 'youth', donorEmail: 'eva@example.org' });
    expect(await findGift(ledger.db, 'pi_nobody')).toBeUndefined();
  });
});
