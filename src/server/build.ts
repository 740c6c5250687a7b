/**
 * Builds what the endpoint runs from, so production needs dist/ and its node_modules and nothing
 * else (no TypeScript loader, no bundler, no src/):
 * - dist/server/cli.js: the endpoint and its commands, bundled; dependencies stay in node_modules.
 *   The Stripe stand-in is never part of it: the demo wiring's import of `../standin/index.js` is
 *   left as it is, and from dist/server/ that names the stand-in's own bundle.
 * - dist/standin/index.js and dist/standin/stripe.js: the stand-in (demo mode and tests) and its
 *   Stripe.js, built here once rather than bundled by the running endpoint.
 * - dist/demo/: the demo pages, served beside the built widget they embed.
 */
import { build, type Plugin } from 'esbuild';
import { cp } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');

/** The stand-in stays out of the endpoint's bundle: its import is kept, to be resolved beside it at run time. */
const standinOutside: Plugin = {
  name: 'standin-outside',
  setup(b) {
    b.onResolve({ filter: /(^|\/)standin\/index\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

const node = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' } as const;

export const OUTPUTS = {
  server: join(DIST, 'server', 'cli.js'),
  standin: join(DIST, 'standin', 'index.js'),
  stripeJs: join(DIST, 'standin', 'stripe.js'),
  demo: join(DIST, 'demo'),
};

/** Builds everything above; resolves with the endpoint's entry, dist/server/cli.js. */
export async function buildServer(): Promise<string> {
  const outputs = OUTPUTS;
  await Promise.all([
    build({ ...node, entryPoints: [join(ROOT, 'src', 'server', 'cli.ts')], outfile: outputs.server, plugins: [standinOutside] }),
    build({ ...node, entryPoints: [join(ROOT, 'src', 'standin', 'index.ts')], outfile: outputs.standin }),
    // What the stand-in answers at /js/stripe.js, as js.stripe.com would answer.
    build({ entryPoints: [join(ROOT, 'src', 'standin', 'browser', 'index.ts')], outfile: outputs.stripeJs, bundle: true, format: 'iife', target: 'es2020', minify: true, legalComments: 'none', logLevel: 'warning' }),
    cp(join(ROOT, 'demo'), outputs.demo, { recursive: true }),
  ]);
  return outputs.server;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildServer();
  for (const output of Object.values(OUTPUTS)) console.log(`built ${relative(ROOT, output)}`);
}
