import { Age } from '../../components/Time.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { href } from '../../app/router.js';
import { useStations } from '../../store/stations.js';
import { AcceptPendingButton } from '../overview/AcceptPendingButton.js';

/**
 * Stations waiting for the operator: Pending (admitted under the `pending` policy, OCPP 1.6 §4.2: they may not
 * start sessions until Accepted) and Rejected ones. One click accepts them.
 */
export function PendingStations() {
  const byId = useStations((s) => s.byId);
  const ids = useStations((s) => s.ids);
  const waiting = ids.map((id) => byId[id]!).filter((cp) => cp.registrationStatus !== 'Accepted');
  return (
    <section className="panel" aria-labelledby="doctor-pending">
      <h2 id="doctor-pending">Waiting for registration ({waiting.length})</h2>
      {waiting.length === 0 ? (
        <p className="muted">No Pending or Rejected station.</p>
      ) : (
        <table aria-labelledby="doctor-pending">
          <thead>
            <tr>
              <th>Station</th>
              <th>Registration</th>
              <th>Connection</th>
              <th>Last seen</th>
              <th>
                <span className="doctor-sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {waiting.map((cp) => (
              <tr key={cp.id}>
                <td>
                  <a href={href('stations', cp.id)}>{cp.id}</a>
                </td>
                <td>
                  <StatusBadge status={cp.registrationStatus} />
                </td>
                <td>
                  <StatusBadge status={cp.connected ? 'Online' : 'Offline'} /> {cp.lastRemoteAddress ?? ''}
                </td>
                <td>
                  <Age value={cp.lastSeenAt} />
                </td>
                <td>
                  <AcceptPendingButton station={cp} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
