/**
 * Bundles the endpoint into dist/server/cli.js for production: plain `node`, no TypeScript loader,
 * so it starts in well under a second and idles in less memory. Dependencies stay in node_modules.
 * Source files that find their own folder with `import.meta.dirname` (the Stripe stand-in's
 * Stripe.js bundler) keep finding it: the name is rewritten to point back at the source folder.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
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

export async function buildServer(): Promise<string> {
  const outfile = join(OUT_DIR, 'cli.js');
  await build({
    entryPoints: [join(ROOT, 'src', 'server', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [sourceFolders],
    banner: { js: "import { join as __sourceFolder } from 'node:path';" },
  });
  return outfile;
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
  console.log(`built ${relative(ROOT, await buildServer())}`);
  console.log(`built ${relative(ROOT, await buildConsole())}`);
}
