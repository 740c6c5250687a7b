export * from './locale.js';
export * from './money.js';
export * from './fees.js';
export * from './errors.js';
export * from './donation.js';
export type * from './api.js';
