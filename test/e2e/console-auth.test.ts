/**
 * Who gets into the console, end to end: the endpoint as `serve` starts it (demo mode, a ledger file
 * of its own), `cli.js staff invite` run as an operator runs it on the server, and Chromium with a
 * virtual authenticator (CDP WebAuthn) standing in for a phone's or laptop's passkey. The first admin
 * enrols from the CLI's link and signs in again after signing out; invites a treasurer from the staff
 * page; the treasurer enrols in a browser of their own and signs in, records an offline gift (a fresh
 * widget page's total moves) and cannot open the staff page; the admin adds a member site, which may
 * take gifts at once. Every page on the way is axe-clean, and the gift and site pages reflow at 320 px.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../src/server/server.js';
import { cli, enrol, expectAccessible, expectNoOverflow, staffBrowser, startConsoleDemo, type ConsoleDemo } from './support/console.js';

describe('console sign-in with passkeys', () => {
  let demo: ConsoleDemo;
  let endpoint: Endpoint;
  let browser: Browser;
  let origin: string;
  let env: Record<string, string>;
  const raised = () => demo.raised();

  beforeAll(async () => {
    demo = await startConsoleDemo();
    ({ endpoint, browser, origin, env } = demo);
  });
  afterAll(() => demo?.close());

  it('an admin invited from the CLI enrols, signs in again, invites a treasurer, who enrols, signs in, records an offline gift the widget counts and cannot open the staff page; the admin adds a member site', async () => {
    const invited = await cli(['staff', 'invite', 'ana.admin@mira.example', '--role', 'admin', '--name', 'Ana Admin'], env);
    expect(invited.code, invited.out).toBe(0);
    const adminLink = /(http:\/\/localhost:\d+\/console\/enrol#[\w-]+)/.exec(invited.out)?.[1];
    expect(adminLink, invited.out).toBeDefined();
    // The same link went into the outbox as a letter.
    const letters = await endpoint.ledger.outbox.list();
    expect(letters.find((l) => l.kind === 'staff_invitation')?.text).toContain(adminLink);

    const admin = await staffBrowser(browser, { autofill: false });
    try {
      await enrol(admin.page, adminLink!);
      await admin.page.getByText('Signed in as Ana Admin (ana.admin@mira.example), admin.').waitFor();
      await expectAccessible(admin.page);

      // Chromium keeps a __Host- cookie on http://localhost (a secure context), HttpOnly and SameSite=Strict.
      const cookie = (await admin.context.cookies(origin)).find((c) => c.name === '__Host-mira-console');
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
      expect(await admin.page.evaluate(() => document.cookie)).toBe('');

      // The link is spent.
      const again = await staffBrowser(browser);
      await again.page.goto(adminLink!);
      await again.page.getByText('This invitation link has been used, replaced or has run out.').waitFor();
      await again.context.close();

      await admin.page.getByRole('button', { name: 'Sign out' }).click();
      await admin.page.getByText('You have signed out.').waitFor();
      await expectAccessible(admin.page);
      await admin.page.goto(`${origin}/console/staff`);
      await admin.page.waitForURL(/\/console\/sign-in\?next=%2Fconsole%2Fstaff$/);
      await admin.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
      await admin.page.waitForURL(/\/console\/staff$/);

      await admin.page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
      await expectAccessible(admin.page);
      await admin.page.getByLabel('Email', { exact: true }).fill('tomas.treasurer@mira.example');
      await admin.page.getByLabel('Name (optional)').fill('Tomás Treasurer');
      await admin.page.getByLabel('Role').selectOption('treasurer');
      await admin.page.getByRole('button', { name: 'Invite' }).click();
      await admin.page.getByRole('heading', { name: 'Invitation made for tomas.treasurer@mira.example' }).waitFor();
      await expectAccessible(admin.page);
      const treasurerLink = await admin.page.getByLabel('Invitation link').inputValue();
      expect(treasurerLink).toMatch(new RegExp(`^${origin}/console/enrol#[\\w-]{43}$`));

      const treasurer = await staffBrowser(browser, { viewport: { width: 320, height: 640 } });
      try {
        await enrol(treasurer.page, treasurerLink);
        await treasurer.page.getByText('Signed in as Tomás Treasurer (tomas.treasurer@mira.example), treasurer.').waitFor();
        // 320 px wide: the page reflows, nothing scrolls sideways.
        expect(await treasurer.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
        const nav = treasurer.page.getByRole('navigation', { name: 'Console' });
        await expect(nav.getByRole('link', { name: 'Exports' }).count()).resolves.toBe(1);
        await expect(nav.getByRole('link', { name: 'Staff' }).count()).resolves.toBe(0);
        // The treasurer records a cheque at 320 px; a fresh widget page's campaign total counts it.
        const before = await raised();
        await nav.getByRole('link', { name: 'Offline gifts' }).click();
        await treasurer.page.getByRole('heading', { name: 'Offline gifts', level: 1 }).waitFor();
        await expectAccessible(treasurer.page);
        await expectNoOverflow(treasurer.page);
        await treasurer.page.getByLabel('Campaign').selectOption('mira');
        await treasurer.page.getByLabel('Amount').fill('250.00');
        await treasurer.page.getByLabel('Day given').fill(new Date().toISOString().slice(0, 10));
        await treasurer.page.getByLabel('Cheque').check();
        await treasurer.page.getByLabel("Donor's name (for the receipt)").fill('Dora Alves');
        await treasurer.page.getByLabel("Donor's email (for the receipt)").fill('dora@example.org');
        await treasurer.page.getByRole('button', { name: 'Record the gift' }).click();
        await treasurer.page.getByText("The gift is recorded and the campaign's total includes it.").waitFor();
        await expectAccessible(treasurer.page);
        await expectNoOverflow(treasurer.page);
        await expect.poll(raised, { timeout: 15_000 }).toBe(before + 25_000);
        // A viewer's link it is not: a treasurer's page, and the route says so.
        expect((await treasurer.page.goto(`${origin}/console/sites`))?.status()).toBe(200);
        await expect(treasurer.page.getByRole('button', { name: 'Add member' }).count()).resolves.toBe(0);

        const refused = await treasurer.page.goto(`${origin}/console/staff`);
        expect(refused?.status()).toBe(403);
        await treasurer.page.getByRole('heading', { name: 'Not for your role' }).waitFor();
        await expectAccessible(treasurer.page);

        // Signed out, the sign-in page offers the passkey in the email field's autofill, and taking it signs in.
        await treasurer.page.getByRole('button', { name: 'Sign out' }).click();
        await treasurer.page.waitForURL(/\/console$/);
        await treasurer.page.getByText('Signed in as Tomás Treasurer').waitFor();
      } finally {
        await treasurer.context.close();
      }

      // The admin adds a member and its site: a widget on that site may take gifts at once.
      const site = 'https://cosecha.example';
      await admin.page.setViewportSize({ width: 320, height: 640 });
      await admin.page.goto(`${origin}/console/sites`);
      await admin.page.getByRole('heading', { name: 'Member sites', level: 1 }).waitFor();
      await expectAccessible(admin.page);
      await expectNoOverflow(admin.page);
      await admin.page.locator('#new-member-id').fill('cosecha');
      await admin.page.locator('#new-member-name').fill('Cosecha');
      await admin.page.getByRole('button', { name: 'Add member' }).click();
      await admin.page.getByText('Member Cosecha saved.').waitFor();
      await admin.page.locator('#site-cosecha-origin').fill(site);
      await admin.page.getByRole('group', { name: 'Add a site to Cosecha' }).getByRole('button', { name: 'Add site' }).click();
      await admin.page.getByText(`${site} may take gifts now.`).waitFor();
      await expectAccessible(admin.page);
      await expectNoOverflow(admin.page);
      const config = await fetch(`${endpoint.url}/api/config`, { headers: { origin: site } });
      expect(((await config.json()) as { acceptsGifts: boolean }).acceptsGifts).toBe(true);
      await admin.page.setViewportSize({ width: 1280, height: 900 });

      // The admin reads who did what: the CLI's invitation, the admin's own, both enrolments.
      await admin.page.goto(`${origin}/console/audit`);
      await expectAccessible(admin.page);
      const log = await admin.page.locator('table.audit tbody').innerText();
      expect(log).toMatch(/cli:\S+\s+staff\.invite\s+staff: ana\.admin@mira\.example/);
      expect(log).toMatch(/ana\.admin@mira\.example\s+staff\.invite\s+staff: tomas\.treasurer@mira\.example/);
      expect(log).toMatch(/tomas\.treasurer@mira\.example\s+staff\.enrol/);
    } finally {
      await admin.context.close();
    }
  }, 120_000);

  it('the console cannot be framed by another page', async () => {
    const { context, page } = await staffBrowser(browser);
    try {
      const blocked = page.waitForEvent('console', (m) => /frame-ancestors/i.test(m.text()));
      await page.setContent(`<iframe src="${origin}/console/sign-in" title="console"></iframe>`);
      await blocked;
      const framed = page.frames().find((f) => f.url().includes('/console/sign-in'));
      expect(await framed?.locator('h1').count().catch(() => 0)).toBeFalsy();
    } finally {
      await context.close();
    }
  });
});
