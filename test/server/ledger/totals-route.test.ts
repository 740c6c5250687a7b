/**
 * GET /api/campaigns/:id when a crowd arrives at once (a campaign page shared widely): requests that
 * miss the cache together share one read of the ledger, and none is ever answered with a read that
 * began before a write it should see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignTotals } from '../../../src/server/ledger/ledger.js';
import { startHarness, type Harness } from '../helpers.js';

describe('GET /api/campaigns/:id under a crowd', () => {
  let h: Harness;
  let reads = 0;
  /** While set, each read of the ledger is held (after it has read) until the promise resolves. */
  let hold: Promise<void> | undefined;
  beforeAll(async () => {
    h = await startHarness();
    const totals = h.ledger.totals.bind(h.ledger);
    h.ledger.totals = async (id: string): Promise<CampaignTotals | undefined> => {
      reads++;
      const answer = await totals(id);
      await (hold ?? new Promise((resolve) => setTimeout(resolve, 20)));
      return answer;
    };
  });
  afterAll(() => h.close());

  const get = async () => {
    const response = await fetch(`${h.url}/api/campaigns/mira`);
    expect(response.status).toBe(200);
    return (await response.json()).raised as number;
  };

  it('answers 100 requests that miss at once with one read of the ledger', async () => {
    await h.ledger.recordOfflineGift({ campaign: 'mira', amount: 1_000 }); // any write empties the cache
    reads = 0;
    const raised = await Promise.all(Array.from({ length: 100 }, get));
    expect(raised).toEqual(Array(100).fill(1_000));
    expect(reads).toBe(1);
  });

  it('never answers or keeps a read that began before a write', async () => {
    await h.ledger.recordOfflineGift({ campaign: 'mira', amount: 1_000 });
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    // A reader reads 2,000, and is slow to answer.
    const early = get();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.ledger.recordOfflineGift({ campaign: 'mira', amount: 500 });
    hold = undefined;
    // Asked after the write: not the read in flight, which began before it.
    expect(await get()).toBe(2_500);
    release();
    expect(await early).toBe(2_000);
    // The slow read's answer, older than the write, is not what the cache keeps.
    expect(await get()).toBe(2_500);
  });
});
