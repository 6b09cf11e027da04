import { AUDIT_CONSOLE_BROWSER } from '../../../shared/api/audit.js';
import { createApiClient, type ApiClient } from '../../../shared/api/client.js';
import type { ApiEventBatch } from '../../../shared/api/events.js';
import type { DesktopShellBridge, OperatorApiBridge } from '../../../shared/api/ipc.js';
import { fetchOverIpc } from './ipc-fetch.js';
import { storedToken, takeTokenFromLocation } from './token.js';

export type TransportKind = 'ipc' | 'http';
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

/** How the console reaches the central system: the API client and the event stream, over IPC or HTTP. */
export interface Transport {
  kind: TransportKind;
  api: ApiClient;
  /** Starts the event stream; batches and stream state go to the callbacks. Returns the stop function. */
  openEvents: (onBatch: (batch: ApiEventBatch) => void, onState: (state: StreamState) => void) => () => void;
}

declare global {
  interface Window {
    operatorApi?: OperatorApiBridge;
    /** What only the desktop shell can do (save a commissioning report as PDF); absent in a browser. */
    desktopShell?: DesktopShellBridge;
  }
}

/**
 * The desktop shell's preload exposes `window.operatorApi`; in a browser there is none and the console talks
 * HTTP to the server it was loaded from. Null when a browser has no token yet (the console asks for one).
 */
export function pickTransport(tokenOverride?: string): Transport | null {
  const bridge = window.operatorApi;
  if (bridge) {
    return {
      kind: 'ipc',
      api: createApiClient({ baseUrl: 'http://ipc.invalid', token: 'ipc', fetch: fetchOverIpc(bridge) }),
      openEvents(onBatch, onState) {
        onState('live');
        return bridge.onEvents(onBatch);
      },
    };
  }
  const token = tokenOverride ?? takeTokenFromLocation() ?? storedToken();
  if (!token) return null;
  // Named in the audit trail as the console in a browser (the desktop shell names its own requests).
  const api = createApiClient({
    baseUrl: location.origin,
    token,
    client: AUDIT_CONSOLE_BROWSER,
    fetch: (url, init) => fetch(url, init as RequestInit),
  });
  return { kind: 'http', api, openEvents: (onBatch, onState) => openEventSource(api, onBatch, onState) };
}

function openEventSource(api: ApiClient, onBatch: (batch: ApiEventBatch) => void, onState: (state: StreamState) => void): () => void {
  let source: EventSource | undefined;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    onState('connecting');
    source = new EventSource(api.eventsUrl());
    source.onopen = () => onState('live');
    source.onmessage = (message) => {
      try {
        onBatch(JSON.parse(message.data as string) as ApiEventBatch);
      } catch {
        // A malformed batch is skipped; the next one re-syncs what the views show.
      }
    };
    source.onerror = () => {
      if (stopped) return;
      // EventSource retries by itself unless the server refused (401 closes it); find out which.
      if (source?.readyState === EventSource.CLOSED) {
        source = undefined;
        api.status().then(
          () => {
            // Stopped meanwhile (e.g. reconnected with a rotated token): this stream is over.
            if (stopped) return;
            onState('reconnecting');
            retryTimer = setTimeout(open, 2000);
          },
          (err: { status?: number }) => {
            if (stopped) return;
            if (err?.status === 401) onState('unauthorized');
            else {
              onState('reconnecting');
              retryTimer = setTimeout(open, 2000);
            }
          },
        );
      } else onState('reconnecting');
    };
  };
  open();
  return () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    source?.close();
  };
}
