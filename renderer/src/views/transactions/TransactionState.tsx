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
  if (connector && (connector.status === 'Available' || connector.status === 'Faulted' || connector.status === 'Unavailable')) return `connector ${connector.status}`;
  return null;
}

export function TransactionStateBadge({ tx, stuck }: { tx: TransactionDto; stuck: string | null }) {
  if (tx.active) {
    return (
      <span className="row tx-state">
        <StatusBadge status="Active" />
        {stuck ? <span className="badge tone-warn" title="It may never be stopped by the station: close it if so">Stuck? {stuck}</span> : null}
      </span>
    );
  }
  const by = tx.endedBy === 'operator' ? 'closed by operator' : tx.endedBy === 'superseded' ? 'superseded' : null;
  return (
    <span className="row tx-state">
      <span className="badge tone-muted">Finished</span>
      <span className="muted">{[tx.stopReason ?? 'no reason', by].filter(Boolean).join(' · ')}</span>
    </span>
  );
}
