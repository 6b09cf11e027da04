import type { FetchLike } from '../../../shared/api/client.js';
import type { OperatorApiBridge } from '../../../shared/api/ipc.js';

/**
 * A `fetch` for the shared API client that travels over the desktop shell's IPC bridge: the same routes, bodies
 * and answers as HTTP, without a token in the renderer (main adds it).
 */
export function fetchOverIpc(bridge: OperatorApiBridge): FetchLike {
  return async (url, init = {}) => {
    const parsed = new URL(url);
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const response = await bridge.request({
      method: init.method ?? 'GET',
      path: parsed.pathname + parsed.search,
      contentType: headers['content-type'],
      accept: headers.accept,
      body: init.body,
    });
    const lowerHeaders = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: response.status,
      ok: response.status >= 200 && response.status < 300,
      headers: { get: (name: string) => lowerHeaders[name.toLowerCase()] ?? null },
      text: () => Promise.resolve(new TextDecoder().decode(response.body)),
      arrayBuffer: () => Promise.resolve(response.body.slice().buffer),
    };
  };
}
