/**
 * Preload (sandboxed, context-isolated): exposes only the operator API to the console, as one named function,
 * never ipcRenderer itself (engineering anchors §3-4). The renderer sends the same requests it would send over
 * HTTP; the main process answers them from the same routes, so IPC and HTTP share one contract (shared/api).
 */
import { contextBridge, ipcRenderer } from 'electron';

export const API_IPC_CHANNEL = 'operator-api:request';

contextBridge.exposeInMainWorld('operatorApi', {
  /** `{ status, headers, body }` of the API route, as over HTTP; rejects after 60 s. */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    return ipcRenderer.invoke(API_IPC_CHANNEL, { method, path, body });
  },
});
