/**
 * Mocha's globals, as Web Test Runner provides them, typed for these tests. Module-scoped, so they
 * stay correct (and conflict with nothing) if the project later takes @types/mocha.
 */
type Body = () => void | Promise<void>;

interface MochaGlobals {
  describe(title: string, body: () => void): void;
  it(title: string, body: Body): void;
  beforeEach(body: Body): void;
  afterEach(body: Body): void;
}

export const { describe, it, beforeEach, afterEach } = globalThis as unknown as MochaGlobals;
