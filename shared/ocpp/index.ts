/**
 * Public API of the OCPP 1.6J shared module: frames, message schemas and types, the action registry, the
 * payload validator and time formatting. Plain TypeScript, usable by Node and by the browser.
 */
export * from './rpc-frames.js';
export * from './messages/common.js';
export * from './messages/core.js';
export * from './messages/firmware.js';
export * from './messages/local-auth-list.js';
export * from './messages/reservation.js';
export * from './messages/remote-trigger.js';
export * from './messages/smart-charging.js';
export * from './messages/security.js';
export * from './actions.js';
export * from './validator.js';
export * from './time.js';
export * from './cistring.js';
