/** The payment tests use the same typed Mocha globals as the element's tests. */
export { describe, it, beforeEach, afterEach } from '../mocha.js';
