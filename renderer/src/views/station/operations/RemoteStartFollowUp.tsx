import type { ListResponse, TransactionDto } from '../../../../../shared/api/types.js';
import { href } from '../../../app/router.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import type { RemoteStartWatch } from './history-store.js';

/** The station's clock and this console's may differ a little; a start this much before sending still counts. */
const CLOCK_MARGIN_MS = 2_000;

/**
 * After an accepted RemoteStartTransaction the station sends StartTransaction, and the central system may still
 * refuse that start (the card charging elsewhere: ConcurrentTx; blocked, expired). "Accepted" under the button would
 * then be misleading, so the start that followed is shown with it, and a refusal is said plainly.
 */
export function RemoteStartFollowUp({ watch }: { watch: RemoteStartWatch }) {
  const api = useApi();
  const from = new Date(Date.parse(watch.sentAt) - CLOCK_MARGIN_MS).toISOString();
  const started = useLiveQuery<ListResponse<TransactionDto>>(
    `remote-start:${watch.chargePointId}:${watch.idTag}:${watch.sentAt}`,
    () => api.listIdTagTransactions(watch.idTag, { chargePointId: watch.chargePointId, from, limit: 20 }),
    { events: eventsOf(['transaction.started', 'transaction.stopped'], watch.chargePointId), throttleMs: 500 },
  );
  // Oldest first: the first start of the tag after the request is the one it asked for.
  const tx = [...(started.data?.items ?? [])]
    .filter((t) => watch.connectorId === undefined || t.connectorId === watch.connectorId)
    .sort((a, b) => a.id - b.id)[0];
  if (!tx) {
    return (
      <div className="call-answer tone-info" role="status" aria-label="Remote start follow-up">
        Waiting for the station's StartTransaction for {watch.idTag}…
      </div>
    );
  }
  if (tx.startStatus === 'Accepted') {
    return (
      <div className="call-answer tone-ok" role="status" aria-label="Remote start follow-up">
        The station started <a href={href('transactions', tx.id)}>transaction {tx.id}</a> on connector {tx.connectorId}; the central system accepted
        it.
      </div>
    );
  }
  return (
    <div className="call-answer tone-bad" role="alert" aria-label="Remote start follow-up">
      <strong>The central system refused this start:</strong> the station started <a href={href('transactions', tx.id)}>transaction {tx.id}</a> on
      connector {tx.connectorId}, and our answer to its StartTransaction was <strong>{tx.startStatus}</strong>
      {tx.startNote ? ` (${tx.startNote})` : ''}. The station accepted the remote start, but should now stop charging.
    </div>
  );
}
