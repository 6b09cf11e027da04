import { create } from 'zustand';
import type { ApiClient } from '../../../../../shared/api/client.js';
import { ApiRequestError } from '../../../../../shared/api/errors.js';
import type { CallResponse } from '../../../../../shared/api/types.js';
import { errorMessage } from '../../../components/error-message.js';

/** What came back for one operation: the station's answer, or why there was none. */
export interface OperationOutcome {
  response?: CallResponse;
  /** Nothing came back from the station (not connected, timeout, refused by the API...). */
  failure?: string;
  /** API error code of the failure, e.g. API_ERR_VALIDATION. */
  code?: string;
  /** The schema problems the API found in the payload (422), by JSON Pointer. */
  issues?: { path: string; message: string }[];
  /** An accepted RemoteStartTransaction: the start it asked for is watched, since our answer to it may still refuse it. */
  remoteStart?: RemoteStartWatch;
}

export interface RemoteStartWatch {
  chargePointId: string;
  idTag: string;
  connectorId?: number;
  /** When the operation was sent (ISO 8601): its start is the first one of the tag at the station since then. */
  sentAt: string;
}

export interface HistoryEntry {
  id: number;
  chargePointId: string;
  action: string;
  payload: Record<string, unknown>;
  sentAt: string;
  /** Undefined while waiting for the answer. */
  outcome?: OperationOutcome;
  durationMs?: number;
}

/** The operations sent in this console session (kept in memory only: a record of what this technician did). */
interface HistoryState {
  entries: HistoryEntry[];
  add: (entry: HistoryEntry) => void;
  settle: (id: number, outcome: OperationOutcome, durationMs: number) => void;
  clear: (chargePointId: string) => void;
  /** The id the next operation sent gets. */
  nextId: number;
  /** Takes the next id. */
  takeId: () => number;
  reset: () => void;
}

/** Enough to scroll back through a day's work without growing without bound. */
const MAX_ENTRIES = 500;

export const useOperationHistory = create<HistoryState>((set, get) => ({
  entries: [],
  nextId: 1,
  takeId: () => {
    const id = get().nextId;
    set({ nextId: id + 1 });
    return id;
  },
  reset: () => set({ entries: [], nextId: 1 }),
  add: (entry) => set((s) => ({ entries: [entry, ...s.entries].slice(0, MAX_ENTRIES) })),
  settle: (id, outcome, durationMs) => set((s) => ({ entries: s.entries.map((e) => (e.id === id ? { ...e, outcome, durationMs } : e)) })),
  clear: (chargePointId) => set((s) => ({ entries: s.entries.filter((e) => e.chargePointId !== chargePointId) })),
}));

/** The outcome of a thrown API error, keeping the 422 schema issues so the form can show them by field. */
export function outcomeOfError(err: unknown): OperationOutcome {
  if (err instanceof ApiRequestError) {
    return {
      failure: `${err.message} (${err.code})`,
      code: err.code,
      issues: err.details?.issues?.map((i) => ({ path: i.path, message: i.message })),
    };
  }
  return { failure: errorMessage(err) };
}

/** Sends one operation through the calls route and records it in the session history. Never throws. */
export async function sendOperation(
  api: ApiClient,
  chargePointId: string,
  action: string,
  payload: Record<string, unknown>,
  options: { record?: boolean } = {},
): Promise<OperationOutcome> {
  const id = useOperationHistory.getState().takeId();
  const record = options.record ?? true;
  const startedMs = performance.now();
  if (record) useOperationHistory.getState().add({ id, chargePointId, action, payload, sentAt: new Date().toISOString() });
  const sentAt = new Date().toISOString();
  let outcome: OperationOutcome;
  try {
    outcome = { response: await api.call(chargePointId, action, payload) };
  } catch (err) {
    outcome = outcomeOfError(err);
  }
  const remoteStart = remoteStartWatch(chargePointId, action, payload, outcome, sentAt);
  if (remoteStart) outcome.remoteStart = remoteStart;
  if (record) useOperationHistory.getState().settle(id, outcome, Math.round(performance.now() - startedMs));
  return outcome;
}

/** An accepted RemoteStartTransaction with an idTag: the start to watch for. */
function remoteStartWatch(
  chargePointId: string,
  action: string,
  payload: Record<string, unknown>,
  outcome: OperationOutcome,
  sentAt: string,
): RemoteStartWatch | undefined {
  if (action !== 'RemoteStartTransaction' || typeof payload.idTag !== 'string') return undefined;
  const response = outcome.response;
  if (!response || !('result' in response) || response.result.status !== 'Accepted') return undefined;
  return { chargePointId, idTag: payload.idTag, connectorId: typeof payload.connectorId === 'number' ? payload.connectorId : undefined, sentAt };
}

/** A one-word summary of an outcome for lists: the answer's status, "CALLERROR x", or the failure code. */
export function outcomeLabel(outcome: OperationOutcome | undefined): string {
  if (!outcome) return 'Waiting…';
  if (outcome.failure) return outcome.code === 'API_ERR_VALIDATION' ? 'Invalid payload' : (outcome.code ?? 'Failed');
  const response = outcome.response!;
  if ('error' in response) return `CALLERROR ${response.error.code}`;
  return typeof response.result.status === 'string' ? response.result.status : 'Answered';
}
