import type { ChargePointDto, ListResponse, TransactionDto } from '../../../../../shared/api/types.js';
import { StatusBadge } from '../../../components/StatusBadge.js';
import { Age, Time } from '../../../components/Time.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';

/** Every connector's last StatusNotification (OCPP 1.6 §4.9, §7.6–7.7) and the session running on it, live. */
export function ConnectorsPanel({ station }: { station: ChargePointDto }) {
  const api = useApi();
  const active = useLiveQuery<ListResponse<TransactionDto>>(
    `station:${station.id}:active-transactions`,
    () => api.listTransactions({ chargePointId: station.id, active: true, limit: 50 }),
    { events: eventsOf(['transaction.started', 'transaction.stopped', 'transaction.meter'], station.id), throttleMs: 2000 },
  );
  const byConnector = new Map((active.data?.items ?? []).map((t) => [t.connectorId, t]));
  return (
    <section className="panel" aria-labelledby="connectors-title">
      <h2 id="connectors-title">Connectors</h2>
      {station.connectors.length === 0 ? (
        <p className="muted">No StatusNotification yet: connectors appear when the station reports them.</p>
      ) : (
        <table aria-label="Connectors">
          <thead>
            <tr>
              <th className="num">Connector</th>
              <th>Status</th>
              <th>Error code</th>
              <th>Vendor error</th>
              <th>Info</th>
              <th>Status time (station)</th>
              <th>Received</th>
              <th>Session</th>
            </tr>
          </thead>
          <tbody>
            {station.connectors.map((c) => {
              const tx = byConnector.get(c.connectorId);
              return (
                <tr key={c.connectorId} aria-label={`Connector ${c.connectorId}`}>
                  <td className="num">{c.connectorId === 0 ? '0 (station)' : c.connectorId}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td className={c.errorCode !== 'NoError' ? 'connector-error' : 'muted'}>{c.errorCode}</td>
                  <td>{[c.vendorId, c.vendorErrorCode].filter(Boolean).join(': ') || '—'}</td>
                  <td>{c.info ?? '—'}</td>
                  <td>
                    <Time value={c.statusAt} />
                  </td>
                  <td>
                    <Age value={c.updatedAt} />
                  </td>
                  <td>
                    {tx ? (
                      <span>
                        #{tx.id} · {tx.idTag} · {tx.lastPowerW === null ? '—' : `${(tx.lastPowerW / 1000).toFixed(2)} kW`} ·{' '}
                        {tx.energyWh === null ? '—' : `${(tx.energyWh / 1000).toFixed(2)} kWh`}
                        {tx.unconfirmed ? (
                          <>
                            {' '}
                            <span
                              className="badge tone-warn"
                              title="The station has been unheard for longer than the unconfirmed limit: this session may be over"
                            >
                              Unconfirmed
                            </span>
                          </>
                        ) : null}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
