import { useDeferredValue, useMemo, useState } from 'react';
import type { SettingsDto } from '../../../../shared/api/types.js';
import { Empty, ErrorBox, Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { ActiveSessions } from './ActiveSessions.js';
import { AlertsPanel } from './AlertsPanel.js';
import { staleAfterMs } from './alerts.js';
import { StationTile } from './StationTile.js';
import './overview.css';

/** Used until the settings arrive: the central system's default heartbeat interval. */
const DEFAULT_HEARTBEAT_SEC = 300;

/** The depot at a glance: alerts first, then what is charging, then every station and connector live. */
export default function OverviewView() {
  const api = useApi();
  const { byId, ids, loaded, error } = useStations();
  const settings = useLiveQuery<SettingsDto>('settings', () => api.getSettings(), { events: eventsOf(['settings.changed']) });
  const heartbeatIntervalSec = settings.data?.heartbeatIntervalSec ?? DEFAULT_HEARTBEAT_SEC;
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter.trim().toLowerCase());

  const stations = useMemo(() => ids.map((id) => byId[id]!).filter(Boolean), [ids, byId]);
  const shown = useMemo(
    () => (deferredFilter ? stations.filter((s) => s.id.toLowerCase().includes(deferredFilter) || s.description.toLowerCase().includes(deferredFilter)) : stations),
    [stations, deferredFilter],
  );
  const online = stations.filter((s) => s.connected).length;
  const charging = stations.reduce((n, s) => n + s.connectors.filter((c) => c.status === 'Charging').length, 0);
  const faulted = stations.filter((s) => s.connectors.some((c) => c.status === 'Faulted')).length;

  return (
    <Page
      title="Overview"
      subtitle={
        <span aria-label="Summary">
          {online} of {stations.length} stations online · {charging} connectors charging · {faulted} stations faulted
        </span>
      }
    >
      <ErrorBox error={error} />
      <AlertsPanel stations={stations} heartbeatIntervalSec={heartbeatIntervalSec} />
      <ActiveSessions />
      <section className="panel" aria-labelledby="stations-title">
        <div className="row overview-stations-header">
          <h2 id="stations-title">Stations</h2>
          <label className="row overview-filter">
            <span>Filter</span>
            <input type="search" value={filter} placeholder="id or description" onChange={(e) => setFilter(e.target.value)} aria-label="Filter stations" />
          </label>
        </div>
        {!loaded ? (
          <p className="muted">Loading…</p>
        ) : stations.length === 0 ? (
          <Empty>No station yet. Give a charger the OCPP URL (see Connection doctor) or start a simulated station.</Empty>
        ) : shown.length === 0 ? (
          <Empty>No station matches “{filter}”.</Empty>
        ) : (
          <div className="grid station-grid">
            {shown.map((s) => (
              <StationTile key={s.id} station={s} staleMs={staleAfterMs(heartbeatIntervalSec)} />
            ))}
          </div>
        )}
      </section>
    </Page>
  );
}
