/** The operator API server (local HTTP). The contract lives in shared/api. */
export { startApiServer, createApiRouter, type ApiServer, type ApiServerOptions } from './server.js';
export { loadOrCreateApiToken, rotateApiToken, API_TOKEN_SETTING } from './token.js';
