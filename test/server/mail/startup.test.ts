/**
 * What an operator and a person trying the demo see of mail at start: a campaign whose tax
 * statement is not said stops a live or test endpoint that receipts, naming the command to run;
 * the demo says MIRA's policy campaign is not deductible, keeps its mail, and shows it at /outbox
 * (a page that exists in demo mode only).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config.js';
import { silentLog } from '../../../src/server/log.js';
import { startEndpoint } from '../../../src/server/server.js';
import { createStripe } from '../../../src/server/stripe/client.js';
import { gift, intentId, openTestLedger, postDonation, startHarness, testConfig } from '../helpers.js';
import { serve, stopServers } from '../serve.js';
import { startInbox } from './inbox.js';
import { mailEnv } from './support.js';

afterAll(() => stopServers());

describe('a campaign that has not said whether gifts to it are deductible', () => {
  it('stops a test-mode endpoint that receipts, naming the command that says it', async () => {
    const inbox = await startInbox();
    const { ledger, drop } = await openTestLedger('sqlite');
    try {
      await expect(startEndpoint(testConfig(undefined, mailEnv(inbox)), { log: silentLog, ledger })).rejects.toThrow(/Campaign mira .*tax-deductible.*campaign set mira --deductible yes/);
      // With RECEIPTS=off there is no receipt to state it on.
      const endpoint = await startEndpoint(testConfig(undefined), { log: silentLog, ledger });
      await endpoint.close();
    } finally {
      await drop();
      await inbox.close();
    }
  });

  it('is named when `serve` starts, which exits 2', async () => {
    const inbox = await startInbox();
    try {
      await expect(
        serve({ DATABASE_URL: 'sqlite::memory:', STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_PUBLISHABLE_KEY: 'pk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', ...mailEnv(inbox) }),
      ).rejects.toThrow(/exited with 2[\s\S]*campaign set mira --deductible/);
    } finally {
      await inbox.close();
    }
  });
});

describe('the demo', () => {
  it('says mira is not deductible, keeps its mail, and shows the receipt and tribute card a gift caused at /outbox', async () => {
    const endpoint = await startEndpoint(loadConfig({ DATABASE_URL: 'sqlite::memory:', PORT: '0' }), { log: silentLog });
    try {
      expect(endpoint.notices.join('\n')).toMatch(/mira .*not tax-deductible/);
      expect(endpoint.notices.join('\n')).toContain(`${endpoint.url}/outbox`);
      expect((await endpoint.ledger.findCampaign('mira'))!.deductible).toBe(false);

      const response = await postDonation(
        endpoint.url,
        gift({ locale: 'es', donor: { email: 'demo.donor@example.org', name: 'Demo Donor' }, tribute: { kind: 'honor', name: 'Abuela <Rosa>', notifyEmail: 'family@example.org', message: 'Gracias' } }),
        { headers: { origin: endpoint.url } },
      );
      expect(response.status).toBe(200);
      const stripe = createStripe(endpoint.config.stripe);
      await stripe.paymentIntents.confirm(intentId((await response.json()).clientSecret), { payment_method: 'pm_card_visa' });

      let page = '';
      for (let i = 0; i < 200; i++) {
        const outbox = await fetch(`${endpoint.url}/outbox`);
        expect(outbox.status).toBe(200);
        expect(outbox.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
        page = await outbox.text();
        if ((page.match(/<iframe /g) ?? []).length >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const frames = page.match(/<iframe [^>]*>/g) ?? [];
      expect(frames).toHaveLength(2);
      for (const frame of frames) {
        expect(frame).toMatch(/sandbox=""/);
        // The letter's own markup, escaped into the attribute: no tag of it is live on the page.
        expect(frame).toMatch(/srcdoc="&#60;!doctype html&#62;/i);
      }
      expect(page).toContain('family@example.org');
      expect(page).toContain('demo.donor@example.org');
      expect(page).not.toContain('<Rosa>');
      expect(await endpoint.ledger.outbox.counts()).toMatchObject({ kept: 2, sent: 0 });
    } finally {
      await endpoint.close();
    }
  });

  it('has no /outbox outside demo mode', async () => {
    const h = await startHarness();
    try {
      const response = await fetch(`${h.url}/outbox`);
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe('not_found');
    } finally {
      await h.close();
    }
  });
});

