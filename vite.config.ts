import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { BuildEnvironmentOptions, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { trimI18nextPlugin } from './build/trim-i18next.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The chunks the first-load script imports from beside itself, with the sha384 (SRI) of each as just
 * built: the script checks a chunk against it before running it (src/widget/loads.ts), so a pinned,
 * integrity-checked script runs only the chunks it was built with. `npm run build:widget` builds the
 * chunks first; a build without them (the in-memory builds of test/build) gets none, and
 * test/build/package.test.ts checks that the built script carries every chunk's.
 */
const CHUNKS = ['mira-donate-intent.js', 'mira-donate-strings-es.js', 'mira-donate-strings-pt.js'];
function chunkIntegrity(): Record<string, string> {
  const built = CHUNKS.map((file) => [file, new URL(`./dist/${file}`, import.meta.url)] as const).filter(([, url]) => existsSync(url));
  return Object.fromEntries(built.map(([file, url]) => [file, `sha384-${createHash('sha384').update(readFileSync(url)).digest('base64')}`]));
}

/**
 * Four builds (`npm run build` runs them all); which file goes where is answered by the source tree:
 * - `vite build`: dist/mira-donate.js, the first-load script a member organization pastes, from
 *   src/widget/mira-donate.script.ts. An IIFE (runs as a classic `<script defer>` and as a module
 *   alike), minified, with everything in src/widget outside first-intent/ and languages/: lit,
 *   i18next (less what the form never asks of it: build/trim-i18next.ts), the form in English, money
 *   and fees. Budget: 27 KB gzip (bench/widget.bench.ts).
 * - `vite build --mode intent`: dist/mira-donate-intent.js, src/widget/first-intent/: the ES module
 *   the script imports from beside itself on the donor's first intent (validation, the payment step
 *   with Stripe.js's loader, errors, the tribute's details, the thank-you).
 * - `vite build --mode languages`: dist/mira-donate-strings-es.js and -pt.js, src/widget/languages/:
 *   the form in Spanish and Portuguese, imported from beside the script when the form speaks them.
 * - `vite build --mode lib`: dist/lib/, ES modules for bundlers that share lit, i18next, valibot and
 *   Stripe.js with the rest of their app; first-intent/ and languages/ are ordinary split chunks there.
 */
const builds: Record<string, BuildEnvironmentOptions> = {
  script: {
    outDir: 'dist',
    // dist/lib, dist/types and the chunks come from the other builds; only this file is ours.
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    lib: { entry: 'src/widget/mira-donate.script.ts', name: 'MiraDonate', formats: ['iife'], fileName: () => 'mira-donate.js' },
  },
  intent: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    lib: { entry: 'src/widget/first-intent/index.ts', formats: ['es'], fileName: () => 'mira-donate-intent.js' },
  },
  languages: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    lib: {
      entry: { 'mira-donate-strings-es': 'src/widget/languages/es.ts', 'mira-donate-strings-pt': 'src/widget/languages/pt.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
  // `vite build --mode manage`: dist/mira-donate-manage.js, the /manage page's own ES module (src/widget/manage/), nothing of the first load's.
  manage: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    lib: { entry: 'src/widget/manage/index.ts', formats: ['es'], fileName: () => 'mira-donate-manage.js' },
  },
  lib: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    lib: { entry: 'src/widget/mira-donate.ts', formats: ['es'], fileName: () => 'mira-donate.js' },
    rolldownOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^i18next$/, /^valibot$/, /^@stripe\/stripe-js($|\/)/],
      output: { chunkFileNames: '[name]-[hash].js' },
    },
  },
};

/**
 * The minifier leaves the text of Lit's css`` literals alone; for the first-load budget, comments and
 * white space go, and so do the zero before a decimal point and the quotes around a one-word value in
 * an attribute selector. Conservative on purpose: white space only around `{ } ; , >` and after `:`,
 * never before `:` (in a selector a space before `:` is a descendant combinator), so the CSS means
 * the same.
 */
const minifyStyles: Plugin = {
  name: 'mira-minify-styles',
  transform(code, id) {
    if (!id.endsWith('.styles.ts')) return undefined;
    const minified = code.replace(/css`([^`]*)`/g, (_literal, body: string) => {
      const css = body
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/:\s+/g, ':')
        .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
        .replace(/=(['"])([a-z][\w-]*)\1\]/gi, '=$2]')
        .replace(/;}/g, '}')
        .trim();
      return `css\`${css}\``;
    });
    // No source map of its own: each module still maps to its source (test/build/bundles.ts attributes bytes by it).
    return { code: minified, map: null };
  },
};

/**
 * Lit's html`` templates keep the source's line breaks and indentation; for the first-load budget, a
 * line break and the white space around it become one space. HTML collapses white space anyway, and
 * no template of ours has a `<pre>` or text inside a `<textarea>`. Only the static parts of templates
 * tagged `html` change (found in the parsed module, not by pattern), so code and values stay as written.
 */
const minifyTemplates: Plugin = {
  name: 'mira-minify-templates',
  transform(code, id) {
    if (!/[\\/]src[\\/]widget[\\/].*\.ts$/.test(id) || !code.includes('html`')) return undefined;
    const edits: { start: number; end: number; text: string }[] = [];
    const visit = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const tagged = node as { type?: string; tag?: { type: string; name?: string }; quasi?: { quasis: { start: number; end: number; value: { raw: string } }[] } };
      if (tagged.type === 'TaggedTemplateExpression' && tagged.tag?.type === 'Identifier' && tagged.tag.name === 'html') {
        for (const { start, end, value } of tagged.quasi?.quasis ?? []) {
          // The parser's range holds the text with or without the delimiter before it (` or });
          // the text must be found exactly there, else it is left alone.
          const at = end - start === value.raw.length ? start : start + 1;
          if (value.raw.includes('\n') && code.slice(at, at + value.raw.length) === value.raw) {
            edits.push({ start: at, end: at + value.raw.length, text: value.raw.replace(/\s*\n\s*/g, ' ') });
          }
        }
      }
      for (const child of Object.values(node)) visit(child);
    };
    visit(this.parse(code, { lang: 'ts' }));
    if (!edits.length) return undefined;
    let out = code;
    for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
    return { code: out, map: null };
  },
};

export default defineConfig(({ command, mode }) => {
  const build = builds[mode] ?? builds.script;
  // Only when building: vitest reads this config too (default mode, not a build), and must see the
  // modules as they are, import.meta.url included.
  const scriptTag = command === 'build' && build === builds.script;
  const firstIntent = command === 'build' && build === builds.intent;
  return {
    // The script-tag file is not a module: its URL comes from document.currentScript instead.
    define: scriptTag ? { 'import.meta.url': 'undefined', __MIRA_VERSION__: JSON.stringify(version), __MIRA_INTEGRITY__: JSON.stringify(chunkIntegrity()) } : {},
    plugins: scriptTag ? [minifyStyles, minifyTemplates, trimI18nextPlugin] : firstIntent ? [minifyTemplates] : [],
    build,
    test: {
      include: ['test/core/**/*.test.ts', 'test/server/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/build/**/*.test.ts', 'test/standin/**/*.test.ts', 'test/server/**/*.test.tsx'],
      pool: 'forks',
      testTimeout: 20_000,
      hookTimeout: 60_000,
    },
  };
});
