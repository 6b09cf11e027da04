import type { SimulatorAction, SimulatorActionRequest, SimulatorConnectorDto } from '../../../../shared/api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Time } from '../../components/Time.js';

/** One connector of a simulated station: what it does now and the buttons a person at the charger would use. */
export function ConnectorRow({
  stationId,
  connector: c,
  connected,
  busy,
  run,
  startSession,
}: {
  stationId: string;
  connector: SimulatorConnectorDto;
  connected: boolean;
  busy: boolean;
  run: (action: SimulatorAction, body?: SimulatorActionRequest) => void;
  startSession: (connectorId: number) => void;
}) {
  const where = `${stationId} connector ${c.connectorId}`;
  const off = busy || !connected;
  const idle = c.transactionId === null;
  return (
    <tr aria-label={where}>
      <td>{c.connectorId}</td>
      <td>
        <StatusBadge status={c.status} title={c.errorCode !== 'NoError' ? c.errorCode : undefined} />
        {c.errorCode !== 'NoError' ? <span className="muted"> {c.errorCode}</span> : null}
      </td>
      <td>
        {c.transactionId !== null ? (
          <>
            #{c.transactionId} <span className="muted">{c.idTag} since</span> <Time value={c.transactionStartedAt} />
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="sim-num" aria-label={`Power of ${where}`}>
        {(c.powerW / 1000).toFixed(1)} kW
      </td>
      <td className="sim-num">{(c.energyWh / 1000).toFixed(2)} kWh</td>
      <td>
        <div className="row sim-actions">
          <button
            type="button"
            disabled={off || !idle || c.status !== 'Available'}
            onClick={() => run('plug-in', { connectorId: c.connectorId })}
            aria-label={`Plug in ${where}`}
          >
            Plug in
          </button>
          <button
            type="button"
            className="primary"
            disabled={off || !idle || c.status === 'Faulted'}
            onClick={() => startSession(c.connectorId)}
            aria-label={`Start session on ${where}`}
          >
            Start
          </button>
          <button
            type="button"
            disabled={off || idle}
            onClick={() => run('stop', { connectorId: c.connectorId })}
            aria-label={`Stop session on ${where}`}
          >
            Stop
          </button>
          <button
            type="button"
            disabled={off || (idle && c.status !== 'Preparing' && c.status !== 'Finishing')}
            onClick={() => run('unplug', { connectorId: c.connectorId })}
            aria-label={`Unplug ${where}`}
          >
            Unplug
          </button>
          {c.status === 'Faulted' ? (
            <button
              type="button"
              disabled={off}
              onClick={() => run('clear-fault', { connectorId: c.connectorId })}
              aria-label={`Clear fault of ${where}`}
            >
              Clear fault
            </button>
          ) : (
            <button
              type="button"
              className="danger"
              disabled={off}
              onClick={() => run('fault', { connectorId: c.connectorId })}
              aria-label={`Fault ${where}`}
            >
              Fault
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
