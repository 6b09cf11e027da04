import type { ListResponse, RefusedHandshakeDto } from '../../../../shared/api/types.js';
import { ErrorBox } from '../../components/Page.js';
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
      <ErrorBox error={refused.error} />
      {refused.loading && !refused.data ? <p className="muted">Loading…</p> : null}
      {refused.data && items.length === 0 ? <p className="muted">No refused handshake: every charger that reached this PC got in.</p> : null}
      {items.length ? (
        <table aria-labelledby="doctor-refused" className="doctor-refused">
          <thead>
            <tr>
              <th>Time</th>
              <th>Charger</th>
              <th>Reason</th>
              <th>Why, and the fix</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => {
              const e = explainRefusal(r.reason);
              return (
                <tr key={r.id} aria-label={`Refused ${r.identity ?? 'unknown'}: ${e.title}`}>
                  <td>
                    <Time value={r.at} />
                  </td>
                  <td>
                    <div>
                      <strong>{r.identity ?? '(no id)'}</strong>
                    </div>
                    <div className="muted mono">{r.remoteAddress ?? ''}</div>
                    <div className="muted mono" title="request path">
                      {r.path}
                    </div>
                    {r.offeredProtocols !== null ? <div className="muted">subprotocols offered: {r.offeredProtocols || 'none'}</div> : null}
                  </td>
                  <td>
                    <div>
                      <strong>{e.title}</strong>
                    </div>
                    <div className="muted mono">
                      {r.reason} · HTTP {r.httpStatus}
                    </div>
                    <div className="muted">{r.detail}</div>
                  </td>
                  <td>
                    <div>{e.why}</div>
                    <div className="doctor-fix">
                      <strong>Fix:</strong> {e.fix}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
