/**
 * Bundles the Stripe.js stand-in (browser/) into one script with esbuild, once per process, so the
 * stand-in server can answer `GET /js/stripe.js` the way js.stripe.com would.
 */
import { fileURLToPath } from 'node:url';

let bundled: Promise<string> | undefined;

export function bundleStripeJs(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./browser/index.ts', import.meta.url))],
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
