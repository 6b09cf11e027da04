/**
 * The desktop shell's bridge: what the preload exposes to the console as `window.operatorApi`. The console sends
 * the same requests it would send over HTTP and receives the same event batches as the SSE stream, so one contract
 * (this folder) serves IPC and HTTP alike.
 */
import type { ApiEventBatch } from './events.js';

export const API_IPC_REQUEST_CHANNEL = 'operator-api:request';
export const API_IPC_EVENTS_CHANNEL = 'operator-api:events';

export interface IpcApiRequest {
  method: string;
  /** Starts with /api/, query string included. */
  path: string;
  contentType?: string;
  accept?: string;
  body?: string | Uint8Array;
}

export interface IpcApiResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface OperatorApiBridge {
  request(request: IpcApiRequest): Promise<IpcApiResponse>;
  /** Event batches as they come; returns the function that stops them. */
  onEvents(listener: (batch: ApiEventBatch) => void): () => void;
}

/** The one thing only the desktop shell can do for the console: save a commissioning report as PDF. */
export const DESKTOP_SAVE_REPORT_PDF_CHANNEL = 'desktop-shell:save-commissioning-report-pdf';

export interface SaveReportPdfRequest {
  chargePointId: string;
  runId: number;
}

/** `cancelled`: the technician closed the save dialog; `failed`: why nothing was written. */
export type SaveReportPdfOutcome = { kind: 'saved'; path: string; bytes: number } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

/**
 * What the preload exposes as `window.desktopShell`, beside `window.operatorApi`; absent in a browser, where the
 * console prints the report page instead (the browser's own "Save as PDF").
 */
export interface DesktopShellBridge {
  /** Renders the run's report (the page of GET .../report.html) with Electron's printToPDF and asks where to save it. */
  saveCommissioningReportPdf(request: SaveReportPdfRequest): Promise<SaveReportPdfOutcome>;
}
