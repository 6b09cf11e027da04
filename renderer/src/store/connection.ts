import { create } from 'zustand';
import type { ApiClient } from '../../../shared/api/client.js';
import { pickTransport, type StreamState, type Transport, type TransportKind } from '../transport/connection.js';
import { forgetToken, saveToken, takeTokenFromLocation } from '../transport/token.js';
import { publishBatch } from './event-bus.js';

interface ConnectionState {
  transport: Transport | null;
  kind: TransportKind | null;
  stream: StreamState;
  /** Set once the stream has been live: "reconnecting" is worth a banner only after that. */
  everLive: boolean;
  /** A token was given and the server refused it. */
  tokenRefused: boolean;
  /** Stops the event stream of the current transport. */
  stopEvents: (() => void) | null;
  connect: (token?: string) => void;
  /**
   * A token typed by the operator: checked with the server first, so a wrong one is refused at the field and no
   * view opens to fail with it. Resolves false when the server refused it.
   */
  signIn: (token: string) => Promise<boolean>;
  signOut: () => void;
  /** Stops the stream and forgets the transport, the token kept (for tests). */
  reset: () => void;
}

const DISCONNECTED = { transport: null, kind: null, stream: 'connecting', everLive: false, tokenRefused: false, stopEvents: null } as const;

export const useConnection = create<ConnectionState>((set, get) => ({
  ...DISCONNECTED,
  connect(token) {
    get().stopEvents?.();
    set({ stopEvents: null });
    if (token) saveToken(token);
    const transport = pickTransport(token);
    if (!transport) {
      set({ transport: null, kind: null, stream: 'unauthorized' });
      return;
    }
    set({ transport, kind: transport.kind, stream: 'connecting', tokenRefused: false });
    const stopEvents = transport.openEvents(publishBatch, (stream) => {
      if (stream === 'unauthorized') {
        // A stored token that no longer works (rotated) is dropped so the prompt starts clean.
        get().stopEvents?.();
        forgetToken();
        set({ stream, transport: null, kind: null, tokenRefused: true, stopEvents: null });
        return;
      }
      set({ stream, everLive: get().everLive || stream === 'live' });
    });
    set({ stopEvents });
  },
  async signIn(token) {
    const transport = pickTransport(token);
    if (transport) {
      try {
        await transport.api.status();
      } catch (err) {
        if ((err as { status?: number } | null)?.status === 401) {
          set({ tokenRefused: true });
          return false;
        }
        // Not answering now: connect anyway; the stream says it is reconnecting until the server is back.
      }
    }
    get().connect(token);
    return true;
  },
  signOut() {
    get().stopEvents?.();
    forgetToken();
    set({ transport: null, kind: null, stream: 'unauthorized', stopEvents: null });
  },
  reset() {
    get().stopEvents?.();
    set(DISCONNECTED);
  },
}));

/**
 * Opening a `#token=` link in a tab that already shows the console (after a wrong or rotated token, say) changes
 * only the URL fragment: the browser does not reload the page, so the link is taken here and the console connects
 * with it. Returns the stop function.
 */
export function followTokenLinks(): () => void {
  const onHashChange = () => {
    const token = takeTokenFromLocation();
    if (token) useConnection.getState().connect(token);
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}

/** The API client; views render only once connected, so it is always there for them. */
export function useApi(): ApiClient {
  const transport = useConnection((s) => s.transport);
  if (!transport) throw new Error('useApi: not connected');
  return transport.api;
}

export function currentApi(): ApiClient {
  const transport = useConnection.getState().transport;
  if (!transport) throw new Error('not connected');
  return transport.api;
}
