// The element's tests, in real headless Chromium (Debian's, see TOOLCHAIN.md).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumLaunchOptions } from './test/support/chromium.mjs';

export default {
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: true,
  // tsconfig keeps experimentalDecorators: without it esbuild emits standard decorators and Lit throws.
  plugins: [esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  mimeTypes: { '**/*.json': 'js' },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: chromiumLaunchOptions,
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
};
