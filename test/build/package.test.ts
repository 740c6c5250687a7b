/**
 * The npm package as a bundler user gets it: `npm pack` in a fresh copy of the tree (the files git
 * would commit, no dist/) builds first and packs the widget, its types, custom-elements.json and
 * the locales, and nothing of the server; installed into a bundler project it brings only the
 * widget's four packages, and `import 'mira-donate'` bundles. The install itself cannot be made
 * offline here (the npm cache has tarballs but not the registry's documents), so the project gets
 * the packed package and links to exactly the dependencies it declares, nothing else.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './bundles.js';

const WIDGET_DEPENDENCIES = ['@stripe/stripe-js', 'i18next', 'lit', 'valibot'];
/** What the package may hold: the widget's scripts, the bundler build, types of the widget and core, three locales. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^custom-elements\.json$/,
  /^dist\/mira-donate(-[a-z0-9-]+)?\.js$/,
  /^dist\/lib\/[\w-]+\.js$/,
  /^dist\/types\/(widget|core)\/[\w/.-]+\.d\.ts$/,
  /^locales\/(en|es|pt)\.json$/,
];

let work: string;
let files: string[];
let packed: string;
let manifest: { version: string; dependencies?: Record<string, string>; main: string; module: string; types: string; exports: Record<string, unknown> };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mira-package-'));
  const clone = join(work, 'clone');
  // A fresh clone of the tree as it stands: what git tracks or would, nothing it ignores (no dist/).
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    if (file === 'node_modules') continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(join(ROOT, file), join(clone, file), { dereference: false });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  // The build's own output comes first on stdout; npm's JSON answer is last.
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [result] = JSON.parse(out.slice(out.lastIndexOf('\n[') + 1)) as [{ filename: string; files: { path: string }[] }];
  files = result.files.map((f) => f.path).sort();
  packed = join(work, 'package');
  mkdirSync(packed);
  execFileSync('tar', ['-xzf', join(work, result.filename), '-C', packed, '--strip-components=1']);
  manifest = JSON.parse(readFileSync(join(packed, 'package.json'), 'utf8'));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack from a fresh clone', () => {
  it('builds first, and packs the widget, its types, the manifest and the locales', () => {
    for (const file of ['dist/mira-donate.js', 'dist/mira-donate-intent.js', 'dist/mira-donate-strings-es.js', 'dist/mira-donate-strings-pt.js', 'dist/lib/mira-donate.js', 'dist/types/widget/mira-donate.d.ts', 'custom-elements.json', 'locales/en.json', 'locales/es.json', 'locales/pt.json']) {
      expect(files).toContain(file);
    }
  });

  it('packs nothing of the server, the stand-in, the sources or their maps', () => {
    expect(files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
    expect(files.filter((file) => /server|standin|\.map$|^src\/|^releases\//.test(file))).toEqual([]);
  });

  it('names only files it holds: entry points, exports and every path in custom-elements.json', () => {
    const targets = (value: unknown): string[] => (typeof value === 'string' ? [value] : Object.values(value as object).flatMap(targets));
    const entries = [manifest.main, manifest.module, manifest.types, ...targets(manifest.exports)].map((path) => path.replace(/^\.\//, ''));
    expect(entries.filter((path) => !files.includes(path))).toEqual([]);
    const paths: string[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if ((key === 'path' || key === 'module') && typeof value === 'string') paths.push(value);
          visit(value);
        }
      }
    };
    const elements = JSON.parse(readFileSync(join(packed, 'custom-elements.json'), 'utf8'));
    visit(elements);
    expect(paths.length).toBeGreaterThan(0);
    expect([...new Set(paths)].filter((path) => !files.includes(path))).toEqual([]);
    expect(JSON.stringify(elements)).toContain('"tagName":"mira-donate"');
  });

  it('depends on the widget\'s four packages only', () => {
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(WIDGET_DEPENDENCIES);
  });

  it('has a first-load script of its own version, holding each chunk\'s sha384 as packed beside it', () => {
    const script = readFileSync(join(packed, 'dist/mira-donate.js'), 'utf8');
    expect(script).toContain(`?v=${manifest.version}`);
    expect(readFileSync(join(ROOT, 'src/widget/mira-donate.component.ts'), 'utf8')).toContain(`static readonly version: string = '${manifest.version}';`);
    for (const chunk of ['mira-donate-intent.js', 'mira-donate-strings-es.js', 'mira-donate-strings-pt.js']) {
      const hash = createHash('sha384').update(readFileSync(join(packed, 'dist', chunk))).digest('base64');
      expect(script).toContain(`sha384-${hash}`);
    }
  });
});

describe('in a bundler project', () => {
  it('`import \'mira-donate\'` bundles with nothing but the package and the dependencies it declares', async () => {
    const app = join(work, 'app');
    mkdirSync(join(app, 'node_modules', '@stripe'), { recursive: true });
    cpSync(packed, join(app, 'node_modules', 'mira-donate'), { recursive: true });
    for (const name of Object.keys(manifest.dependencies ?? {})) symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'bundler-app', private: true, type: 'module' }));
    writeFileSync(join(app, 'main.js'), "import 'mira-donate';\ndocument.body.append(Object.assign(document.createElement('mira-donate'), { endpoint: 'https://donate.example.org' }));\n");
    writeFileSync(join(app, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
    const result = await build({ root: app, configFile: false, logLevel: 'silent', build: { write: false } });
    const output = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
    const code = output.map((chunk) => ('code' in chunk ? chunk.code : '')).join('\n');
    expect(code).toContain('mira-donate');
    // The element's chunks split out of the app's bundle, as bundlers do with dynamic imports.
    expect(output.filter((chunk) => chunk.fileName.endsWith('.js')).length).toBeGreaterThan(1);
  }, 60_000);
});
