import { useDeferredValue, useMemo, useState } from 'react';
import type { ChargePointDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { plural } from '../../components/Collapsible.js';
import type { Column } from '../../components/ListTable.js';
import { Page } from '../../components/Page.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Age } from '../../components/Time.js';
import { VirtualTable } from '../../components/VirtualTable.js';
import { useStations } from '../../store/stations.js';
import { lastHeardIso, useHeard } from '../overview/heard.js';

/** A row with its badges on one line; rows are measured once drawn. */
const ROW_PX = 37;
const idOf = (s: ChargePointDto) => s.id;

/**
 * Every station as a row, to pick one (the overview has the tiles). Only the rows in view are drawn: with a thousand
 * stations every row followed the heard times and the changes, and the view fell to 55 frames a second (README
 * "Performance").
 */
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
  const columns = useMemo<Column<ChargePointDto>[]>(
    () => [
      { header: 'Station', cell: (s) => <a href={href('stations', s.id)}>{s.id}</a> },
      { header: 'Description', cell: (s) => s.description },
      { header: 'Connection', cell: (s) => <StatusBadge status={s.connected ? 'Online' : 'Offline'} /> },
      { header: 'Registration', cell: (s) => <StatusBadge status={s.registrationStatus} /> },
      { header: 'Vendor / model', cell: (s) => [s.boot.vendor, s.boot.model].filter(Boolean).join(' / ') || '—' },
      { header: 'Last heard', cell: (s) => <Age value={lastHeardIso(s.lastSeenAt, heard[s.id])} /> },
      {
        header: 'Connectors',
        cell: (s) => (
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
        ),
      },
    ],
    [heard],
  );
  const shown = rows.length === ids.length ? plural(ids.length, 'station') : `${rows.length} of ${plural(ids.length, 'station')}`;
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
      <VirtualTable
        rows={loaded ? rows : undefined}
        loading={!loaded}
        error={error}
        empty={ids.length ? `No station matches “${filter}”.` : 'No station yet.'}
        columns={columns}
        rowKey={idOf}
        tableLabel="Stations"
        scrollLabel="Stations, scrollable"
        estimateRowPx={ROW_PX}
        totalRows={rows.length}
        status={loaded ? <span className="muted">{shown}</span> : null}
        resetKey={wanted}
      />
    </Page>
  );
}
