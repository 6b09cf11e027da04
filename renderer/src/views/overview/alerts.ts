import type { AnomalyDto, ChargePointDto, SecurityEventDto } from '../../../../shared/api/types.js';
import { ANOMALY_LABELS } from '../transactions/AnomalyList.js';
import { lastHeardIso, lastHeardMs } from './heard.js';
import { RECENT_REPORT_WINDOW_MS, type RecentReports } from './recent-reports.js';
import { naturalCompare } from '../../components/natural-order.js';

/** How many heartbeat intervals of silence make a station "stale" (a missed beat or two is normal jitter). */
export const STALE_HEARTBEAT_FACTOR = 3;

export type AlertKind = 'faulted' | 'offline' | 'stale' | 'pending' | 'csr-refused' | 'anomaly';

export interface OverviewAlert {
  /** Stable React key. */
  key: string;
  kind: AlertKind;
  chargePointId: string;
  connectorId?: number;
  /** What the operator reads. */
  text: string;
  /** When the condition started, as far as we know (ISO 8601). */
  since: string | null;
  /** `anomaly`: the transactions the station's recent anomalies concern (the station's page lists them all). */
  transactionIds?: number[];
}

/** Silence after which a station is worth an alarm, from a heartbeat interval. */
export function staleAfterMs(heartbeatIntervalSec: number): number {
  return Math.max(1, heartbeatIntervalSec) * 1000 * STALE_HEARTBEAT_FACTOR;
}

/**
 * The silence that makes this station "silent": measured in its own heartbeat interval, the one its boot was
 * answered with or a later ChangeConfiguration set (OCPP 1.6 §4.2, §9.1), so changing the global setting does not
 * flag stations that still work with their old interval. `fallbackStaleMs` serves a station whose interval is not
 * known (it never booted here). Interval 0 means no heartbeats at all: then silence alone is no alarm.
 */
export function stationStaleMs(cp: Pick<ChargePointDto, 'heartbeatIntervalSec'>, fallbackStaleMs: number): number {
  if (cp.heartbeatIntervalSec === null || cp.heartbeatIntervalSec === undefined) return fallbackStaleMs;
  return cp.heartbeatIntervalSec <= 0 ? Number.POSITIVE_INFINITY : staleAfterMs(cp.heartbeatIntervalSec);
}

/**
 * True when the station's connection is open but nothing came from it (any frame counts) for longer than its
 * silence threshold (never heard of = not silent, just new). A closed connection is not silence: it is "offline".
 * `streamMs`: the last frame the event stream announced (see heard.ts).
 */
export function isSilent(
  cp: Pick<ChargePointDto, 'lastSeenAt' | 'heartbeatIntervalSec' | 'connected'>,
  streamMs: number | undefined,
  nowMs: number,
  fallbackStaleMs: number,
): boolean {
  if (!cp.connected) return false;
  const heardMs = lastHeardMs(cp.lastSeenAt, streamMs);
  return heardMs !== null && nowMs - heardMs > stationStaleMs(cp, fallbackStaleMs);
}

const ORDER: Record<AlertKind, number> = { faulted: 0, pending: 1, offline: 2, stale: 3, 'csr-refused': 4, anomaly: 5 };

/** "disconnected, code 1006" (with the station's reason when it gave one): the age is shown next to it, live. */
export function disconnectedText(cp: Pick<ChargePointDto, 'lastCloseCode' | 'lastCloseReason'>): string {
  const code = cp.lastCloseCode === null ? 'no close code' : `code ${cp.lastCloseCode}`;
  return `disconnected, ${code}${cp.lastCloseReason ? ` (“${cp.lastCloseReason}”)` : ''}`;
}

/** Per station, what it reported within the window, newest first (the lists come newest first). */
function recentByStation<T extends { chargePointId: string; receivedAt: string }>(items: T[], nowMs: number): Map<string, T[]> {
  const fromMs = nowMs - RECENT_REPORT_WINDOW_MS;
  const byStation = new Map<string, T[]>();
  for (const item of items) {
    if (Date.parse(item.receivedAt) < fromMs) continue;
    const list = byStation.get(item.chargePointId);
    if (list) list.push(item);
    else byStation.set(item.chargePointId, [item]);
  }
  return byStation;
}

function anomalyAlert(cp: ChargePointDto, anomalies: AnomalyDto[], truncated: boolean): OverviewAlert {
  const newest = anomalies[0]!;
  const count = `${anomalies.length}${truncated ? '+' : ''} ${anomalies.length === 1 && !truncated ? 'anomaly' : 'anomalies'}`;
  return {
    key: `${cp.id}:anomaly`,
    kind: 'anomaly',
    chargePointId: cp.id,
    text: `${count} in the last 24 h; newest: ${ANOMALY_LABELS[newest.kind] ?? newest.kind}: ${newest.detail}`,
    since: anomalies[anomalies.length - 1]!.receivedAt,
    transactionIds: [...new Set(anomalies.map((a) => a.transactionId).filter((id): id is number => id !== null))],
  };
}

function refusedCsrAlert(cp: ChargePointDto, refusals: SecurityEventDto[]): OverviewAlert {
  const newest = refusals[0]!;
  const times = refusals.length === 1 ? '' : ` (${refusals.length} times in the last 24 h)`;
  return {
    key: `${cp.id}:csr-refused`,
    kind: 'csr-refused',
    chargePointId: cp.id,
    text: `certificate request refused${times}: ${newest.type}${newest.techInfo ? `, ${newest.techInfo}` : ''}`,
    since: refusals[refusals.length - 1]!.receivedAt,
  };
}

/**
 * What needs the operator now: faulted connectors (OCPP 1.6 §7.7 ChargePointStatus Faulted), stations waiting for
 * registration (BootNotification answered Pending, §4.2), stations whose connection closed (at once, with the close
 * code), stations still connected but silent for a few of their own heartbeat intervals (a half-open socket
 * looks exactly like that), stations whose certificate request the central system refused (white paper §2.5: it
 * cannot move to profile 3) and stations that reported anomalies, both within the last 24 hours
 * (RECENT_REPORT_WINDOW_MS). `heartbeatIntervalSec` (the global setting) only judges stations whose interval is
 * not known. The Overview's list and the navigation's count are this one list.
 */
export function computeAlerts(
  stations: ChargePointDto[],
  heard: Record<string, number>,
  nowMs: number,
  heartbeatIntervalSec: number,
  reports: Pick<RecentReports, 'anomalies' | 'anomaliesTruncated' | 'refusedCsrs'>,
): OverviewAlert[] {
  const fallbackStaleMs = staleAfterMs(heartbeatIntervalSec);
  const anomalies = recentByStation(reports.anomalies, nowMs);
  const refusedCsrs = recentByStation(reports.refusedCsrs, nowMs);
  const alerts: OverviewAlert[] = [];
  for (const cp of stations) {
    const refusals = refusedCsrs.get(cp.id);
    if (refusals) alerts.push(refusedCsrAlert(cp, refusals));
    const reported = anomalies.get(cp.id);
    if (reported) alerts.push(anomalyAlert(cp, reported, reports.anomaliesTruncated));
    if (cp.registrationStatus === 'Pending') {
      alerts.push({
        key: `${cp.id}:pending`,
        kind: 'pending',
        chargePointId: cp.id,
        text: 'waits for registration (answered Pending)',
        since: cp.boot.lastBootAt ?? cp.createdAt,
      });
    }
    for (const c of cp.connectors) {
      if (c.status !== 'Faulted') continue;
      const detail = [c.errorCode !== 'NoError' ? c.errorCode : null, c.vendorErrorCode, c.info].filter(Boolean).join(' · ');
      alerts.push({
        key: `${cp.id}:faulted:${c.connectorId}`,
        kind: 'faulted',
        chargePointId: cp.id,
        connectorId: c.connectorId,
        text: `${c.connectorId === 0 ? 'station' : `connector ${c.connectorId}`} Faulted${detail ? `: ${detail}` : ''}`,
        since: c.statusAt ?? c.updatedAt,
      });
    }
    if (cp.registrationStatus === 'Rejected') continue;
    if (!cp.connected) {
      // Never connected (a station created ahead of its installation) is no alarm; a closed connection is, at once.
      if (cp.lastDisconnectedAt)
        alerts.push({ key: `${cp.id}:offline`, kind: 'offline', chargePointId: cp.id, text: disconnectedText(cp), since: cp.lastDisconnectedAt });
    } else if (isSilent(cp, heard[cp.id], nowMs, fallbackStaleMs)) {
      const intervalSec = cp.heartbeatIntervalSec ?? heartbeatIntervalSec;
      alerts.push({
        key: `${cp.id}:stale`,
        kind: 'stale',
        chargePointId: cp.id,
        text: `connected but silent: nothing heard for over ${STALE_HEARTBEAT_FACTOR} × its heartbeat interval of ${intervalSec} s`,
        since: lastHeardIso(cp.lastSeenAt, heard[cp.id]),
      });
    }
  }
  return alerts.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || naturalCompare(a.chargePointId, b.chargePointId));
}
