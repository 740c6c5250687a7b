/**
 * The widget's releases the endpoint serves at /v/<version>/: this package's version from dist/
 * (built from the source tree), and each earlier release from releases/<version>/, where its built
 * files are committed byte for byte as they were first served, so a member site's pinned tag and
 * its integrity hash keep matching for as long as the folder is kept (README: Versions and pinning).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A release's version as it appears in its URL: plain semver, so nothing else can name a folder. */
export const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/;

/** A release's files: the first-load scripts and the chunks they import from beside themselves. */
export const RELEASE_FILE = /^mira-donate(?:-[a-z0-9-]+)?\.js$/;

export interface Releases {
  /** This package's version: the unversioned URLs serve it. */
  current: string;
  /** Every version served, newest first. */
  versions: string[];
  /** The folder a version's files are in, or undefined if it is not served. */
  folder(version: string): string | undefined;
}

export function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

export function releasesAt(root: string): Releases {
  const current = packageVersion(root);
  const kept = join(root, 'releases');
  const past = existsSync(kept)
    ? readdirSync(kept, { withFileTypes: true }).filter((entry) => entry.isDirectory() && VERSION.test(entry.name)).map((entry) => entry.name)
    : [];
  const folders = new Map(past.map((version) => [version, join(kept, version)]));
  // Once a release's files are committed, those are its files: a later build of the tree never replaces them.
  if (!folders.has(current)) folders.set(current, join(root, 'dist'));
  const versions = [...folders.keys()].sort(newestFirst);
  return { current, versions, folder: (version) => folders.get(version) };
}

function newestFirst(a: string, b: string): number {
  const split = (v: string) => {
    const [numbers, pre] = v.split('-', 2) as [string, string | undefined];
    return { numbers: numbers.split('.').map(Number), pre };
  };
  const [x, y] = [split(a), split(b)];
  for (let i = 0; i < 3; i++) if (x.numbers[i] !== y.numbers[i]) return y.numbers[i]! - x.numbers[i]!;
  // 1.0.0 is newer than 1.0.0-rc.1.
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return -1;
  if (y.pre === undefined) return 1;
  return y.pre.localeCompare(x.pre, 'en', { numeric: true });
}
