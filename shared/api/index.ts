/** The operator API contract: types, error codes, events and the client. Plain TypeScript (no Node, no DOM). */
export * from './errors.js';
export * from './events.js';
export * from './types.js';
export * from './client.js';
