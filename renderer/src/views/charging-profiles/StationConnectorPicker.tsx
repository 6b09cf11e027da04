import { Field } from '../../components/Field.js';
import { useStations } from '../../store/stations.js';

/** A station (connected ones first, the others marked) and one of its connectors (0 = the whole station). */
export function StationConnectorPicker({
  chargePointId,
  connectorId,
  onChange,
  connectorError,
}: {
  chargePointId: string;
  connectorId: string;
  onChange: (next: { chargePointId: string; connectorId: string }) => void;
  connectorError?: string | null;
}) {
  const byId = useStations((s) => s.byId);
  const ids = useStations((s) => s.ids);
  const station = byId[chargePointId];
  const connectorIds = station ? [0, ...station.connectors.map((c) => c.connectorId).filter((c) => c > 0)] : [0, 1];
  return (
    <>
      <Field label="Station">
        {(p) => (
          <select {...p} value={chargePointId} onChange={(e) => onChange({ chargePointId: e.target.value, connectorId })}>
            <option value="">Choose a station</option>
            {ids.map((id) => (
              <option key={id} value={id}>
                {id}
                {byId[id]?.connected ? '' : ' (offline)'}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Connector" error={connectorError} hint="0 = the whole station">
        {(p) => (
          <select {...p} value={connectorId} onChange={(e) => onChange({ chargePointId, connectorId: e.target.value })}>
            {[...new Set(connectorIds)].map((c) => (
              <option key={c} value={String(c)}>
                {c === 0 ? '0 (station)' : c}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
