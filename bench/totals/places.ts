/**
 * Where each run's ledger lives and how the endpoint process over it is started and stopped:
 * a SQLite file in a temporary folder, or a fresh PostgreSQL schema, dropped afterwards. The
 * PostgreSQL connections carry an application name of this run's own, so a stalled endpoint's
 * leftover queries can be ended (and only those) when it is stopped, before the next measurement.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type Backend = 'sqlite' | 'postgres';

export interface Place {
  /** DATABASE_URL for the endpoint. */
  url: string;
  schema?: string;
  /** SQLite: the ledger's file, which seeding writes to on a connection of its own. */
  file?: string;
  /** Ends what is left of a stopped endpoint's work on the database (PostgreSQL queries still running). */
  endLeftovers(): Promise<void>;
  drop(): Promise<void>;
}

export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined) ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Undefined when PostgreSQL answers, else why not. */
export async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh place; dropping it twice is harmless. */
export async function freshPlace(backend: Backend): Promise<Place> {
  const place = await newPlace(backend);
  let dropped: Promise<void> | undefined;
  return { ...place, drop: () => (dropped ??= place.drop()) };
}

async function newPlace(backend: Backend): Promise<Place> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mira-totals-'));
    const file = join(dir, 'ledger.db');
    return { url: `sqlite:${file}`, file, endLeftovers: async () => {}, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const tag = `bench_totals_${randomBytes(5).toString('hex')}`;
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('application_name', tag);
  return {
    url: url.href,
    schema: tag,
    endLeftovers: () => withClient((client) => endConnections(client, tag)),
    drop: () =>
      withClient(async (client) => {
        await endConnections(client, tag);
        await client.query(`DROP SCHEMA IF EXISTS ${tag} CASCADE`);
      }),
  };
}

async function withClient(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** A killed client's backend runs its query to the end unless told: this run's own (by application name) are. */
async function endConnections(client: pg.Client, tag: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { rows } = await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [tag]);
    if (!rows.length) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface EndpointProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts bench/totals/endpoint.ts over the place's ledger and resolves with its URL. */
export function startEndpointProcess(place: Place, webhookSecret: string): Promise<EndpointProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'endpoint.ts'), place.url, ...(place.schema ? [place.schema] : [])], {
    env: { ...process.env, BENCH_WEBHOOK_SECRET: webhookSecret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A stalled endpoint may still be summing: it is killed, not asked, so the bench stays bounded.
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await place.endLeftovers();
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) => reject(new Error(`endpoint exited ${code} before listening`));
    child.once('exit', onExit);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /^(http:\/\/\S+)\n/.exec(out)?.[1];
      if (!url) return;
      child.off('exit', onExit);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ url, stop });
    });
  });
}
