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
