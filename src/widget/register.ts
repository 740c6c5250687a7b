/**
 * Defines <mira-donate>. Loaded twice, as happens when a theme and a plugin both paste the snippet,
 * it keeps the first definition and warns instead of throwing. (The pasted script defines a few
 * tasks after it runs, see mira-donate.script.ts: of two releases, 0.1.0 and this one, the one that
 * defines first wins, which may be the one loaded second.)
 */
import { MiraDonate } from './mira-donate.component.js';

export const TAG = 'mira-donate';

export function register(tag = TAG, element: CustomElementConstructor & { version?: string } = MiraDonate): void {
  const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
  if (!existing) {
    customElements.define(tag, element);
  } else if (existing !== element) {
    console.warn(`<${tag}> ${existing.version ?? '?'} is already defined; this copy (${element.version ?? '?'}) is not used. Load mira-donate.js once.`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mira-donate': MiraDonate;
  }
}
