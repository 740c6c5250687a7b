/**
 * The built widget and the demo pages. The widget's scripts are loaded cross-site by every member
 * organization's page, so they are served with CORS * (which a tag with `integrity` and
 * `crossorigin` needs). Each release is at /v/<version>/, never changing, so cached for a year; the
 * unversioned /mira-donate.js is the latest release, with a short cache lifetime and an ETag for
 * cheap revalidation. A chunk asked for as `mira-donate-intent.js?v=0.1.0` (how every script asks
 * for its chunks from beside itself) is that release's chunk, so a script served as "latest" and
 * cached before an upgrade still gets its own chunks after it. Text files go out brotli- or gzip-compressed when the
 * browser takes it (compressed once per file version, not per request): a donor on a phone fetches
 * about a third of the bytes.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Hono, type Context } from 'hono';
import { ApiError } from './errors.js';
import { RELEASE_FILE, releasesAt, VERSION } from './releases.js';

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

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map']);

interface Representation {
  body: Buffer;
  etag: string;
}

interface FileEntry {
  mtimeMs: number;
  identity: Representation;
  br?: Representation;
  gzip?: Representation;
}

const LATEST = 'public, max-age=300, stale-while-revalidate=86400';
const IMMUTABLE = 'public, max-age=31536000, immutable';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

// Off the event loop (zlib's thread pool): brotli at its best quality takes a few hundred ms per script.
async function entryFor(path: string, mtimeMs: number, body: Buffer): Promise<FileEntry> {
  const tag = createHash('sha1').update(body).digest('base64url').slice(0, 20);
  const entry: FileEntry = { mtimeMs, identity: { body, etag: `"${tag}"` } };
  if (COMPRESSIBLE.has(extname(path))) {
    // Each encoding is its own representation, so each gets its own strong ETag.
    const [br, gz] = await Promise.all([brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), gzipped(body, { level: 9 })]);
    entry.br = { body: br, etag: `"${tag}-br"` };
    entry.gzip = { body: gz, etag: `"${tag}-gz"` };
  }
  return entry;
}

/** The best representation the request accepts: brotli, then gzip, then the file as it is. */
function negotiate(file: FileEntry, acceptEncoding = ''): { encoding?: 'br' | 'gzip'; representation: Representation } {
  const accepts = (name: string) =>
    acceptEncoding.split(',').some((part) => {
      const [token, ...params] = part.trim().split(';');
      return token.trim().toLowerCase() === name && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
    });
  if (file.br && accepts('br')) return { encoding: 'br', representation: file.br };
  if (file.gzip && accepts('gzip')) return { encoding: 'gzip', representation: file.gzip };
  return { representation: file.identity };
}

export function staticRoutes(root: string) {
  const files = new Map<string, FileEntry>();
  // Copied beside the widget they embed by npm run build, so the endpoint runs from dist/ alone.
  const demo = join(root, 'dist', 'demo');
  const releases = releasesAt(root);

  async function load(path: string): Promise<FileEntry | undefined> {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const known = files.get(path);
    if (known && known.mtimeMs === info.mtimeMs) return known;
    const entry = await entryFor(path, info.mtimeMs, await readFile(path));
    files.set(path, entry);
    return entry;
  }

  async function send(c: Context, path: string, cacheControl: string, crossSite = false) {
    const file = await load(path);
    if (!file) throw new ApiError(404, 'not_found');
    const { encoding, representation } = negotiate(file, c.req.header('accept-encoding'));
    c.header('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
    c.header('Cache-Control', cacheControl);
    c.header('ETag', representation.etag);
    if (file.br) c.header('Vary', 'Accept-Encoding');
    if (encoding) c.header('Content-Encoding', encoding);
    if (crossSite) {
      c.header('Access-Control-Allow-Origin', '*');
      // Host pages that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    }
    if (c.req.header('if-none-match')?.split(',').some((t) => t.trim().replace(/^W\//, '') === representation.etag)) return c.body(null, 304);
    return c.body(new Uint8Array(representation.body));
  }

  /** A release's file, or not found: a version not served, or a name that is not one of its files. */
  function release(c: Context, version: string, file: string) {
    const folder = VERSION.test(version) && RELEASE_FILE.test(file) ? releases.folder(version) : undefined;
    if (!folder) throw new ApiError(404, 'not_found');
    return send(c, join(folder, file), IMMUTABLE, true);
  }

  return new Hono()
    .get('/v/:version/:file', (c) => release(c, c.req.param('version'), c.req.param('file')))
    // The latest release's first-load scripts and chunks (mira-donate.js, mira-donate-*.js).
    .get('/:script{mira-donate(?:-[a-z0-9-]+)?\\.js}', (c) => {
      const version = c.req.query('v');
      if (version !== undefined) return release(c, version, c.req.param('script'));
      return send(c, join(releases.folder(releases.current)!, c.req.param('script')), LATEST, true);
    })
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
