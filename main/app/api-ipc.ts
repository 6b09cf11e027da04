import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { RunningServices } from '../services/start-services.js';

const API_IPC_CHANNEL = 'operator-api:request';
const IPC_TIMEOUT_MS = 60_000;

/**
 * Answers the console's API requests from the main process by forwarding them to the local API server, with the
 * token added here so the renderer never holds it. Only our own window's main frame may call (VS Code's
 * sender check, engineering anchors §4); only `/api/` paths are forwarded.
 */
export function serveApiOverIpc(services: RunningServices, ownContents: () => WebContents | undefined): void {
  ipcMain.handle(API_IPC_CHANNEL, async (event: IpcMainInvokeEvent, request: unknown) => {
    const contents = ownContents();
    if (!contents || event.sender !== contents || event.senderFrame !== contents.mainFrame) throw new Error('Refused: not the console window');
    const { method, path, body } = (request ?? {}) as { method?: unknown; path?: unknown; body?: unknown };
    if (typeof method !== 'string' || !/^(GET|PUT|POST|PATCH|DELETE)$/.test(method)) throw new Error('Refused: bad method');
    if (typeof path !== 'string' || !path.startsWith('/api/') || path.includes('..')) throw new Error('Refused: bad path');
    const response = await fetch(`${services.api.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${services.api.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(IPC_TIMEOUT_MS),
    });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  });
}
