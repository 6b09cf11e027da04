import type { IpcApiRequest } from '../../shared/api/ipc.js';

const METHODS = /^(GET|HEAD|PUT|POST|PATCH|DELETE)$/;
const CONTENT_TYPES = /^(application\/json|text\/csv|text\/plain|application\/octet-stream)(;\s*charset=utf-8)?$/i;

/**
 * What the renderer may ask the main process to forward: an /api/ path of this origin (no scheme, no host, no
 * `..`), a known method and content type, a string or byte body. Anything else is refused before a request is made,
 * so a compromised renderer cannot use the shell as a proxy to other hosts or paths.
 */
export function checkIpcApiRequest(raw: unknown): IpcApiRequest {
  const { method, path, body, contentType, accept } = (raw ?? {}) as Record<string, unknown>;
  if (typeof method !== 'string' || !METHODS.test(method)) throw new Error('Refused: bad method');
  if (typeof path !== 'string' || !path.startsWith('/api/') || path.includes('..') || path.includes('\\') || /[\r\n]/.test(path)) {
    throw new Error('Refused: bad path');
  }
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) throw new Error('Refused: bad body');
  if (contentType !== undefined && (typeof contentType !== 'string' || !CONTENT_TYPES.test(contentType)))
    throw new Error('Refused: bad content type');
  if (accept !== undefined && (typeof accept !== 'string' || accept.length > 200 || /[\r\n]/.test(accept))) throw new Error('Refused: bad accept');
  return { method, path, body, contentType, accept };
}
