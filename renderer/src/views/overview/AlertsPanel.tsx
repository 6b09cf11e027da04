import { useMemo } from 'react';
import type { ChargePointDto } from '../../../../shared/api/types.js';
import { Age } from '../../components/Time.js';
import { href } from '../../app/router.js';
import { closeCodeText } from '../doctor/close-codes.js';
import { AcceptPendingButton } from './AcceptPendingButton.js';
import { STALE_HEARTBEAT_FACTOR, type AlertKind, type OverviewAlert } from './alerts.js';
import { securityPanelHref } from '../station/details/security-alerts.js';
import { useRecentReports } from './recent-reports.js';
import { useAlerts } from './use-alerts.js';

const KIND_LABEL: Record<AlertKind, { label: string; tone: string }> = {
  faulted: { label: 'Faulted', tone: 'bad' },
  pending: { label: 'Pending', tone: 'warn' },
  offline: { label: 'Offline', tone: 'bad' },
  stale: { label: 'Silent', tone: 'warn' },
  'csr-refused': { label: 'Certificate refused', tone: 'bad' },
  anomaly: { label: 'Anomalies', tone: 'warn' },
};

/** Links at most this many transactions of an anomaly alert; the station's page lists every anomaly. */
const LINKED_TRANSACTIONS = 3;

/** Where the operator goes next from an alert about a station's reports. */
function AlertLinks({ alert }: { alert: OverviewAlert }) {
  if (alert.kind === 'csr-refused') return <a href={securityPanelHref(alert.chargePointId)}>see its certificate panel</a>;
  if (alert.kind !== 'anomaly') return null;
  const ids = alert.transactionIds ?? [];
  const links = ids.slice(0, LINKED_TRANSACTIONS).map((id) => (
    <a key={id} href={href('transactions', id)}>
      transaction {id}
    </a>
  ));
  if (ids.length === 0 || ids.length > LINKED_TRANSACTIONS) {
    links.push(
      <a key="station" href={href('stations', alert.chargePointId, 'details')}>
        all on its page
      </a>,
    );
  }
  return <span>{links.flatMap((link, i) => (i === 0 ? [link] : [', ', link]))}</span>;
}

/**
 * The alarms of the depot: faulted connectors, pending registrations, offline and silent stations, refused
 * certificate requests and anomalies of the last 24 hours. The list is useAlerts(), which the navigation counts.
 */
export function AlertsPanel({ stations, heartbeatIntervalSec }: { stations: ChargePointDto[]; heartbeatIntervalSec: number }) {
  const alerts = useAlerts();
  const reportsError = useRecentReports((s) => s.error);
  const byId = useMemo(() => new Map(stations.map((s) => [s.id, s])), [stations]);
  return (
    <section className="panel" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        Alerts <span className={`count ${alerts.length ? 'tone-bad' : 'tone-ok'}`}>{alerts.length}</span>
      </h2>
      <p className="muted overview-hint">
        Offline: the station's connection closed. Silent: connected, but nothing heard for more than {STALE_HEARTBEAT_FACTOR} of its own heartbeat
        intervals (the one it was given at boot or by ChangeConfiguration; {heartbeatIntervalSec} s when not known). Anomalies and refused certificate
        requests stay here for 24 hours after they were received.
      </p>
      {reportsError ? (
        <p className="error-box" role="alert">
          Anomalies and refused certificate requests could not be loaded: {reportsError}
        </p>
      ) : null}
      {alerts.length === 0 ? (
        <p className="muted">
          No alerts: nothing faulted, pending, offline or silent, and no anomaly or refused certificate request in the last 24 hours.
        </p>
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
                <AlertLinks alert={a} />
                {a.kind === 'pending' && station ? <AcceptPendingButton station={station} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
