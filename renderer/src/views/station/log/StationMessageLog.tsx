import { useState } from 'react';
import type { MessageLogPage } from '../../../../../shared/api/types.js';
import { ErrorBox } from '../../../components/Page.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { MessageRow } from './MessageRow.js';

const PAGE_SIZE = 100;

/**
 * The station's own OCPP traffic, newest first and live: the newest `limit` frames are re-queried (at most twice a
 * second) when the station logs a frame. "Show older" grows the window.
 */
export function StationMessageLog({ chargePointId }: { chargePointId: string }) {
  const api = useApi();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [direction, setDirection] = useState<'' | 'in' | 'out'>('');
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [action, setAction] = useState('');
  const [openIds, setOpenIds] = useState<Set<number>>(new Set());
  const actionFilter = action.trim();
  const log = useLiveQuery<MessageLogPage>(
    `station:${chargePointId}:log:${limit}:${direction}:${errorsOnly}:${actionFilter}`,
    () =>
      api.messageLog({
        chargePointId,
        limit,
        direction: direction || undefined,
        errorsOnly: errorsOnly || undefined,
        action: actionFilter || undefined,
      }),
    { events: eventsOf(['message.logged'], chargePointId), throttleMs: 500 },
  );
  const toggle = (id: number) =>
    setOpenIds((ids) => {
      const next = new Set(ids);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const items = log.data?.items ?? [];

  return (
    <section className="panel" aria-labelledby="station-log-title">
      <h2 id="station-log-title">Message log</h2>
      <div className="row log-tools" role="group" aria-label="Message log filters">
        <label className="row">
          Direction
          <select value={direction} onChange={(e) => setDirection(e.target.value as '' | 'in' | 'out')}>
            <option value="">both</option>
            <option value="in">in (from the station)</option>
            <option value="out">out (to the station)</option>
          </select>
        </label>
        <label className="row">
          Action
          <input type="search" value={action} placeholder="e.g. Heartbeat" onChange={(e) => setAction(e.target.value)} />
        </label>
        <label className="row">
          <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} /> Errors only
        </label>
        <span className="muted">Action matches CALLs and our replies to them; answers to our calls have no action.</span>
      </div>
      <ErrorBox error={log.error} />
      {log.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">No frame logged{direction || errorsOnly || actionFilter ? ' with these filters' : ' for this station yet'}.</p>
      ) : (
        <>
          <table aria-label="Station message log" className="log-table">
            <thead>
              <tr>
                <th>
                  <span className="visually-hidden">Frame</span>
                </th>
                <th>Time</th>
                <th>Direction</th>
                <th>Type</th>
                <th>Action</th>
                <th>Message id</th>
                <th>Error code</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <MessageRow key={entry.id} entry={entry} open={openIds.has(entry.id)} onToggle={toggle} />
              ))}
            </tbody>
          </table>
          {log.data.nextBeforeId !== null ? (
            <button type="button" onClick={() => setLimit((l) => l + PAGE_SIZE)}>
              Show older
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
