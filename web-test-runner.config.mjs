// The element's tests, in real headless Chromium (Debian's, see TOOLCHAIN.md).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumLaunchOptions } from './test/support/chromium.mjs';

// tsconfig keeps experimentalDecorators: without it esbuild emits standard decorators and Lit throws.
const esbuild = esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: 'tsconfig.json' });
// The built files (dist/) are served as built, as the endpoint serves them: the first-load script
// checks its chunks' sha384, so a chunk transformed again on its way would be refused.
const transform = esbuild.transform.bind(esbuild);
esbuild.transform = (context) => (context.path.startsWith('/dist/') ? undefined : transform(context));

export default {
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuild],
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
