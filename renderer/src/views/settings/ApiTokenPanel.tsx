import { useState } from 'react';
import { useAsyncAction } from '../../components/async-action.js';
import { useApi, useConnection } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { saveToken, storedToken } from '../../transport/token.js';
import { CopyButton } from '../doctor/CopyButton.js';

function mask(token: string): string {
  return `${token.slice(0, 4)}${'•'.repeat(12)}${token.slice(-2)}`;
}

/**
 * The operator API token (docs/api.md): shown masked, copied, rotated. After a rotation the old token stops working
 * at once and the event stream ends, so a browser console keeps the new token and reconnects with it; the desktop
 * app talks over IPC and needs none (the new token is for scripts).
 */
export function ApiTokenPanel() {
  const api = useApi();
  const kind = useConnection((s) => s.kind);
  const [token, setToken] = useState<string | null>(() => (kind === 'http' ? storedToken() : null));
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const rotation = useAsyncAction(
    async () => {
      try {
        const { token: next } = await api.rotateApiToken();
        setToken(next);
        if (kind === 'http') {
          saveToken(next);
          useConnection.getState().connect(next);
        }
        toast.success('API token rotated: the old token no longer works');
      } finally {
        setConfirming(false);
      }
    },
    { onError: (message) => toast.error(`Rotating the token failed: ${message}`) },
  );
  const busy = rotation.pending;

  return (
    <section className="panel" aria-labelledby="settings-token">
      <h2 id="settings-token">Operator API token</h2>
      <p className="muted">
        Scripts send it as <code>Authorization: Bearer &lt;token&gt;</code>. Anyone holding it can operate every station.
      </p>
      <div className="row">
        <code className="mono settings-token" aria-label="API token">
          {token ? (shown ? token : mask(token)) : kind === 'ipc' ? 'not needed by the desktop app; rotate to get one for scripts' : 'unknown'}
        </code>
        {token ? (
          <>
            <button type="button" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
              {shown ? 'Hide' : 'Show'}
            </button>
            <CopyButton text={token} label="Copy API token" />
          </>
        ) : null}
      </div>
      <div className="row settings-token-actions">
        {confirming ? (
          <>
            <span>Every script and other console using the current token will be refused.</span>
            <button type="button" className="danger" disabled={busy} onClick={rotation.run}>
              {busy ? 'Rotating…' : 'Rotate now'}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Rotate token…
          </button>
        )}
      </div>
    </section>
  );
}
