import { useState } from 'react';
import type { CallResponse, TransactionDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { CallAnswer } from '../../components/CallAnswer.js';
import { useApi } from '../../store/connection.js';

/**
 * RemoteStopTransaction (OCPP 1.6 §5.12) with this transaction's id; the station's answer is shown as it came, also
 * after the transaction has ended (a station that accepts often sends its StopTransaction before the answer shows).
 */
export function StopTransaction({ tx, connected, onAsked }: { tx: TransactionDto; connected: boolean; onAsked: () => void }) {
  const api = useApi();
  const [answer, setAnswer] = useState<CallResponse | null>(null);
  const stop = useAsyncAction(async () => {
    onAsked();
    setAnswer(null);
    setAnswer(await api.call(tx.chargePointId, 'RemoteStopTransaction', { transactionId: tx.id }));
  });
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="danger" onClick={stop.run} disabled={stop.pending || !connected || !tx.active}>
          {stop.pending ? 'Stopping…' : 'Stop'}
        </button>
        {!tx.active ? (
          <span className="muted">The transaction has ended.</span>
        ) : !connected ? (
          <span className="muted">The station is not connected: it cannot be asked to stop.</span>
        ) : null}
      </div>
      <CallAnswer response={answer} error={stop.error} />
    </div>
  );
}
