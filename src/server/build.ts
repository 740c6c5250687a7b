/**
 * Builds what the endpoint runs from, so production needs dist/ and nothing else (no TypeScript
 * loader, no bundler, no src/, no node_modules):
 * - dist/server/cli.js: the endpoint and its commands, with its packages bundled in (they are
 *   development dependencies: `npm install mira-donate` gets only the widget's), and better-sqlite3's
 *   compiled addon copied beside it, so it runs on a machine like the one that built it (same OS, CPU
 *   and Node major; README: The npm package). The Stripe stand-in is never part of it: the demo
 *   wiring's import of `../standin/index.js` is left as it is, and from dist/server/ that names the
 *   stand-in's own bundle.
 * - dist/standin/index.js and dist/standin/stripe.js: the stand-in (demo mode and tests) and its
 *   Stripe.js, built here once rather than bundled by the running endpoint.
 * - dist/demo/: the demo pages, served beside the built widget they embed.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { copyFile, cp, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');

export const OUTPUTS = {
  server: join(DIST, 'server', 'cli.js'),
  standin: join(DIST, 'standin', 'index.js'),
  stripeJs: join(DIST, 'standin', 'stripe.js'),
  demo: join(DIST, 'demo'),
};

/** The stand-in stays out of the endpoint's bundle: its import is kept, to be resolved beside it at run time. */
const standinOutside: Plugin = {
  name: 'standin-outside',
  setup(b) {
    b.onResolve({ filter: /(^|\/)standin\/index\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Packages that cannot be bundled: build tools, and pg's optional native client (never used). */
const NOT_BUNDLED = ['esbuild', 'pg-native'];
const SQLITE_ADDON = 'better_sqlite3.node';

/** better-sqlite3 finds its addon with `bindings`, which searches node_modules: here it is the file beside the bundle. */
const sqliteAddon: Plugin = {
  name: 'sqlite-addon',
  setup(b) {
    b.onResolve({ filter: /^bindings$/ }, () => ({ path: 'bindings', namespace: 'sqlite-addon' }));
    b.onLoad({ filter: /.*/, namespace: 'sqlite-addon' }, () => ({
      contents: `module.exports = (name) => require(__bundleFolder + '/' + name);`,
      loader: 'js',
    }));
  },
};

/** A Node program with its packages in it. */
const node: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: NOT_BUNDLED,
  sourcemap: true,
  logLevel: 'warning',
  banner: {
    js: [
      "import { dirname as __dirnameOf } from 'node:path';",
      "import { fileURLToPath as __pathOf } from 'node:url';",
      // The bundled CommonJS packages require Node's own modules (and the addon) through this.
      "import { createRequire as __createRequire } from 'node:module';",
      'const require = __createRequire(import.meta.url);',
      'const __bundleFolder = __dirnameOf(__pathOf(import.meta.url));',
    ].join('\n'),
  },
};

/** Builds everything above; resolves with the endpoint's entry, dist/server/cli.js. */
export async function buildServer(): Promise<string> {
  await Promise.all([
    build({ ...node, entryPoints: [join(ROOT, 'src', 'server', 'cli.ts')], outfile: OUTPUTS.server, plugins: [standinOutside, sqliteAddon] }),
    build({ ...node, entryPoints: [join(ROOT, 'src', 'standin', 'index.ts')], outfile: OUTPUTS.standin }),
    // What the stand-in answers at /js/stripe.js, as js.stripe.com would answer.
    build({ entryPoints: [join(ROOT, 'src', 'standin', 'browser', 'index.ts')], outfile: OUTPUTS.stripeJs, bundle: true, format: 'iife', target: 'es2020', minify: true, legalComments: 'none', logLevel: 'warning' }),
    cp(join(ROOT, 'demo'), OUTPUTS.demo, { recursive: true }),
  ]);
  const addon = createRequire(import.meta.url).resolve(`better-sqlite3/build/Release/${SQLITE_ADDON}`);
  await mkdir(join(DIST, 'server'), { recursive: true });
  await copyFile(addon, join(DIST, 'server', SQLITE_ADDON));
  return OUTPUTS.server;
}

/**
 * The console's stylesheet and its two passkey scripts (with @simplewebauthn/browser) into
 * dist/console/, served at /console/assets/: files of their own, as the console's policy runs no
 * inline script or style.
 */
export async function buildConsole(): Promise<string> {
  const source = join(ROOT, 'src', 'server', 'console');
  const outdir = join(ROOT, 'dist', 'console');
  await build({
    entryPoints: { 'sign-in': join(source, 'browser', 'sign-in.ts'), enrol: join(source, 'browser', 'enrol.ts'), console: join(source, 'console.css') },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    logLevel: 'warning',
  });
  return outdir;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildServer();
  for (const output of Object.values(OUTPUTS)) console.log(`built ${relative(ROOT, output)}`);
  console.log(`built ${relative(ROOT, await buildConsole())}`);
}
