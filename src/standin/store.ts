/**
 * Every object the stand-in holds, by id, plus rendering them the way Stripe's API does:
 * internal fields hidden, "includable" fields only when expanded, ids expanded on request.
 */
import { randomBytes } from 'node:crypto';
import { invalidRequest } from './errors.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- Stripe objects are open-ended JSON */
export type StripeObject = { id: string; object: string } & Record<string, any>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Stripe-looking ids: a prefix and 24 random alphanumerics (`pi_3Q…`). */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Fields Stripe returns only when asked for with `expand[]` (Stripe calls them "includable"). */
const INCLUDABLE: Record<string, readonly string[]> = {
  invoice: ['confirmation_secret', 'payments'],
  charge: ['refunds'],
};

export class Store {
  private readonly objects = new Map<string, StripeObject>();

  put(object: StripeObject): StripeObject {
    this.objects.set(object.id, object);
    return object;
  }

  find(id: string): StripeObject | undefined {
    return this.objects.get(id);
  }

  /** The object of the given type, or undefined when absent or of another type. */
  get(id: string, type: string): StripeObject | undefined {
    const object = this.objects.get(id);
    return object && object.object === type ? object : undefined;
  }

  all(type: string): StripeObject[] {
    return [...this.objects.values()].filter((o) => o.object === type);
  }

  /**
   * The object as the API shows it: a deep copy without internal (`_`-prefixed) or unexpanded
   * includable fields, with every `expand` path replaced by the object it names.
   */
  render(object: StripeObject, expand: readonly string[] = []): StripeObject {
    const copy = this.plain(object, expand.map((p) => p.split('.')[0]!));
    for (const path of expand) this.expandPath(copy, path.split('.'), path);
    return copy;
  }

  private plain(object: StripeObject, included: readonly string[]): StripeObject {
    const includable = INCLUDABLE[object.object] ?? [];
    const copy: StripeObject = structuredClone(object);
    for (const key of Object.keys(copy)) {
      if (key.startsWith('_') || (includable.includes(key) && !included.includes(key))) delete copy[key];
    }
    return copy;
  }

  private expandPath(target: any, path: string[], full: string): void {
    if (target === null || typeof target !== 'object') return;
    if (Array.isArray(target)) {
      for (const item of target) this.expandPath(item, path, full);
      return;
    }
    const [head, ...rest] = path;
    if (!head) return;
    if (!(head in target)) {
      // A list's items are reached through `data` (`data.latest_charge`); anything else is a typo.
      throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
    }
    let value = target[head];
    if (typeof value === 'string') {
      const found = this.objects.get(value);
      if (!found) throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
      value = this.plain(found, rest.length ? [rest[0]!] : []);
      target[head] = value;
    }
    if (rest.length) this.expandPath(value, rest, full);
  }
}

export interface ApiList {
  object: 'list';
  data: StripeObject[];
  has_more: boolean;
  url: string;
}

export function listOf(url: string, data: StripeObject[], hasMore = false): ApiList {
  return { object: 'list', data, has_more: hasMore, url };
}
