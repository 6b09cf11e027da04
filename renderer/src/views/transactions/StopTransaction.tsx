import { useState } from 'react';
import type { CallResponse, TransactionDto } from '../../../../shared/api/types.js';
import { CallAnswer } from '../../components/CallAnswer.js';
import { useApi } from '../../store/connection.js';

/** RemoteStopTransaction (OCPP 1.6 §5.12) with this transaction's id; the station's answer is shown as it came. */
export function StopTransaction({ tx, connected }: { tx: TransactionDto; connected: boolean }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<CallResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = async () => {
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await api.call(tx.chargePointId, 'RemoteStopTransaction', { transactionId: tx.id }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="danger" onClick={() => void stop()} disabled={busy || !connected}>
          {busy ? 'Stopping…' : 'Stop'}
        </button>
        {!connected ? <span className="muted">The station is not connected: it cannot be asked to stop.</span> : null}
      </div>
      <CallAnswer response={answer} error={error} />
    </div>
  );
}
