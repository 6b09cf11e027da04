import type { SiteSessionAllocation } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { ListTable } from '../../components/ListTable.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Time } from '../../components/Time.js';
import { OUTCOME_WORDS, REASON_WORDS } from './site-events.js';

const STATE_WORDS: Record<SiteSessionAllocation['state'], string> = {
  charging: 'Charging',
  suspendedEV: 'SuspendedEV',
  suspendedEVSE: 'SuspendedEVSE',
  preparing: 'Preparing',
  finishing: 'Finishing',
};

const amps = (a: number | null) => (a === null ? '—' : `${a} A`);

/** The site's sessions now: what each is given and why, what was last sent and answered, what it draws. */
export function SiteSessionsTable({ sessions }: { sessions: SiteSessionAllocation[] | undefined }) {
  return (
    <ListTable
      rows={sessions}
      empty="No session on this site’s stations right now."
      tableLabel="Site sessions"
      scrollLabel="Site sessions table"
      rowKey={(s) => `${s.chargePointId}#${s.connectorId}`}
      columns={[
        { header: 'Station', cell: (s) => <a href={href('stations', s.chargePointId)}>{s.chargePointId}</a> },
        { header: 'Connector', className: 'num', cell: (s) => s.connectorId },
        { header: 'Id tag', className: 'mono', cell: (s) => s.idTag ?? '—' },
        { header: 'State', cell: (s) => <StatusBadge status={STATE_WORDS[s.state] ?? s.state} /> },
        { header: 'Allocated', className: 'num', cell: (s) => (s.allocatedA === 0 ? '0 A (paused)' : `${s.allocatedA} A`) },
        { header: 'Why', cell: (s) => REASON_WORDS[s.reason] ?? s.reason },
        {
          header: 'Last sent',
          cell: (s) =>
            s.sentA === null ? (
              <span className="muted">nothing sent yet</span>
            ) : (
              <>
                {s.sentA} A, {OUTCOME_WORDS[s.sentOutcome ?? ''] ?? s.sentOutcome ?? 'unknown'}{' '}
                <span className="muted">
                  (<Time value={s.sentAt} />)
                </span>
              </>
            ),
        },
        { header: 'Measured', className: 'num', cell: (s) => `${amps(s.measuredA)}${s.measuredW === null ? '' : ` · ${Math.round(s.measuredW)} W`}` },
        { header: 'Online', cell: (s) => <StatusBadge status={s.online ? 'Online' : 'Offline'} /> },
      ]}
    />
  );
}
