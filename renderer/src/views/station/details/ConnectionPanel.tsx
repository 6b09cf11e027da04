import type { ChargePointDto, SettingsDto, StatusDto } from '../../../../../shared/api/types.js';
import { Age, Time } from '../../../components/Time.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { closeCodeText } from '../../doctor/close-codes.js';
import { lastHeardIso, useHeard } from '../../overview/heard.js';

const PROFILE_TEXT: Record<number, string> = {
  0: '0 – no authentication (ws)',
  1: '1 – HTTP Basic auth (ws)',
  2: '2 – TLS + Basic auth (wss)',
  3: '3 – TLS with client certificate (wss)',
};

/** Where the station connects and how (security profiles: OCPP 1.6 security white paper §2). */
export function ConnectionPanel({ station }: { station: ChargePointDto }) {
  const api = useApi();
  const status = useLiveQuery<StatusDto>('status', () => api.status(), { throttleMs: 5000 });
  const settings = useLiveQuery<SettingsDto>('settings', () => api.getSettings(), { events: eventsOf(['settings.changed']) });
  const streamMs = useHeard((s) => s.lastInMs[station.id]);
  const urls = (status.data?.ocppUrls ?? []).map((u) => u.replace('<chargePointId>', encodeURIComponent(station.id)));
  return (
    <section className="panel" aria-labelledby="connection-title">
      <h2 id="connection-title">Connection</h2>
      <dl className="facts" aria-label="Connection">
        <div className="fact">
          <dt>State</dt>
          <dd>{station.connected ? 'Connected' : 'Disconnected'}</dd>
        </div>
        <div className="fact">
          <dt>{station.connected ? 'Connected since' : 'Disconnected since'}</dt>
          <dd>
            <Time value={station.connected ? station.lastConnectedAt : station.lastDisconnectedAt} fallback="never" />{' '}
            {!station.connected && station.lastDisconnectedAt ? (
              <span className="muted" title={closeCodeText(station.lastCloseCode)}>
                (code {station.lastCloseCode ?? 'none'}
                {station.lastCloseReason ? `, “${station.lastCloseReason}”` : ''})
              </span>
            ) : null}
            {station.connected && station.lastConnectedAt ? (
              <span className="muted">
                (<Age value={station.lastConnectedAt} />)
              </span>
            ) : null}
          </dd>
        </div>
        <div className="fact">
          <dt>Last heard</dt>
          <dd>
            <Age value={lastHeardIso(station.lastSeenAt, streamMs)} />
            {/* The interval this station works with (its boot answer or a later ChangeConfiguration), not the current setting. */}
            {station.heartbeatIntervalSec !== null ? (
              <span className="muted"> · heartbeat interval {station.heartbeatIntervalSec} s</span>
            ) : settings.data ? (
              <span className="muted"> · heartbeat interval not known yet (the setting is {settings.data.heartbeatIntervalSec} s)</span>
            ) : null}
          </dd>
        </div>
        <div className="fact">
          <dt>Remote address</dt>
          <dd className="mono">{station.lastRemoteAddress ?? '—'}</dd>
        </div>
        <div className="fact">
          <dt>Security profile</dt>
          <dd>
            {PROFILE_TEXT[station.securityProfile] ?? station.securityProfile}
            {station.hasPassword ? ' · password set' : ' · no password'}
          </dd>
        </div>
        <div className="fact">
          <dt>Validation</dt>
          <dd>{station.validationMode ?? `global (${settings.data?.validationMode ?? '…'})`}</dd>
        </div>
        <div className="fact">
          <dt>OCPP URL</dt>
          <dd>
            {urls.length ? (
              <ul className="plain-list">
                {urls.map((u) => (
                  <li key={u} className="mono">
                    {u}
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
