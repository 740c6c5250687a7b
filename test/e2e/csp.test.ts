/**
 * A member site with a strict Content-Security-Policy: `default-src 'none'` and exactly the demo
 * directives README.md gives (no 'unsafe-inline', no 'unsafe-eval'), sent as a header with a
 * report-uri, on an origin of its own. A donor gives there, and the browser reports no violation:
 * not to the page (securitypolicyviolation, from the document, the widget's shadow root and the
 * stand-in's form), nor to the report-uri.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/server/config.js';
import { silentLog } from '../../src/server/log.js';
import { PROJECT_ROOT, startEndpoint, type Endpoint } from '../../src/server/server.js';
import { launchBrowser } from './support/chromium.js';
import { newDonorContext } from './support/demo.js';
import { Donor, RECORD_EVENTS, TEST_CARDS } from './support/donor.js';

/** The directives of README.md's ```csp-<mode> block, for an endpoint at `origin`. */
function readmePolicy(mode: 'demo' | 'live', origin: string): string {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const block = new RegExp('```csp-' + mode + '\\n([\\s\\S]*?)```').exec(readme);
  if (!block) throw new Error(`README.md has no csp-${mode} block`);
  return block[1]!.trim().replace(/\s*\n\s*/g, ' ').replaceAll('https://donate.example.org', origin);
}

const reports: unknown[] = [];
let host: Server;
let hostUrl: string;
let endpoint: Endpoint;
let browser: Browser;
let dir: string;
let policy: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mira-csp-'));
  // The member site: its page, its policy, and where the browser reports violations.
  host = createServer((req, res) => {
    if (req.url === '/csp-report') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        reports.push(JSON.parse(body || 'null'));
        res.writeHead(204).end();
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `default-src 'none'; ${policy}; report-uri /csp-report` });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A member organization</title></head>
<body><main><h1>Support our work</h1>
<script src="${endpoint.url}/mira-donate.js" async></script>
<mira-donate campaign="mira"><svg aria-hidden="true" width="0" height="100vh"></svg></mira-donate>
</main></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'ledger.db')}`,
    PORT: '0',
    ALLOWED_ORIGINS: hostUrl,
  });
  [endpoint, browser] = await Promise.all([startEndpoint(config, { log: silentLog }), launchBrowser()]);
  policy = readmePolicy('demo', endpoint.url);
});

afterAll(async () => {
  await browser?.close();
  await endpoint?.close();
  await new Promise((resolve) => host?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('on a member site with a strict Content-Security-Policy', () => {
  it('the README policy is strict: no inline script or style, no eval, nothing from anywhere but the endpoint', () => {
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*(?!\.js\.stripe\.com)/);
    expect(policy.split(';').map((d) => d.trim().split(' ')[0])).toEqual(['script-src', 'connect-src', 'worker-src']);
    expect(readmePolicy('live', endpoint.url)).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('a donor gives, and the browser reports no violation', async () => {
    const context = await newDonorContext(browser);
    try {
      await context.addInitScript(RECORD_EVENTS);
      // Every violation the page hears, wherever in it (the event is composed, so the shadow root's reach the document).
      await context.addInitScript(`
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI), true);
      `);
      const donor = new Donor(await context.newPage());
      const console: string[] = [];
      donor.page.on('console', (message) => message.type() === 'error' && console.push(message.text()));
      await donor.open(hostUrl);
      await donor.typeAmount('25');
      await donor.coverFee(false);
      await donor.fillDetails('Rosa Lima', 'rosa.lima@example.org');
      await donor.fillCard(TEST_CARDS.visa);
      // The stand-in's card form is styled under this policy too (its rules adopted, not an inline <style>).
      expect(await donor.cardNumber.evaluate((input) => getComputedStyle(input).borderTopStyle)).toBe('solid');
      expect(await donor.pressDonate()).toBe('thanks');
      expect(await donor.completion()).toMatchObject({ gift: 2500, currency: 'USD', frequency: 'once' });

      // Reports are sent asynchronously: give them time to arrive.
      await donor.page.waitForTimeout(1_000);
      expect(await donor.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
      expect(reports).toEqual([]);
      expect(console.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('would report a violation if the policy lacked a directive the widget needs (the check can fail)', async () => {
    const full = policy;
    policy = full.replace(/worker-src blob:/, "worker-src 'none'");
    const context = await newDonorContext(browser);
    try {
      await context.addInitScript(`window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective), true);`);
      const page = await context.newPage();
      await page.goto(hostUrl);
      await page.waitForFunction(() => (window as unknown as { __violations: string[] }).__violations.length > 0, undefined, { timeout: 10_000 });
      expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toContain('worker-src');
    } finally {
      policy = full;
      await context.close();
      reports.splice(0);
    }
  });
});
