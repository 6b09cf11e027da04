/**
 * Preload (sandboxed, context-isolated): exposes only the operator API to the console (`window.operatorApi`, typed
 * by shared/api/ipc.ts), never ipcRenderer itself (Electron security checklist: expose a narrow API through contextBridge). A sandboxed preload cannot load our
 * own modules, so the two channel names are repeated here; test/unit/ipc-contract.test.ts keeps them equal.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { IpcApiRequest, IpcApiResponse, OperatorApiBridge } from '../../shared/api/ipc.js';

const REQUEST_CHANNEL = 'operator-api:request';
const EVENTS_CHANNEL = 'operator-api:events';

const bridge: OperatorApiBridge = {
  request(request: IpcApiRequest): Promise<IpcApiResponse> {
    return ipcRenderer.invoke(REQUEST_CHANNEL, request);
  },
  onEvents(listener) {
    const forward = (_event: IpcRendererEvent, batch: unknown) => listener(batch as Parameters<typeof listener>[0]);
    ipcRenderer.on(EVENTS_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENTS_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('operatorApi', bridge);
