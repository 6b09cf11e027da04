import type { ChargePointDto, SettingsDto } from '../../../../shared/api/types.js';
import { useNowMs } from '../../store/clock.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { computeAlerts, type OverviewAlert } from './alerts.js';
import { useHeard } from './heard.js';
import { useRecentReports, type RecentReports } from './recent-reports.js';

/** Used until the settings arrive: the central system's default heartbeat interval. */
export const DEFAULT_HEARTBEAT_SEC = 300;

/** The global heartbeat setting (judges stations whose own interval is not known), live. */
export function useHeartbeatSettingSec(): number {
  const api = useApi();
  const settings = useLiveQuery<SettingsDto>('settings', () => api.getSettings(), { events: eventsOf(['settings.changed']) });
  return settings.data?.heartbeatIntervalSec ?? DEFAULT_HEARTBEAT_SEC;
}

/** The stations in display order, one array for every caller while the store is unchanged (so the memo below hits). */
let lastList: { ids: string[]; byId: Record<string, ChargePointDto>; list: ChargePointDto[] } | null = null;

function stationList(ids: string[], byId: Record<string, ChargePointDto>): ChargePointDto[] {
  if (lastList?.ids !== ids || lastList.byId !== byId)
    lastList = { ids, byId, list: ids.map((id) => byId[id]).filter((cp): cp is ChargePointDto => cp !== undefined) };
  return lastList.list;
}

type AlertInputs = Parameters<typeof computeAlerts>;
/** The last computation: the navigation and the Overview ask in the same render with the same inputs, it runs once. */
let last: { inputs: unknown[]; alerts: OverviewAlert[] } | null = null;

function computeAlertsOnce(
  ...inputs: [AlertInputs[0], AlertInputs[1], AlertInputs[2], AlertInputs[3], RecentReports['anomalies'], boolean, RecentReports['refusedCsrs']]
): OverviewAlert[] {
  if (last && last.inputs.length === inputs.length && last.inputs.every((value, i) => value === inputs[i])) return last.alerts;
  const [stations, heard, nowMs, heartbeatIntervalSec, anomalies, anomaliesTruncated, refusedCsrs] = inputs;
  last = { inputs, alerts: computeAlerts(stations, heard, nowMs, heartbeatIntervalSec, { anomalies, anomaliesTruncated, refusedCsrs }) };
  return last.alerts;
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
  return computeAlertsOnce(stationList(ids, byId), heard, nowMs, heartbeatIntervalSec, anomalies, anomaliesTruncated, refusedCsrs);
}
