/** Opens the ledger's database: an embedded SQLite file by default, PostgreSQL for several processes. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { migrate } from './migrations.js';

export interface LedgerDatabase {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL: the schema the tables live in (the connection's search_path). */
  schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: keep the tables in this schema (created if missing), as tests do to stay apart. */
  schema?: string;
}

/** Opens and migrates. `url` is `sqlite:<file>`, `sqlite::memory:`, or `postgres://…`. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<LedgerDatabase> {
  const opened = url.startsWith('postgres') ? await openPostgres(url, options.schema) : openSqlite(url.replace(/^sqlite:/, ''));
  try {
    await migrate(opened.db, opened.schema);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

function openSqlite(file: string): LedgerDatabase {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Kysely prepares every query afresh; preparing costs more than running our small statements, so
 * each distinct SQL text is prepared once. better-sqlite3 runs one statement at a time, so sharing
 * a prepared statement is safe. The set of texts is small and fixed; the bound is only a guard.
 */
function reusingStatements(sqlite: SQLite.Database) {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = prepared.get(sql);
      if (!statement) {
        if (prepared.size >= 500) prepared.clear();
        statement = sqlite.prepare(sql);
        prepared.set(sql, statement);
      }
      return statement;
    },
  };
}

// Sums of bigint columns come back as strings from pg; every amount here fits a double exactly.
const numberTypes = {
  getTypeParser(oid: number, format?: any) {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

async function openPostgres(url: string, schema?: string): Promise<LedgerDatabase> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Not a plain schema name: ${schema}`);
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // IF NOT EXISTS still races when two processes create the schema at once; the loser finds it there.
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch(async (error) => {
        const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
        if (!rowCount) throw error;
      });
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: numberTypes as pg.CustomTypesConfig,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    // Named explicitly so the migrator never mistakes another schema's bookkeeping table for ours.
    const { rows } = await pool.query<{ schema: string }>('SELECT current_schema() AS schema');
    return { db, dialect: 'postgres', schema: rows[0].schema, close: () => db.destroy() };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
