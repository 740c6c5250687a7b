/**
 * What the element loads after the first-load script, and only when it needs it: the first-intent
 * chunk on the donor's first intent, and a language's strings when the form comes to speak it. How
 * depends on the build, so the entry module says (mira-donate.ts for bundlers, mira-donate.script.ts
 * for the pasted script); the element only calls these. Each rejects when offline; the next call
 * tries again.
 */
import type { Language } from '../core/locale.js';
import type { FirstIntent } from './first-intent/index.js';
import type { Terms } from './terms.js';

export interface Loads {
  firstIntent(): Promise<FirstIntent>;
  /** A language's first-load strings (English is always here: see terms.ts). */
  language(language: Exclude<Language, 'en'>): Promise<Terms>;
}

/** Loads each thing once per page, and forgets a failed load so the next call tries again. */
export function once<A extends string[], T>(load: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  const loading = new Map<string, Promise<T>>();
  return (...args) => {
    const key = args.join(' ');
    let promise = loading.get(key);
    if (!promise) {
      promise = load(...args).catch((error: unknown) => {
        loading.delete(key);
        throw error;
      });
      loading.set(key, promise);
    }
    return promise;
  };
}

/**
 * `import()` of a chunk that must be the one this script was built with: `import()` takes no
 * integrity, so the chunk is fetched first as `<link rel="modulepreload" integrity>`, which the
 * browser checks and keeps in the page's module map; `import()` then finds it there and fetches
 * nothing. A chunk that does not match is refused before it runs (test/e2e/versions.test.ts). With
 * no hash (a build without its chunks) or no modulepreload (older browsers), a plain `import()`.
 */
export function importChecked<T>(url: string, integrity: string | undefined): Promise<T> {
  const link = document.createElement('link');
  if (!integrity || !link.relList.supports('modulepreload')) return import(/* @vite-ignore */ url) as Promise<T>;
  link.rel = 'modulepreload';
  link.href = url;
  link.integrity = integrity;
  return new Promise<T>((resolve, reject) => {
    link.onload = () => resolve(import(/* @vite-ignore */ url) as Promise<T>);
    link.onerror = () => reject(new Error(`${url} did not load, or is not the file this script was built with`));
    document.head.append(link);
  }).finally(() => link.remove());
}
