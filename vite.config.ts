import { defineConfig } from 'vitest/config';

/**
 * `vite build` makes the one file a member organization pastes: dist/mira-donate.js, everything
 * bundled and minified, an IIFE so it runs as a classic `<script defer>` and as a module alike.
 * `vite build --mode lib` makes dist/lib/mira-donate.js, an ES module for bundlers that share
 * lit, i18next and valibot with the rest of their app.
 */
export default defineConfig(({ mode }) => ({
  // The script-tag file is not a module: its endpoint comes from document.currentScript instead.
  define: mode === 'lib' ? {} : { 'import.meta.url': 'undefined' },
  build:
    mode === 'lib'
      ? {
          outDir: 'dist/lib',
          emptyOutDir: true,
          target: 'es2022',
          minify: false,
          lib: { entry: 'src/widget/mira-donate.ts', formats: ['es' as const], fileName: () => 'mira-donate.js' },
          rolldownOptions: { external: [/^lit($|\/)/, /^@lit\//, /^i18next$/, /^valibot$/] },
        }
      : {
          outDir: 'dist',
          // dist/lib and dist/types come from the other build steps; only this file is ours.
          emptyOutDir: false,
          target: 'es2022',
          minify: true,
          lib: { entry: 'src/widget/mira-donate.ts', name: 'MiraDonate', formats: ['iife' as const], fileName: () => 'mira-donate.js' },
        },
  test: {
    include: ['test/core/**/*.test.ts', 'test/server/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
}));
