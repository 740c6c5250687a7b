/**
 * Stripe's idempotency: the first response to a key is kept and replayed for the same key and the
 * same request; the same key with other parameters is an idempotency_error. Like Stripe, a request
 * rejected before it did anything (a 400 or 404) is not kept, so a corrected retry can reuse the key.
 */
import { canonical, type FormObject } from './form.js';

interface Saved {
  fingerprint: string;
  status: number;
  body: string;
}

export class IdempotencyCache {
  private readonly saved = new Map<string, Saved>();

  static fingerprint(method: string, path: string, params: FormObject): string {
    return `${method} ${path} ${canonical(params)}`;
  }

  lookup(apiKey: string, key: string, fingerprint: string): { replay: Saved } | { conflict: true } | undefined {
    const saved = this.saved.get(`${apiKey}\u0000${key}`);
    if (!saved) return undefined;
    return saved.fingerprint === fingerprint ? { replay: saved } : { conflict: true };
  }

  remember(apiKey: string, key: string, fingerprint: string, status: number, body: string): void {
    const executed = (status >= 200 && status < 300) || status === 402 || status >= 500;
    if (executed) this.saved.set(`${apiKey}\u0000${key}`, { fingerprint, status, body });
  }
}
