import type { ChargePointDto } from '../../../../shared/api/types.js';
import { lastHeardIso, lastHeardMs } from './heard.js';

/** How many heartbeat intervals of silence make a station "stale" (a missed beat or two is normal jitter). */
export const STALE_HEARTBEAT_FACTOR = 3;

export type AlertKind = 'faulted' | 'offline' | 'stale' | 'pending';

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
}

/** Silence after which a station is worth an alarm, from the heartbeat interval it was given at boot. */
export function staleAfterMs(heartbeatIntervalSec: number): number {
  return Math.max(1, heartbeatIntervalSec) * 1000 * STALE_HEARTBEAT_FACTOR;
}

/**
 * True when nothing came from the station for longer than `staleMs` (never heard of = not stale, just new).
 * `streamMs`: the last frame the event stream announced (see heard.ts).
 */
export function isSilent(cp: Pick<ChargePointDto, 'lastSeenAt'>, streamMs: number | undefined, nowMs: number, staleMs: number): boolean {
  const heardMs = lastHeardMs(cp.lastSeenAt, streamMs);
  return heardMs !== null && nowMs - heardMs > staleMs;
}

const ORDER: Record<AlertKind, number> = { faulted: 0, pending: 1, offline: 2, stale: 3 };

/**
 * What needs the operator now: faulted connectors (OCPP 1.6 §7.7 ChargePointStatus Faulted), stations waiting for
 * registration (BootNotification answered Pending, §4.2), stations offline for longer than a few heartbeat
 * intervals and stations still connected but silent that long (a half-open socket looks exactly like that).
 */
export function computeAlerts(stations: ChargePointDto[], heard: Record<string, number>, nowMs: number, heartbeatIntervalSec: number): OverviewAlert[] {
  const staleMs = staleAfterMs(heartbeatIntervalSec);
  const alerts: OverviewAlert[] = [];
  for (const cp of stations) {
    if (cp.registrationStatus === 'Pending') {
      alerts.push({ key: `${cp.id}:pending`, kind: 'pending', chargePointId: cp.id, text: 'waits for registration (answered Pending)', since: cp.boot.lastBootAt ?? cp.createdAt });
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
    if (cp.registrationStatus === 'Rejected' || !isSilent(cp, heard[cp.id], nowMs, staleMs)) continue;
    if (cp.connected) {
      alerts.push({ key: `${cp.id}:stale`, kind: 'stale', chargePointId: cp.id, text: 'connected but silent (no heartbeat)', since: lastHeardIso(cp.lastSeenAt, heard[cp.id]) });
    } else {
      alerts.push({ key: `${cp.id}:offline`, kind: 'offline', chargePointId: cp.id, text: 'offline', since: cp.lastDisconnectedAt ?? lastHeardIso(cp.lastSeenAt, heard[cp.id]) });
    }
  }
  return alerts.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.chargePointId.localeCompare(b.chargePointId, undefined, { numeric: true }));
}
