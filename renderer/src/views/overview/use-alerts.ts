import { useMemo } from 'react';
import type { ChargePointDto, SettingsDto } from '../../../../shared/api/types.js';
import { useNowMs } from '../../store/clock.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { computeAlerts, type OverviewAlert } from './alerts.js';
import { useHeard } from './heard.js';
import { useRecentReports } from './recent-reports.js';

/** Used until the settings arrive: the central system's default heartbeat interval. */
export const DEFAULT_HEARTBEAT_SEC = 300;

/** The global heartbeat setting (judges stations whose own interval is not known), live. */
export function useHeartbeatSettingSec(): number {
  const api = useApi();
  const settings = useLiveQuery<SettingsDto>('settings', () => api.getSettings(), { events: eventsOf(['settings.changed']) });
  return settings.data?.heartbeatIntervalSec ?? DEFAULT_HEARTBEAT_SEC;
}

/**
 * The alerts of the depot, as the Overview lists them and the navigation counts them: both call this, so the count
 * is always the length of the list. Follows the stations, the frames heard, the recent reports and a shared
 * once-a-second clock; the scan is a plain loop over the stations, cheap even for a thousand.
 */
export function useAlerts(): OverviewAlert[] {
  const byId = useStations((s) => s.byId);
  const ids = useStations((s) => s.ids);
  const heartbeatIntervalSec = useHeartbeatSettingSec();
  const nowMs = useNowMs();
  const heard = useHeard((s) => s.lastInMs);
  const anomalies = useRecentReports((s) => s.anomalies);
  const anomaliesTruncated = useRecentReports((s) => s.anomaliesTruncated);
  const refusedCsrs = useRecentReports((s) => s.refusedCsrs);
  const stations = useMemo(() => ids.map((id) => byId[id]).filter((cp): cp is ChargePointDto => cp !== undefined), [ids, byId]);
  return useMemo(
    () => computeAlerts(stations, heard, nowMs, heartbeatIntervalSec, { anomalies, anomaliesTruncated, refusedCsrs }),
    [stations, heard, nowMs, heartbeatIntervalSec, anomalies, anomaliesTruncated, refusedCsrs],
  );
}
