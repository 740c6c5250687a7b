/**
 * Stripe's request bodies and query strings are form-encoded with bracket notation
 * (`metadata[campaign]=mira`, `items[0][price_data][recurring][interval]=month`, `expand[]=x`).
 * This turns them into the nested objects Stripe's own API reasons about.
 */

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

/** Splits `a[b][0][]` into ['a', 'b', '0', '']. */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const parts = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key.slice(open)))) parts.push(m[1]!);
  return parts;
}

/** Keys that would reach Object.prototype through a plain object: a request must not touch them. */
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = keyPath(key);
    if (!path.some((part) => UNSAFE.has(part))) setPath(root, path, value);
  }
  return arraysFromIndexes(root) as FormObject;
}

function setPath(target: Record<string, FormValue>, path: string[], value: string): void {
  let node: Record<string, FormValue> = target;
  for (let i = 0; i < path.length - 1; i++) {
    let part = path[i]!;
    // `expand[]=a&expand[]=b`: an empty index appends, which we model as the next free index.
    if (part === '') part = String(Object.keys(node).length);
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, FormValue>;
  }
  let last = path[path.length - 1]!;
  if (last === '') last = String(Object.keys(node).length);
  node[last] = value;
}

/** Objects whose keys are exactly 0..n-1 were arrays on the caller's side. */
function arraysFromIndexes(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  for (const k of keys) value[k] = arraysFromIndexes(value[k]!);
  const isArray = keys.length > 0 && keys.every((k, i) => k === String(i));
  return isArray ? keys.map((k) => value[k]!) : value;
}

/** A stable string for "same parameters?" comparisons (idempotency), independent of key order. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}
