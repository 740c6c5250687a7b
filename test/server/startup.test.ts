/**
 * `cli.js serve` when it cannot start: the operator reads one line that names the problem and the
 * setting to look at, not a stack trace, and the process exits non-zero (so a supervisor sees it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'mira-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string>) => runCli(args, { HOST: '127.0.0.1', ...env }, { timeoutMs: 20_000 });

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectOneLine(out: string, pattern: RegExp) {
  const lines = out.trim().split('\n');
  expect(lines, out).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(out).not.toMatch(/^\s+at /m);
}

describe('serve that cannot start', () => {
  it('names an unreachable PostgreSQL in one line, without its password, and exits 1', async () => {
    const port = await closedPort();
    const { code, out } = await run(['serve'], { PORT: '0', DATABASE_URL: `postgres://mira:s3cret-pass@127.0.0.1:${port}/ledger` });
    expect(code).toBe(1);
    expectOneLine(out, new RegExp(`Cannot reach the ledger database \\(DATABASE_URL postgres://mira:\\*\\*\\*\\*@127\\.0\\.0\\.1:${port}/ledger\\).*PostgreSQL running`));
    expect(out).not.toContain('s3cret-pass');
  });

  it('names a port already in use in one line and exits 1', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const { code, out } = await run(['serve'], { PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'taken.db')}` });
      expect(code).toBe(1);
      expectOneLine(out, new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use: .*set PORT`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('names an unreachable database the same way for an operator command', async () => {
    const port = await closedPort();
    const { code, out } = await run(['totals'], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/ledger` });
    expect(code).toBe(1);
    expectOneLine(out, /^Cannot reach the ledger database \(DATABASE_URL postgres:\/\/postgres@127\.0\.0\.1:\d+\/ledger\)/);
  });
});
