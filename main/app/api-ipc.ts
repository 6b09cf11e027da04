import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { API_IPC_EVENTS_CHANNEL, API_IPC_REQUEST_CHANNEL, type IpcApiResponse } from '../../shared/api/ipc.js';
import { batchEvents } from '../api/event-batcher.js';
import type { RunningServices } from '../services/start-services.js';
import { checkIpcApiRequest } from '../api/ipc-request.js';
import { AUDIT_CLIENT_HEADER, AUDIT_CONSOLE_WINDOW } from '../../shared/api/audit.js';

const IPC_TIMEOUT_MS = 60_000;

/**
 * Answers the console's API requests from the main process by forwarding them to the local API server, with the
 * token added here so the renderer never holds it, and pushes the change events to the window in the same batches
 * as the SSE stream. Only our own window's main frame may call (Electron security checklist: validate the sender of every IPC message);
 * only `/api/` paths are forwarded.
 */
export function serveApiOverIpc(services: RunningServices, ownContents: () => WebContents | undefined): () => void {
  ipcMain.handle(API_IPC_REQUEST_CHANNEL, async (event: IpcMainInvokeEvent, raw: unknown): Promise<IpcApiResponse> => {
    const contents = ownContents();
    if (!contents || event.sender !== contents || event.senderFrame !== contents.mainFrame) throw new Error('Refused: not the console window');
    const request = checkIpcApiRequest(raw);
    // The audit trail names this client: the console window (the renderer cannot set this header itself).
    const headers: Record<string, string> = {
      Authorization: `Bearer ${services.api.token}`,
      Accept: request.accept ?? 'application/json',
      [AUDIT_CLIENT_HEADER]: AUDIT_CONSOLE_WINDOW,
    };
    if (request.body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
    const response = await fetch(`${services.api.url}${request.path}`, {
      method: request.method,
      headers,
      body: request.body,
      signal: AbortSignal.timeout(IPC_TIMEOUT_MS),
    });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: new Uint8Array(await response.arrayBuffer()) };
  });
  const stopEvents = batchEvents(services.csms.events, (batch) => {
    const contents = ownContents();
    if (contents && !contents.isDestroyed()) contents.send(API_IPC_EVENTS_CHANNEL, batch);
  });
  return () => {
    stopEvents();
    ipcMain.removeHandler(API_IPC_REQUEST_CHANNEL);
  };
}
