import { idTokenProblem } from '../../../../shared/ocpp/cistring.js';
import { useState } from 'react';
import type { CallResponse, ConfigurationSnapshotDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { CallAnswer } from '../../components/CallAnswer.js';
import { Field } from '../../components/Field.js';
import { useNowMs } from '../../store/clock.js';
import { useApi } from '../../store/connection.js';
import { useLiveQuery } from '../../store/live-query.js';
import { eventsOf } from '../../store/event-bus.js';
import { useStations } from '../../store/stations.js';
import { isoToLocalInput } from '../../components/local-datetime.js';

/**
 * Whether the station said it takes reservations of connector 0 (ReserveConnectorZeroSupported, OCPP 1.6 §9.1.33)
 * in its last GetConfiguration answer; null = not known (no snapshot, or the key was not reported).
 */
function zeroSupported(snapshot: ConfigurationSnapshotDto | null | undefined): boolean | null {
  const entry = snapshot?.entries.find((e) => e.key === 'ReserveConnectorZeroSupported');
  if (!entry || entry.value === undefined) return null;
  return entry.value.trim().toLowerCase() === 'true';
}

/** ReserveNow (OCPP 1.6 §5.13): the central system allocates the reservationId; the station's answer is shown. */
export function ReserveForm() {
  const api = useApi();
  const nowMs = useNowMs();
  const stations = useStations((s) => s.byId);
  const ids = useStations((s) => s.ids);
  const connectedIds = ids.filter((id) => stations[id]?.connected);
  const [chargePointId, setChargePointId] = useState('');
  const [connectorId, setConnectorId] = useState('1');
  const [idTag, setIdTag] = useState('');
  const [parentIdTag, setParentIdTag] = useState('');
  const [expiry, setExpiry] = useState(() => isoToLocalInput(new Date(Date.now() + 15 * 60_000).toISOString()));
  const [tried, setTried] = useState(false);
  const [answer, setAnswer] = useState<CallResponse | null>(null);
  const station = stations[chargePointId];
  const config = useLiveQuery<ConfigurationSnapshotDto | null>(
    `configuration:${chargePointId}`,
    () => api.request<ConfigurationSnapshotDto>('GET', `/api/charge-points/${encodeURIComponent(chargePointId)}/configuration`).catch(() => null),
    { enabled: Boolean(chargePointId), events: eventsOf(['configuration.changed'], chargePointId), throttleMs: 1000 },
  );
  const zero = chargePointId ? zeroSupported(config.data) : null;
  const outlets = (station?.connectors ?? []).filter((c) => c.connectorId > 0);

  const problems: Record<string, string> = {};
  if (!chargePointId) problems.station = 'Choose a connected station';
  const connector = Number(connectorId);
  if (!Number.isInteger(connector) || connector < 0) problems.connector = 'A connector number (0 = any connector of the station)';
  else if (connector === 0 && zero === false)
    problems.connector = 'This station does not support reserving connector 0 (ReserveConnectorZeroSupported = false)';
  else if (station && outlets.length && connector > Math.max(...outlets.map((c) => c.connectorId)))
    problems.connector = `The station has connectors 1 to ${Math.max(...outlets.map((c) => c.connectorId))}`;
  // IdToken (OCPP 1.6 §7.28), by the one rule of shared/ocpp: never cut or trimmed, explained at the field.
  const idTagProblem = idTokenProblem(idTag);
  if (idTagProblem) problems.idTag = `The id tag ${idTagProblem}`;
  const parentProblem = parentIdTag === '' ? null : idTokenProblem(parentIdTag);
  if (parentProblem) problems.parentIdTag = `The parent tag ${parentProblem}`;
  const expiryMs = new Date(expiry).getTime();
  if (!expiry || Number.isNaN(expiryMs)) problems.expiry = 'Required';
  else if (expiryMs <= nowMs) problems.expiry = 'Must be in the future';
  const shown = tried ? problems : {};
  const reserve = useAsyncAction(async () => {
    setTried(true);
    setAnswer(null);
    if (Object.keys(problems).length) return;
    const payload: Record<string, unknown> = { connectorId: connector, idTag, expiryDate: new Date(expiryMs).toISOString() };
    if (parentIdTag) payload.parentIdTag = parentIdTag;
    setAnswer(await api.call(chargePointId, 'ReserveNow', payload));
  });

  return (
    <form className="panel" aria-label="Reserve" onSubmit={reserve.submit}>
      <h2>Reserve a connector</h2>
      <div className="form-grid">
        <Field label="Station" error={shown.station}>
          {(p) => (
            <select {...p} value={chargePointId} onChange={(e) => setChargePointId(e.target.value)}>
              <option value="">Choose…</option>
              {connectedIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Connector"
          error={shown.connector}
          hint={
            zero === null
              ? '0 = the whole station, if it supports it (not known yet)'
              : zero
                ? '0 = the whole station (supported)'
                : '0 not supported by this station'
          }
        >
          {(p) => (
            <input {...p} type="number" min={zero === false ? 1 : 0} step={1} value={connectorId} onChange={(e) => setConnectorId(e.target.value)} />
          )}
        </Field>
        <Field label="Id tag" error={shown.idTag ?? (idTag ? problems.idTag : undefined)}>
          {(p) => <input {...p} value={idTag} onChange={(e) => setIdTag(e.target.value)} />}
        </Field>
        <Field label="Parent id tag" error={shown.parentIdTag ?? problems.parentIdTag} hint="optional: any tag of the group may use it">
          {(p) => <input {...p} value={parentIdTag} onChange={(e) => setParentIdTag(e.target.value)} />}
        </Field>
        <Field label="Expires" error={shown.expiry} hint="local time">
          {(p) => <input {...p} type="datetime-local" step={1} value={expiry} onChange={(e) => setExpiry(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="primary" disabled={reserve.pending}>
        {reserve.pending ? 'Reserving…' : 'Reserve'}
      </button>
      <CallAnswer response={answer} error={reserve.error} />
    </form>
  );
}
