import { create } from 'zustand';
import type { AnomalyDto, SecurityEventDto } from '../../../../shared/api/types.js';
import { errorMessage } from '../../components/error-message.js';
import { currentApi, useConnection } from '../../store/connection.js';
import { onEventBatch } from '../../store/event-bus.js';
import { createThrottledRunner } from '../../store/throttled-runner.js';

/**
 * How long a station's report stays an alert on the Overview and in the navigation's count: an anomaly, or a
 * certificate request the central system refused, is an alert for 24 hours after it was received, then it is
 * history (still on its transaction's and station's page). The rule needs no acknowledgement stored anywhere: every
 * console, window and restart shows the same alerts (README "The console").
 */
export const RECENT_REPORT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** At most this many anomalies are loaded (a station that misbehaves can send many); counts beyond are "at least". */
export const RECENT_ANOMALIES_LIMIT = 1000;
const RECENT_REFUSALS_LIMIT = 1000;
/** However many reports arrive at once, at most one reload per this many ms. */
const RELOAD_MIN_INTERVAL_MS = 1000;

export interface RecentReports {
  /** Anomalies received within the window when loaded, newest first (the alerts filter by the window again, live). */
  anomalies: AnomalyDto[];
  /** More anomalies were received in the window than were loaded. */
  anomaliesTruncated: boolean;
  /** Certificate requests the central system refused (security events it raised itself), newest first. */
  refusedCsrs: SecurityEventDto[];
  error: string | null;
  /** Nothing loaded (for tests). */
  reset: () => void;
}

const NOTHING = { anomalies: [], anomaliesTruncated: false, refusedCsrs: [], error: null };

export const useRecentReports = create<RecentReports>((set) => ({ ...NOTHING, reset: () => set(NOTHING) }));

async function reload(): Promise<void> {
  const api = currentApi();
  const since = new Date(Date.now() - RECENT_REPORT_WINDOW_MS).toISOString();
  try {
    const [anomalies, refused] = await Promise.all([
      api.listAnomalies({ since, limit: RECENT_ANOMALIES_LIMIT }),
      api.listSecurityEvents({ source: 'csms', since, limit: RECENT_REFUSALS_LIMIT }),
    ]);
    useRecentReports.setState({
      anomalies: anomalies.items,
      anomaliesTruncated: (anomalies.total ?? 0) > anomalies.items.length,
      refusedCsrs: refused.items,
      error: null,
    });
  } catch (err) {
    useRecentReports.setState({ error: errorMessage(err) });
  }
}

/**
 * Keeps the recent reports loaded: at start, when a station reports an anomaly or the central system refuses a
 * certificate request (`anomaly.recorded`, `station.report` of kind security), and when the event stream comes back
 * after an interruption (what happened meanwhile was not announced). Returns the stop function.
 */
export function followRecentReports(): () => void {
  const runner = createThrottledRunner(reload, RELOAD_MIN_INTERVAL_MS);
  runner.run();
  const offEvents = onEventBatch((batch) => {
    if (batch.some((e) => e.type === 'anomaly.recorded' || (e.type === 'station.report' && e.data.kind === 'security'))) runner.schedule();
  });
  const offStream = useConnection.subscribe((now, before) => {
    if (now.stream === 'live' && before.stream !== 'live' && now.everLive && before.everLive) runner.schedule();
  });
  return () => {
    runner.stop();
    offEvents();
    offStream();
  };
}
