import { useState } from 'react';
import type { ConnectionEventDto, ListResponse } from '../../../../shared/api/types.js';
import { Field } from '../../components/Field.js';
import { ListTable } from '../../components/ListTable.js';
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
  return (
    <ListTable
      rows={events.data?.items}
      loading={events.loading}
      error={events.error}
      empty={`${chargePointId} never connected.`}
      tableLabel={`Connection events of ${chargePointId}`}
      rowKey={(e) => e.id}
      columns={[
        { header: 'Time', cell: (e) => <Time value={e.at} /> },
        { header: 'Event', cell: (e) => e.event },
        { header: 'From', className: 'mono', cell: (e) => e.remoteAddress ?? '' },
        {
          header: 'Close code',
          cell: (e) =>
            e.code !== null ? (
              <>
                <span className="mono">{e.code}</span> {closeCodeText(e.code)}
                {e.reason ? <span className="muted"> · “{e.reason}”</span> : null}
              </>
            ) : null,
        },
      ]}
    />
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
