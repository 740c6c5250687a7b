/**
 * One demo endpoint and one browser per test file, started before its tests and closed after them,
 * and the donor's page most tests begin from.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './chromium.js';
import { newDonorContext, startDemo, type Demo } from './demo.js';
import { Donor, RECORD_EVENTS } from './donor.js';

export function useDemo() {
  let demo: Demo | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo is started in beforeAll: use it inside a test');
    return value;
  };

  return {
    get demo(): Demo {
      return started(demo);
    },
    get browser(): Browser {
      return started(browser);
    },
    /** A donor in a browser of their own, on the demo page, every `mira-donate-complete` recorded. */
    async donorPage(viewport?: { width: number; height: number }) {
      const context = await newDonorContext(started(browser), viewport);
      await context.addInitScript(RECORD_EVENTS);
      const donor = new Donor(await context.newPage());
      await donor.open(started(demo).url);
      return { context, donor };
    },
  };
}
