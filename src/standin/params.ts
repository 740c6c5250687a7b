/**
 * Reading typed values out of a parsed form the way Stripe validates them, so that the endpoint
 * meets the same 400s here as it would against Stripe (unknown parameters, bad integers, metadata
 * over Stripe's limits).
 */
import { invalidRequest, missingParam } from './errors.js';
import type { FormObject, FormValue } from './form.js';

export type Metadata = Record<string, string>;

/** Stripe rejects any top-level parameter it does not know; so do we, per route. */
export function onlyKnown(params: FormObject, allowed: readonly string[], parent?: string): void {
  for (const key of Object.keys(params)) {
    const name = parent ? `${parent}[${key}]` : key;
    if (!allowed.includes(key)) throw invalidRequest(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
  }
}

export function str(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name}`, name, 'parameter_invalid_string');
  return value;
}

export function requiredStr(params: FormObject, name: string): string {
  const value = str(params, name);
  if (value === undefined || value === '') throw missingParam(name);
  return value;
}

export function int(params: FormObject, name: string): number | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, name, 'parameter_invalid_integer');
  return Number(value);
}

export function bool(params: FormObject, name: string): boolean | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalidRequest(`Invalid boolean: ${value}`, name);
  return value === 'true';
}

export function obj(params: FormObject, name: string): FormObject | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid object`, name, 'parameter_invalid_object');
  return value;
}

export function list(params: FormObject, name: string): FormValue[] | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (!Array.isArray(value)) throw invalidRequest(`Invalid array`, name, 'parameter_invalid_array');
  return value;
}

export function expandPaths(params: FormObject): string[] {
  const value = list(params, 'expand') ?? [];
  return value.map((path) => {
    if (typeof path !== 'string') throw invalidRequest('Invalid array', 'expand');
    return path;
  });
}

/**
 * Stripe's metadata: at most 50 keys, keys up to 40 characters, values up to 500. An empty
 * string unsets a key on update.
 */
export function metadata(params: FormObject, previous: Metadata = {}): Metadata {
  const value = params.metadata;
  if (value === undefined) return { ...previous };
  if (value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Invalid object', 'metadata');
  const result: Metadata = { ...previous };
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw invalidRequest('Invalid metadata: values must be strings', `metadata[${key}]`);
    if (key.length > 40) {
      throw invalidRequest(`Invalid metadata: metadata keys can have up to 40 characters, but you passed in a key that is ${key.length} characters long.`, 'metadata');
    }
    if (v.length > 500) {
      throw invalidRequest(`Invalid metadata: metadata values can have up to 500 characters, but you passed in a value that is ${v.length} characters long.`, `metadata[${key}]`);
    }
    if (v === '') delete result[key];
    else result[key] = v;
  }
  if (Object.keys(result).length > 50) throw invalidRequest('Invalid metadata: metadata can have up to 50 keys.', 'metadata');
  return result;
}

export function currency(params: FormObject, name = 'currency'): string {
  const value = requiredStr(params, name).toLowerCase();
  if (!/^[a-z]{3}$/.test(value)) throw invalidRequest(`Invalid currency: ${value}.`, name);
  return value;
}
