/**
 * The console's words. English first; every string is in locales/console/<language>.json so Spanish
 * and Portuguese can follow without touching a page.
 */
import en from '../../../locales/console/en.json' with { type: 'json' };

export type ConsoleKey = keyof typeof en;

/** The string for `key`, with `{name}` placeholders filled from `values`. */
export function t(key: ConsoleKey, values: Record<string, string | number> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
