/**
 * /console/assets/: the console's stylesheet and its two small passkey scripts, built into
 * dist/console/ by `npm run build:server` (src/server/build.ts). Revalidated on each use (an ETag
 * answers with 304), so a new build is seen at once.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { ConsoleEnv } from './access.js';

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

export function assetRoutes(root: string) {
  const folder = join(root, 'dist', 'console');
  const cache = new Map<string, { mtimeMs: number; body: Buffer; etag: string }>();
  return new Hono<ConsoleEnv>().get('/:file{[a-z-]+\\.(?:css|js)}', async (c) => {
    const name = c.req.param('file');
    const path = join(folder, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return c.text('Not found', 404);
    let entry = cache.get(path);
    if (!entry || entry.mtimeMs !== info.mtimeMs) {
      const body = await readFile(path);
      entry = { mtimeMs: info.mtimeMs, body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"` };
      cache.set(path, entry);
    }
    c.header('Content-Type', TYPES[name.split('.').pop()!]!);
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', entry.etag);
    if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304);
    return c.body(new Uint8Array(entry.body));
  });
}
