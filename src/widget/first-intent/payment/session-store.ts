/**
 * sessionStorage, or a page-lifetime stand-in where the host page blocks it (sandboxed frames,
 * some private modes throw on access). Losing it only costs the reload protection, never a gift.
 */
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const memory = new Map<string, string>();
const inMemory: Store = {
  getItem: (key) => memory.get(key) ?? null,
  setItem: (key, value) => void memory.set(key, value),
  removeItem: (key) => void memory.delete(key),
};

function store(): Store {
  try {
    return window.sessionStorage ?? inMemory;
  } catch {
    return inMemory;
  }
}

export function readItem(key: string): string | null {
  try {
    return store().getItem(key);
  } catch {
    return inMemory.getItem(key);
  }
}

export function writeItem(key: string, value: string): void {
  try {
    store().setItem(key, value);
  } catch {
    inMemory.setItem(key, value);
  }
}

export function removeItem(key: string): void {
  try {
    store().removeItem(key);
  } catch {
    /* nothing stored, nothing to remove */
  }
  inMemory.removeItem(key);
}
