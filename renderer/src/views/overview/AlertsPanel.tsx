import { useMemo } from 'react';
import type { ChargePointDto } from '../../../../shared/api/types.js';
import { Age } from '../../components/Time.js';
import { href } from '../../app/router.js';
import { useNowMs } from '../../store/clock.js';
import { closeCodeText } from '../doctor/close-codes.js';
import { AcceptPendingButton } from './AcceptPendingButton.js';
import { useHeard } from './heard.js';
import { computeAlerts, STALE_HEARTBEAT_FACTOR, type AlertKind } from './alerts.js';

const KIND_LABEL: Record<AlertKind, { label: string; tone: string }> = {
  faulted: { label: 'Faulted', tone: 'bad' },
  pending: { label: 'Pending', tone: 'warn' },
  offline: { label: 'Offline', tone: 'bad' },
  stale: { label: 'Silent', tone: 'warn' },
};

/** The alarms of the depot: faulted connectors, pending registrations, offline and silent stations. */
export function AlertsPanel({ stations, heartbeatIntervalSec }: { stations: ChargePointDto[]; heartbeatIntervalSec: number }) {
  // Ticks once a second (one shared clock); the scan is a plain loop over the stations, cheap even for a thousand.
  const nowMs = useNowMs();
  const heard = useHeard((s) => s.lastInMs);
  const alerts = useMemo(() => computeAlerts(stations, heard, nowMs, heartbeatIntervalSec), [stations, heard, nowMs, heartbeatIntervalSec]);
  const byId = useMemo(() => new Map(stations.map((s) => [s.id, s])), [stations]);
  return (
    <section className="panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        Alerts <span className={`count ${alerts.length ? 'tone-bad' : 'tone-ok'}`}>{alerts.length}</span>
      </h2>
      <p className="muted overview-hint">
        Offline: the station's connection closed. Silent: connected, but nothing heard for more than {STALE_HEARTBEAT_FACTOR} of its own heartbeat
        intervals (the one it was given at boot or by ChangeConfiguration; {heartbeatIntervalSec} s when not known).
      </p>
      {alerts.length === 0 ? (
        <p className="muted">No alerts: nothing faulted, pending or silent.</p>
      ) : (
        <ul className="alert-list" aria-label="Alerts">
          {alerts.map((a) => {
            const station = byId.get(a.chargePointId);
            return (
              <li key={a.key} className={`alert-item alert-${a.kind}`} aria-label={`${KIND_LABEL[a.kind].label} ${a.chargePointId}`}>
                <span className={`badge tone-${KIND_LABEL[a.kind].tone}`}>{KIND_LABEL[a.kind].label}</span>
                <a href={href('stations', a.chargePointId)}>{a.chargePointId}</a>
                {a.kind === 'offline' ? (
                  <span title={station ? closeCodeText(station.lastCloseCode) : undefined}>
                    {a.text}, <Age value={a.since} fallback="unknown" />
                  </span>
                ) : (
                  <>
                    <span>{a.text}</span>
                    <span className="muted">
                      since <Age value={a.since} fallback="unknown" />
                    </span>
                  </>
                )}
                {a.kind === 'pending' && station ? <AcceptPendingButton station={station} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
