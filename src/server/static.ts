/**
 * The built widget and the demo pages. The widget's script is loaded cross-site by every member
 * organization's page, so it is served with CORS *, a short cache lifetime (its URL carries no
 * version) and an ETag for cheap revalidation.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Hono, type Context } from 'hono';
import { ApiError } from './errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

interface FileEntry {
  mtimeMs: number;
  body: Buffer;
  etag: string;
}

export function staticRoutes(root: string) {
  const files = new Map<string, FileEntry>();
  const demo = join(root, 'demo');

  async function load(path: string): Promise<FileEntry | undefined> {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const known = files.get(path);
    if (known && known.mtimeMs === info.mtimeMs) return known;
    const body = await readFile(path);
    const entry = { mtimeMs: info.mtimeMs, body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"` };
    files.set(path, entry);
    return entry;
  }

  async function send(c: Context, path: string, cacheControl: string, crossSite = false) {
    const file = await load(path);
    if (!file) throw new ApiError(404, 'not_found');
    c.header('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
    c.header('Cache-Control', cacheControl);
    c.header('ETag', file.etag);
    if (crossSite) c.header('Access-Control-Allow-Origin', '*');
    if (c.req.header('if-none-match')?.split(',').some((t) => t.trim().replace(/^W\//, '') === file.etag)) return c.body(null, 304);
    return c.body(new Uint8Array(file.body));
  }

  return new Hono()
    // dist/mira-donate.js and any companion chunk it loads (mira-donate-*.js).
    .get('/:script{mira-donate(?:-[a-z0-9-]+)?\\.js}', (c) =>
      send(c, join(root, 'dist', c.req.param('script')), 'public, max-age=300, stale-while-revalidate=86400', true),
    )
    .get('/', (c) => send(c, join(demo, 'index.html'), 'no-cache'))
    // One path segment only: a demo file never shadows /api/…, and each API request then matches a
    // single handler, which Hono serves on its fast path.
    .get('/:file{[^/]+\\.[a-zA-Z0-9]+}', (c) => {
      // Only files inside demo/: a name that climbs out of it is simply not found.
      const path = normalize(join(demo, c.req.param('file')));
      if (!path.startsWith(demo + sep)) throw new ApiError(404, 'not_found');
      return send(c, path, 'no-cache');
    });
}
