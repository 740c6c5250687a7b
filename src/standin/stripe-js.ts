/**
 * The Stripe.js stand-in (browser/) as one script, for `GET /js/stripe.js`. The built stand-in
 * (dist/standin/index.js) finds it built beside itself (dist/standin/stripe.js, by npm run build);
 * run from the source tree (tests), it is bundled here with esbuild, a development dependency,
 * once per process.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Resolved from this file's folder (`import.meta.url` is rewritten by Vite's transform under vitest). */
const BUILT = join(import.meta.dirname, 'stripe.js');
const ENTRY = join(import.meta.dirname, 'browser', 'index.ts');

let script: Promise<string> | undefined;

export function stripeJs(): Promise<string> {
  script ??= existsSync(BUILT) ? readFile(BUILT, 'utf8') : bundleFromSource();
  return script;
}

async function bundleFromSource(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [ENTRY], bundle: true, write: false, format: 'iife', target: 'es2020', minify: true, legalComments: 'none' });
  return result.outputFiles[0]!.text;
}
