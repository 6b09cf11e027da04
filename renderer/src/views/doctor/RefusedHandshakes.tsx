import type { ListResponse, RefusedHandshakeDto } from '../../../../shared/api/types.js';
import { ListTable } from '../../components/ListTable.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { explainRefusal } from './refusal-reasons.js';

const LIMIT = 100;

/** The handshakes the central system refused, newest first, each with why in plain words and what to change. */
export function RefusedHandshakes() {
  const api = useApi();
  // A charger retrying every few seconds must not turn into a request per attempt: throttled to one a second.
  const refused = useLiveQuery<ListResponse<RefusedHandshakeDto>>('doctor.refused', () => api.refusedHandshakes(LIMIT), {
    events: eventsOf(['handshake.refused']),
    throttleMs: 1000,
  });
  const items = refused.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="doctor-refused">
      <h2 id="doctor-refused">Refused connections ({items.length === LIMIT ? `last ${LIMIT}` : items.length})</h2>
      <ListTable
        rows={refused.data?.items}
        loading={refused.loading}
        error={refused.error}
        empty="No refused handshake: every charger that reached this PC got in."
        labelledBy="doctor-refused"
        className="doctor-refused"
        rowKey={(r) => r.id}
        rowLabel={(r) => `Refused ${r.identity ?? 'unknown'}: ${explainRefusal(r.reason).title}`}
        columns={[
          { header: 'Time', cell: (r) => <Time value={r.at} /> },
          {
            header: 'Charger',
            cell: (r) => (
              <>
                <div>
                  <strong>{r.identity ?? '(no id)'}</strong>
                </div>
                <div className="muted mono">{r.remoteAddress ?? ''}</div>
                <div className="muted mono" title="request path">
                  {r.path}
                </div>
                {r.offeredProtocols !== null ? <div className="muted">subprotocols offered: {r.offeredProtocols || 'none'}</div> : null}
              </>
            ),
          },
          {
            header: 'Reason',
            cell: (r) => (
              <>
                <div>
                  <strong>{explainRefusal(r.reason).title}</strong>
                </div>
                <div className="muted mono">
                  {r.reason} · HTTP {r.httpStatus}
                </div>
                <div className="muted">{r.detail}</div>
              </>
            ),
          },
          {
            header: 'Why, and the fix',
            cell: (r) => (
              <>
                <div>{explainRefusal(r.reason).why}</div>
                <div className="doctor-fix">
                  <strong>Fix:</strong> {explainRefusal(r.reason).fix}
                </div>
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
