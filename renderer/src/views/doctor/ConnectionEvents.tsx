import { useState } from 'react';
import type { ConnectionEventDto, ListResponse } from '../../../../shared/api/types.js';
import { Field } from '../../components/Field.js';
import { ErrorBox } from '../../components/Page.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { closeCodeText } from './close-codes.js';

function EventRows({ chargePointId }: { chargePointId: string }) {
  const api = useApi();
  const events = useLiveQuery<ListResponse<ConnectionEventDto>>(
    `doctor.connections.${chargePointId}`,
    () => api.connectionEvents(chargePointId, 50),
    {
      events: eventsOf(['chargePoint.connected', 'chargePoint.disconnected'], chargePointId),
    },
  );
  const items = events.data?.items ?? [];
  return (
    <>
      <ErrorBox error={events.error} />
      {events.data && items.length === 0 ? <p className="muted">{chargePointId} never connected.</p> : null}
      {items.length ? (
        <table aria-label={`Connection events of ${chargePointId}`}>
          <thead>
            <tr>
              <th>Time</th>
              <th>Event</th>
              <th>From</th>
              <th>Close code</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <Time value={e.at} />
                </td>
                <td>{e.event}</td>
                <td className="mono">{e.remoteAddress ?? ''}</td>
                <td>
                  {e.code !== null ? (
                    <>
                      <span className="mono">{e.code}</span> {closeCodeText(e.code)}
                      {e.reason ? <span className="muted"> · “{e.reason}”</span> : null}
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/** Connects and disconnects of one station with their close codes: a charger that keeps dropping shows here. */
export function ConnectionEvents() {
  const ids = useStations((s) => s.ids);
  const [chosen, setChosen] = useState('');
  const id = chosen && ids.includes(chosen) ? chosen : (ids[0] ?? '');
  return (
    <section className="panel" aria-labelledby="doctor-connections">
      <h2 id="doctor-connections">Recent connections</h2>
      {ids.length === 0 ? (
        <p className="muted">No station yet.</p>
      ) : (
        <>
          <Field label="Station">
            {(p) => (
              <select {...p} value={id} onChange={(e) => setChosen(e.target.value)}>
                {ids.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            )}
          </Field>
          {id ? <EventRows chargePointId={id} /> : null}
        </>
      )}
    </section>
  );
}
