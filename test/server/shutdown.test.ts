/**
 * SIGTERM as systemd, `docker stop` or a rolling deploy sends it, to a real `serve` process: the
 * donor whose gift is under way gets their answer, nobody new is let in, and the process exits 0;
 * past SHUTDOWN_SECONDS what is left is cut, so a stuck request never holds a deploy.
 * Stripe (the stand-in) is slowed down behind a delaying relay, so the signal lands mid-donation.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeStandin, type StripeStandin } from '../../src/standin/index.js';
import { gift, postDonation } from './helpers.js';
import { serve, stopServers } from './serve.js';

/** Forwards to the stand-in after `delayMs`, and says when a request has arrived. */
async function slowRelay(standin: StripeStandin, delayMs: number) {
  const arrivals: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    arrivals.splice(0).forEach((arrived) => arrived());
    setTimeout(() => {
      const upstream = forward({ host: standin.host, port: standin.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Resolves when the endpoint next calls Stripe. */
    nextRequest: () => new Promise<void>((resolve) => arrivals.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let standin: StripeStandin;
beforeAll(async () => {
  standin = await startStripeStandin();
});
afterAll(async () => {
  stopServers('SIGKILL');
  await standin.close();
});

function endpointEnv(relayUrl: string, extra: Record<string, string> = {}) {
  return {
    DATABASE_URL: 'sqlite::memory:',
    STRIPE_SECRET_KEY: standin.secretKey,
    STRIPE_PUBLISHABLE_KEY: standin.publishableKey,
    STRIPE_WEBHOOK_SECRET: standin.webhookSecret,
    STRIPE_API_URL: relayUrl,
    RECEIPTS: 'off',
    ...extra,
  };
}

const exited = (child: import('node:child_process').ChildProcess) =>
  new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: performance.now() })));

describe('SIGTERM', () => {
  it("during a donation: the donor's request completes, new connections are refused, and the process exits 0", async () => {
    const relay = await slowRelay(standin, 1_500);
    try {
      const { url, child, output } = await serve(endpointEnv(relay.url));
      const exit = exited(child);
      const calledStripe = relay.nextRequest();
      const donation = postDonation(url, gift());
      await calledStripe;
      child.kill('SIGTERM');
      // The listening socket closes at once: a new donor is turned away (a load balancer tries another process).
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();

      const response = await donation;
      const answered = performance.now();
      expect(response.status).toBe(200);
      expect((await response.json()).clientSecret).toMatch(/^pi_\w+_secret_/);
      const { code, at } = await exit;
      expect(code).toBe(0);
      expect(at).toBeGreaterThanOrEqual(answered - 50);
      expect(output()).toMatch(/SIGTERM: finishing requests under way/);
      expect(output()).not.toMatch(/shutdown_cut/);
    } finally {
      await relay.close();
    }
  });

  it('with nothing under way, exits 0 at once', async () => {
    const relay = await slowRelay(standin, 0);
    try {
      const { url, child } = await serve(endpointEnv(relay.url));
      // An idle keep-alive connection does not hold the shutdown either.
      await (await fetch(`${url}/readyz`)).text();
      const exit = exited(child);
      const sent = performance.now();
      child.kill('SIGTERM');
      const { code, at } = await exit;
      expect(code).toBe(0);
      expect(at - sent).toBeLessThan(2_000);
    } finally {
      await relay.close();
    }
  });

  it('past SHUTDOWN_SECONDS, cuts what is left, says so, and still exits 0', async () => {
    const relay = await slowRelay(standin, 10_000);
    try {
      const { url, child, output } = await serve(endpointEnv(relay.url, { SHUTDOWN_SECONDS: '0.5' }));
      const exit = exited(child);
      const calledStripe = relay.nextRequest();
      const donation = postDonation(url, gift()).then(
        (response) => response.status,
        () => 'cut' as const,
      );
      await calledStripe;
      const sent = performance.now();
      child.kill('SIGTERM');
      const { code, at } = await exit;
      expect(code).toBe(0);
      expect(at - sent).toBeLessThan(3_000);
      expect(await donation).toBe('cut');
      expect(output()).toMatch(/"event":"shutdown_cut"/);
    } finally {
      await relay.close();
    }
  });
});
