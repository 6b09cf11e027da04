/**
 * Preload (sandboxed, context-isolated): exposes only the operator API to the console (`window.operatorApi`) and
 * the desktop shell's one own service (`window.desktopShell`: save a commissioning report as PDF), both typed by
 * shared/api/ipc.ts, never ipcRenderer itself (Electron security checklist: expose a narrow API through
 * contextBridge). A sandboxed preload cannot load our own modules, so the channel names are repeated here;
 * test/unit/desktop-shell.test.ts keeps them equal.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  DesktopShellBridge,
  IpcApiRequest,
  IpcApiResponse,
  OperatorApiBridge,
  SaveReportPdfOutcome,
  SaveReportPdfRequest,
} from '../../shared/api/ipc.js';

const REQUEST_CHANNEL = 'operator-api:request';
const EVENTS_CHANNEL = 'operator-api:events';
const SAVE_REPORT_PDF_CHANNEL = 'desktop-shell:save-commissioning-report-pdf';

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

const desktopShell: DesktopShellBridge = {
  saveCommissioningReportPdf(request: SaveReportPdfRequest): Promise<SaveReportPdfOutcome> {
    // Only the two fields go over: the main process checks them again.
    return ipcRenderer.invoke(SAVE_REPORT_PDF_CHANNEL, { chargePointId: request.chargePointId, runId: request.runId });
  },
};

contextBridge.exposeInMainWorld('operatorApi', bridge);
contextBridge.exposeInMainWorld('desktopShell', desktopShell);
