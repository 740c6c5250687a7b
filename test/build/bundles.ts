/**
 * The widget's two scripts built in memory, exactly as `npm run build:widget` builds them (same
 * config, same modes) but with source maps and without touching dist/: each one's code, the modules
 * in it, and its bytes attributed to the source file they came from (through the source map, so the
 * minified bytes, not the source's). For the boundary test and the size bench.
 */
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { decode } from '@jridgewell/sourcemap-codec';
import { build, type Rolldown } from 'vite';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Bundle {
  fileName: string;
  code: string;
  /** Every module in the bundle, as a path from the project root (node_modules/… for packages). */
  modules: string[];
  /** The bundle's minified text by the source file it came from; `''` for what no source maps to (the bundler's glue). */
  bySource: Map<string, string>;
}

/** A module id as a path from the project root, packages as `node_modules/<name>/…` wherever they are installed. */
export function modulePath(id: string): string {
  const path = id.replace(/\\/g, '/').replace(/^\0/, '');
  const packaged = path.lastIndexOf('/node_modules/');
  return packaged >= 0 ? path.slice(packaged + 1) : relative(ROOT, path).replace(/\\/g, '/');
}

/** Builds one mode of vite.config.ts in memory; the first-load script is `production`, the chunk `intent`. */
export async function buildBundle(mode: 'production' | 'intent'): Promise<Bundle> {
  const result = await build({
    root: ROOT,
    mode,
    logLevel: 'silent',
    configFile: `${ROOT}vite.config.ts`,
    // Packages' production builds, as `npm run build:widget` resolves them: under vitest NODE_ENV is
    // `test`, and vite would otherwise pick their development builds (Lit's is larger, with its warnings).
    resolve: { conditions: ['module', 'browser', 'production'] },
    build: { write: false, sourcemap: true },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((item): item is Rolldown.OutputChunk => item.type === 'chunk' && item.isEntry);
  if (!chunk?.map) throw new Error(`vite build --mode ${mode} gave no entry chunk with a source map`);
  return { fileName: chunk.fileName, code: chunk.code, modules: Object.keys(chunk.modules).map(modulePath), bySource: attribute(chunk.code, chunk.map) };
}

/** Splits the code by the source each stretch of it maps to (a segment runs to the next one on its line). */
function attribute(code: string, map: Rolldown.SourceMap): Map<string, string> {
  const sources = map.sources.map((source) => modulePath(new URL(source, `file://${ROOT}dist/`).pathname));
  const parts = new Map<string, string[]>();
  const add = (source: string, text: string) => {
    if (!text) return;
    const list = parts.get(source) ?? [];
    list.push(text);
    parts.set(source, list);
  };
  const lines = code.split('\n');
  decode(map.mappings).forEach((segments, index) => {
    const line = lines[index] ?? '';
    let at = 0;
    let source = '';
    for (const segment of segments) {
      add(source, line.slice(at, segment[0]));
      at = segment[0];
      source = segment.length > 1 ? sources[segment[1]!]! : '';
    }
    add(source, line.slice(at) + (index < lines.length - 1 ? '\n' : ''));
  });
  return new Map([...parts].map(([source, texts]) => [source, texts.join('')]));
}
