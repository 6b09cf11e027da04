import { useMemo } from 'react';
import type { SettingsDto } from '../../../../shared/api/types.js';
import { plural } from '../../components/Collapsible.js';
import { ErrorBox, Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { ActiveSessions } from './ActiveSessions.js';
import { AlertsPanel } from './AlertsPanel.js';
import { staleAfterMs } from './alerts.js';
import { StationsSection } from './StationsSection.js';
import { SystemAlerts } from './SystemAlerts.js';
import './overview.css';

/** Used until the settings arrive: the central system's default heartbeat interval. */
const DEFAULT_HEARTBEAT_SEC = 300;

/** The depot at a glance: alerts first, then what is charging, then every station and connector live. */
export default function OverviewView() {
  const api = useApi();
  const { byId, ids, loaded, error } = useStations();
  const settings = useLiveQuery<SettingsDto>('settings', () => api.getSettings(), { events: eventsOf(['settings.changed']) });
  const heartbeatIntervalSec = settings.data?.heartbeatIntervalSec ?? DEFAULT_HEARTBEAT_SEC;

  const stations = useMemo(() => ids.map((id) => byId[id]!).filter(Boolean), [ids, byId]);
  const online = stations.filter((s) => s.connected).length;
  const charging = stations.reduce((n, s) => n + s.connectors.filter((c) => c.status === 'Charging').length, 0);
  const faulted = stations.filter((s) => s.connectors.some((c) => c.status === 'Faulted')).length;

  return (
    <Page
      title="Overview"
      subtitle={
        <span aria-label="Summary">
          {online} of {plural(stations.length, 'station')} online · {plural(charging, 'connector')} charging · {plural(faulted, 'station')} faulted
        </span>
      }
    >
      <ErrorBox error={error} />
      <SystemAlerts />
      <AlertsPanel stations={stations} heartbeatIntervalSec={heartbeatIntervalSec} />
      <ActiveSessions />
      <StationsSection stations={stations} loaded={loaded} staleMs={staleAfterMs(heartbeatIntervalSec)} />
    </Page>
  );
}
