/**
 * Bundles the endpoint into dist/server/cli.js for production: plain `node`, no TypeScript loader,
 * so it starts in well under a second and idles in less memory. Its packages are bundled in with it
 * (they are development dependencies: `npm install mira-donate` gets only the widget's), and
 * better-sqlite3's compiled addon is copied beside it, so it runs with no node_modules at all on a
 * machine like the one that built it (same OS, CPU and Node major; README: The npm package).
 * Source files that find their own folder with `import.meta.dirname` (the Stripe stand-in's
 * Stripe.js bundler) keep finding it: the name is rewritten to point back at the source folder.
 */
import { build, type Plugin } from 'esbuild';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_DIR = join(ROOT, 'dist', 'server');

const sourceFolders: Plugin = {
  name: 'source-folders',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.dirname')) return undefined;
      const fromBundle = relative(OUT_DIR, dirname(args.path)).split('\\').join('/');
      const expression = `__sourceFolder(import.meta.dirname, ${JSON.stringify(fromBundle)})`;
      return { contents: text.replaceAll('import.meta.dirname', expression), loader: 'ts' };
    });
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

export async function buildServer(): Promise<string> {
  const outfile = join(OUT_DIR, 'cli.js');
  await build({
    entryPoints: [join(ROOT, 'src', 'server', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: NOT_BUNDLED,
    sourcemap: true,
    logLevel: 'warning',
    plugins: [sourceFolders, sqliteAddon],
    banner: {
      js: [
        "import { join as __sourceFolder, dirname as __dirnameOf } from 'node:path';",
        "import { fileURLToPath as __pathOf } from 'node:url';",
        // The bundled CommonJS packages require Node's own modules (and the addon) through this.
        "import { createRequire as __createRequire } from 'node:module';",
        'const require = __createRequire(import.meta.url);',
        'const __bundleFolder = __dirnameOf(__pathOf(import.meta.url));',
      ].join('\n'),
    },
  });
  const addon = createRequire(import.meta.url).resolve(`better-sqlite3/build/Release/${SQLITE_ADDON}`);
  await mkdir(OUT_DIR, { recursive: true });
  await copyFile(addon, join(OUT_DIR, SQLITE_ADDON));
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(`built ${relative(ROOT, await buildServer())}`);
}
