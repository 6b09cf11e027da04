import { href } from '../../app/router.js';
import { ListTable } from '../../components/ListTable.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';

/**
 * Every station that follows a baseline (GET /api/configuration-drift): how many of its baseline keys are off and
 * how many ChangeConfiguration could fix, and when its configuration was last read. Each station links to its
 * Configuration tab, where the keys are listed and the baseline applied.
 */
export function FleetDrift() {
  const api = useApi();
  const fleet = useLiveQuery('configuration-drift', () => api.fleetDrift(), {
    events: eventsOf(['baseline.changed', 'configuration.changed', 'site.changed', 'chargePoint.changed']),
    throttleMs: 1000,
  });
  return (
    <ListTable
      rows={fleet.data?.items}
      loading={fleet.loading}
      error={fleet.error}
      empty="No station follows a baseline yet: assign one to stations or sites in its editor."
      tableLabel="Fleet drift"
      scrollLabel="Fleet drift table"
      rowKey={(s) => s.chargePointId}
      columns={[
        { header: 'Station', cell: (s) => <a href={href('stations', s.chargePointId, 'configuration')}>{s.chargePointId}</a> },
        { header: 'Baseline', cell: (s) => <a href={href('baselines', s.baseline)}>{s.baseline}</a> },
        { header: 'Through', cell: (s) => (s.via === 'site' ? 'its site' : 'itself') },
        {
          header: 'Keys off',
          className: 'num',
          cell: (s) =>
            s.snapshotTakenAt === null ? (
              <span className="muted">not compared</span>
            ) : s.offBaseline === 0 ? (
              <span className="badge tone-ok">on baseline</span>
            ) : (
              <span className="badge tone-warn">{s.offBaseline} off</span>
            ),
        },
        { header: 'Fixable', className: 'num', cell: (s) => (s.snapshotTakenAt === null ? '—' : s.fixable) },
        { header: 'Configuration read', cell: (s) => <Time value={s.snapshotTakenAt} fallback="never read" /> },
      ]}
    />
  );
}
