/**
 * The endpoint defaults to the origin this script was loaded from, so the pasted snippet needs
 * no configuration. Read once, while the script runs: `document.currentScript` for the classic
 * script tag, `import.meta.url` for the ES module build. The one-file build pasted as
 * `type="module"` has neither, so it looks for its own script tag by name.
 */
function scriptUrl(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const script = document.currentScript;
  if (script instanceof HTMLScriptElement && script.src) return script.src;
  const moduleUrl = import.meta.url as string | undefined;
  if (moduleUrl) return moduleUrl;
  const tags = document.querySelectorAll<HTMLScriptElement>('script[src*="mira-donate"]');
  return tags[tags.length - 1]?.src;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { origin, protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** Where this script came from: the first-intent chunk and the other languages are loaded from beside it. */
export const SCRIPT_URL = scriptUrl();
export const SCRIPT_ORIGIN = originOf(SCRIPT_URL);
