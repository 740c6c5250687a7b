/**
 * Bundles the Stripe.js stand-in (browser/) into one script with esbuild, once per process, so the
 * stand-in server can answer `GET /js/stripe.js` the way js.stripe.com would.
 */
import { join } from 'node:path';

/** Resolved from this file's folder (`import.meta.url` is rewritten by Vite's transform under vitest). */
const ENTRY = join(import.meta.dirname, 'browser', 'index.ts');

let bundled: Promise<string> | undefined;

export function bundleStripeJs(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
    });
    return result.outputFiles[0]!.text;
  })();
  return bundled;
}
