import { useDeferredValue, useMemo, useState } from 'react';
import { href } from '../../app/router.js';
import { Empty, ErrorBox, Page, TableScroll } from '../../components/Page.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Age } from '../../components/Time.js';
import { useStations } from '../../store/stations.js';
import { lastHeardIso, useHeard } from '../overview/heard.js';

/** Every station as a row, to pick one (the overview has the tiles). */
export function StationList() {
  const { byId, ids, loaded, error } = useStations();
  // lastSeenAt in the store moves only with real changes; frames heard on the stream keep "last heard" current.
  const heard = useHeard((h) => h.lastInMs);
  const [filter, setFilter] = useState('');
  const wanted = useDeferredValue(filter.trim().toLowerCase());
  const rows = useMemo(
    () =>
      ids.map((id) => byId[id]!).filter((s) => s && (!wanted || s.id.toLowerCase().includes(wanted) || s.description.toLowerCase().includes(wanted))),
    [ids, byId, wanted],
  );
  return (
    <Page
      title="Stations"
      actions={
        <input
          type="search"
          aria-label="Filter stations"
          placeholder="Filter by id or description"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      }
    >
      <ErrorBox error={error} />
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <Empty>{ids.length ? `No station matches “${filter}”.` : 'No station yet.'}</Empty>
      ) : (
        <TableScroll label="Stations, scrollable">
          <table aria-label="Stations">
            <thead>
              <tr>
                <th>Station</th>
                <th>Description</th>
                <th>Connection</th>
                <th>Registration</th>
                <th>Vendor / model</th>
                <th>Last heard</th>
                <th>Connectors</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={href('stations', s.id)}>{s.id}</a>
                  </td>
                  <td>{s.description}</td>
                  <td>
                    <StatusBadge status={s.connected ? 'Online' : 'Offline'} />
                  </td>
                  <td>
                    <StatusBadge status={s.registrationStatus} />
                  </td>
                  <td>{[s.boot.vendor, s.boot.model].filter(Boolean).join(' / ') || '—'}</td>
                  <td>
                    <Age value={lastHeardIso(s.lastSeenAt, heard[s.id])} />
                  </td>
                  <td>
                    <span className="row">
                      {s.connectors
                        .filter((c) => c.connectorId > 0)
                        .map((c) => (
                          <StatusBadge
                            key={c.connectorId}
                            status={c.status}
                            title={`Connector ${c.connectorId}${c.errorCode !== 'NoError' ? `: ${c.errorCode}` : ''}`}
                          />
                        ))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Page>
  );
}
