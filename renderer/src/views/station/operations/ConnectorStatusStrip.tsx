import type { ConnectorDto } from '../../../../../shared/api/types.js';
import { StatusBadge } from '../../../components/StatusBadge.js';
import { Age } from '../../../components/Time.js';

/**
 * Every connector's live status (its last StatusNotification, OCPP 1.6 §4.9) next to the quick actions, so the
 * effect of ChangeAvailability, UnlockConnector or a remote start shows where it was fired.
 */
export function ConnectorStatusStrip({ chargePointId, connectors }: { chargePointId: string; connectors: readonly ConnectorDto[] }) {
  if (connectors.length === 0) return <p className="muted op-connectors">No connector reported yet (no StatusNotification).</p>;
  return (
    <ul className="op-connectors" aria-label={`Connectors of ${chargePointId}`}>
      {connectors.map((c) => {
        const error = c.errorCode !== 'NoError' ? c.errorCode : null;
        const name = c.connectorId === 0 ? 'Station (connector 0)' : `Connector ${c.connectorId}`;
        return (
          <li key={c.connectorId} className="op-connector" aria-label={`${name}: ${c.status}${error ? `, ${error}` : ''}`}>
            <span className="muted">{c.connectorId === 0 ? 'Station' : `#${c.connectorId}`}</span>
            <StatusBadge status={c.status} />
            {error ? <span className="connector-error">{error}</span> : null}
            <span className="muted op-connector-age">
              <Age value={c.updatedAt} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
