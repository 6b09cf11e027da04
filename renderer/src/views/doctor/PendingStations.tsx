import type { ChargePointDto } from '../../../../shared/api/types.js';
import { Age } from '../../components/Time.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { href } from '../../app/router.js';
import { ListTable } from '../../components/ListTable.js';
import { useStations } from '../../store/stations.js';
import { AcceptPendingButton } from '../overview/AcceptPendingButton.js';

/**
 * Stations waiting for the operator: Pending (admitted under the `pending` policy, OCPP 1.6 §4.2: they may not
 * start sessions until Accepted) and Rejected ones. One click accepts them.
 */
export function PendingStations() {
  const byId = useStations((s) => s.byId);
  const ids = useStations((s) => s.ids);
  const waiting = ids.map((id) => byId[id]).filter((cp): cp is ChargePointDto => cp !== undefined && cp.registrationStatus !== 'Accepted');
  return (
    <section className="panel" aria-labelledby="doctor-pending">
      <h2 id="doctor-pending">Waiting for registration ({waiting.length})</h2>
      <ListTable
        rows={waiting}
        empty="No Pending or Rejected station."
        labelledBy="doctor-pending"
        rowKey={(cp) => cp.id}
        columns={[
          { header: 'Station', cell: (cp) => <a href={href('stations', cp.id)}>{cp.id}</a> },
          { header: 'Registration', cell: (cp) => <StatusBadge status={cp.registrationStatus} /> },
          {
            header: 'Connection',
            cell: (cp) => (
              <>
                <StatusBadge status={cp.connected ? 'Online' : 'Offline'} /> {cp.lastRemoteAddress ?? ''}
              </>
            ),
          },
          { header: 'Last seen', cell: (cp) => <Age value={cp.lastSeenAt} /> },
          { header: <span className="visually-hidden">Action</span>, cell: (cp) => <AcceptPendingButton station={cp} /> },
        ]}
      />
    </section>
  );
}
