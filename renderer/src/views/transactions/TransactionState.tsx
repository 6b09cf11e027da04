import type { ChargePointDto, TransactionDto } from '../../../../shared/api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';

/**
 * Why an open transaction may be stuck ("zombie"): the station is gone, offline, or its connector no longer
 * charges. The operator can then close it (POST /api/transactions/{id}/close); null = looks healthy.
 */
export function stuckReason(tx: TransactionDto, station: ChargePointDto | undefined): string | null {
  if (!tx.active) return null;
  if (!station) return 'station deleted';
  if (!station.connected) return 'station offline';
  const connector = station.connectors.find((c) => c.connectorId === tx.connectorId);
  // A connector Available or Faulted with an open transaction: the StopTransaction was lost (§4.10 retries aside).
  if (connector && (connector.status === 'Available' || connector.status === 'Faulted' || connector.status === 'Unavailable'))
    return `connector ${connector.status}`;
  return null;
}

const ENDED_BY: Record<string, string> = {
  operator: 'closed by operator',
  superseded: 'superseded by a new start',
  stale: 'closed as stale',
};

/** The state of a transaction in words: running, unconfirmed, refused, finished (and how), with its anomalies. */
export function TransactionStateBadge({ tx, stuck }: { tx: TransactionDto; stuck: string | null }) {
  const anomalies =
    tx.anomalyCount > 0 ? (
      <span className="badge tone-warn" title="The station reported something that conflicts with what is stored: see the transaction">
        {tx.anomalyCount} {tx.anomalyCount === 1 ? 'anomaly' : 'anomalies'}
      </span>
    ) : null;
  const refused =
    tx.startStatus !== 'Accepted' ? (
      <span className="badge tone-bad" title={tx.startNote ?? 'The start was answered with this status'}>
        Refused: {tx.startStatus}
      </span>
    ) : null;
  if (tx.active) {
    return (
      <span className="row tx-state">
        <StatusBadge status="Active" />
        {tx.unconfirmed ? (
          <span
            className="badge tone-warn"
            title="Its station has been unheard for longer than the unconfirmed limit: it may be over, and it no longer blocks its card elsewhere"
          >
            Unconfirmed
          </span>
        ) : null}
        {stuck ? (
          <span className="badge tone-warn" title="It may never be stopped by the station: close it if so">
            Stuck? {stuck}
          </span>
        ) : null}
        {anomalies}
      </span>
    );
  }
  if (tx.refusedUnstopped) {
    return (
      <span className="row tx-state">
        {refused}
        <span
          className="muted"
          title="Recorded, but no session: it blocks no card and no connector. It ends with the station's stop or when the connector is free again."
        >
          not ended by the station yet
        </span>
        {anomalies}
      </span>
    );
  }
  const by = tx.endedBy ? (ENDED_BY[tx.endedBy] ?? null) : null;
  return (
    <span className="row tx-state">
      {refused ?? <span className="badge tone-muted">Finished</span>}
      <span className="muted">{[tx.stopReason ?? 'no reason', by].filter(Boolean).join(' · ')}</span>
      {anomalies}
    </span>
  );
}
