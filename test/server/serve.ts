/**
 * Real endpoint processes for tests, started the way an operator starts them (`cli.ts serve`),
 * and a fresh PostgreSQL schema for several of them to share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../../src/server/server.js';
import { MANAGE_ENV, ORGANIZATION_ENV, PG_URL, dropSchema, freshSchemaName } from './helpers.js';

export interface Served {
  url: string;
  child: ChildProcess;
  output(): string;
}

const running = new Set<ChildProcess>();

/**
 * Starts `serve` and resolves once it says it is listening; rejects with its output if it exits first.
 * From the source tree by default; `from` runs another folder's `node dist/server/cli.js serve` (a deployed copy).
 */
export function serve(env: Record<string, string>, from?: { dir: string }): Promise<Served> {
  const args = from ? ['dist/server/cli.js', 'serve'] : ['--import', 'tsx', join(PROJECT_ROOT, 'src/server/cli.ts'), 'serve'];
  const child = spawn(process.execPath, args, {
    cwd: from?.dir ?? PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...ORGANIZATION_ENV, ...MANAGE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 20_000);
    // Read everything the process writes, for as long as it runs, so a full pipe never stalls it.
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
}

/** Stops every process `serve` started that is still running. */
export function stopServers(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of running) child.kill(signal);
  running.clear();
}

/** A new, empty schema on TEST_DATABASE_URL and a DATABASE_URL that puts processes in it. */
export async function sharedSchema(): Promise<{ schema: string; databaseUrl: string; drop(): Promise<void> }> {
  const schema = freshSchemaName();
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(PG_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, databaseUrl: url.toString(), drop: () => dropSchema(schema) };
}

/**
 * Runs one operator command as an operator runs it (`cli.ts …`, from the source tree), to its end:
 * its exit code and everything it wrote. One still running after `timeoutMs` is killed and fails the test.
 */
export function runCli(args: string[], env: Record<string, string>, { timeoutMs = 60_000 } = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server/cli.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (out += c));
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`still running after ${timeoutMs / 1000} s:\n${out}`))), timeoutMs);
    child.on('exit', (code) => (clearTimeout(timer), resolve({ code, out })));
  });
}
