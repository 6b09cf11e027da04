import type { SystemAlertDto } from '../../../../shared/api/storage.js';
import type { StatusDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { Age } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';

/** What each storage alert is about, as its badge says (`SystemAlertDto.kind`, docs/api.md). */
const STORAGE_ALERT_LABEL: Record<SystemAlertDto['kind'], string> = {
  'data-budget': 'Data budget',
  'disk-free': 'Disk',
  integrity: 'Integrity',
};

/** The central system checks its data folder once a minute (README "Disk budget"): polling faster shows nothing new. */
const POLL_MS = 60_000;

/** The central system's own alerts, live; the navigation counts them with the stations' alerts. */
export function useSystemAlerts(): SystemAlertDto[] {
  const api = useApi();
  const status = useLiveQuery<StatusDto>('overview.status', () => api.status(), { events: eventsOf(['settings.changed']), pollMs: POLL_MS });
  return status.data?.alerts ?? NO_ALERTS;
}

const NO_ALERTS: SystemAlertDto[] = [];

/**
 * The central system's own alerts (GET /api/status `alerts`): the data folder near or over its budget, the disk near
 * full. Listed like the stations' alerts; shown only when there is one, with the way to Settings → Storage.
 */
export function SystemAlerts() {
  const alerts = useSystemAlerts();
  if (alerts.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="system-alerts-title">
      <h2 id="system-alerts-title">
        Storage alerts <span className="count tone-bad">{alerts.length}</span>
      </h2>
      <ul className="alert-list" aria-label="Storage alerts">
        {alerts.map((a) => (
          <li key={a.key} className="alert-item" aria-label={`${a.level === 'critical' ? 'Critical' : 'Warning'} ${a.kind}`}>
            <span className={`badge tone-${a.level === 'critical' ? 'bad' : 'warn'}`}>{STORAGE_ALERT_LABEL[a.kind]}</span>
            <span>{a.text}</span>
            <span className="muted">
              since <Age value={a.since} fallback="unknown" />
            </span>
            <a href={href('settings')}>see Storage in Settings</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
