/**
 * The endpoint defaults to the origin this script was loaded from, so the pasted snippet needs
 * no configuration. Read once, while the script runs: `document.currentScript` for the classic
 * script tag build, `import.meta.url` when loaded as a module.
 */
function scriptUrl(): string | undefined {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  if (script instanceof HTMLScriptElement && script.src) return script.src;
  try {
    return import.meta.url;
  } catch {
    return undefined;
  }
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

export const SCRIPT_ORIGIN = originOf(scriptUrl());
