/**
 * backup FILE: a consistent copy of a running SQLite ledger, through SQLite's online backup (a copy
 * of the file alone misses what is still in its -wal file, and can catch a write half-done). The
 * copy is made in one step under one read transaction, so it is the ledger as of one moment while
 * the endpoint keeps writing; it is written beside FILE and renamed only once whole and checked.
 * PostgreSQL has its own tool for this: the command says which.
 */
import { existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { DEFAULT_DATABASE_URL } from '../config.js';
import { UsageError } from './shared.js';

/** Pages per backup step: all of them, so no write between steps can send the copy back to the start. */
const ALL_PAGES = 2 ** 31 - 1;

export async function backup(args: string[]) {
  const [file, ...extra] = args;
  if (!file || extra.length) throw new UsageError('backup <file>');
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:/.test(url)) {
    console.error(
      `The ledger is in PostgreSQL: back it up with PostgreSQL's own tool, which copies a running database consistently:\n` +
        `  pg_dump --format=custom --file=${JSON.stringify(file)} "$DATABASE_URL"\n` +
        `and restore it into an empty database with:\n  pg_restore --no-owner --dbname="$DATABASE_URL" ${JSON.stringify(file)}`,
    );
    process.exitCode = 2;
    return;
  }
  const source = resolve(url.replace(/^sqlite:/, ''));
  const target = resolve(file);
  if (!existsSync(source)) throw new UsageError(`no ledger at ${source} (DATABASE_URL=${url})`);
  if (existsSync(target)) throw new UsageError(`${target} exists already: a backup never overwrites a file`);

  const partial = `${target}.partial`;
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new SQLite(partial, { readonly: true });
  let problem: string | undefined;
  let summary = '';
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') problem = String(check);
    else {
      const { gifts } = copy.prepare("select count(*) as gifts from donations").get() as { gifts: number };
      summary = `${gifts} donation attempt${gifts === 1 ? '' : 's'}`;
    }
  } finally {
    copy.close();
  }
  if (problem) {
    await rm(partial, { force: true });
    throw new Error(`the copy failed SQLite's integrity check (${problem}); nothing was written to ${target}`);
  }
  await rename(partial, target);
  const { size } = await stat(target);
  console.log(`Backed up the ledger ${source} to ${target} (${Math.round(size / 1024)} KB, ${summary}). Restore: stop the endpoint, put this file at the ledger's path (removing any -wal and -shm files beside it), start it.`);
}
