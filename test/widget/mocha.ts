/** Mocha's globals as Web Test Runner provides them, typed for these tests (no @types/mocha here). */
type Body = () => void | Promise<void>;

interface MochaGlobals {
  describe(title: string, body: () => void): void;
  it(title: string, body: Body): void;
  before(body: Body): void;
  beforeEach(body: Body): void;
  afterEach(body: Body): void;
}

export const { describe, it, before, beforeEach, afterEach } = globalThis as unknown as MochaGlobals;
