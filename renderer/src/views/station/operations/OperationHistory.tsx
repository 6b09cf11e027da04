import { useState } from 'react';
import { Empty } from '../../../components/Page.js';
import { JsonView } from '../../../components/JsonView.js';
import { Time } from '../../../components/Time.js';
import { useApi } from '../../../store/connection.js';
import { outcomeLabel, sendOperation, useOperationHistory, type HistoryEntry } from './history-store.js';
import { OutcomeView } from './OutcomeView.js';

function tone(entry: HistoryEntry): string {
  const label = outcomeLabel(entry.outcome);
  if (!entry.outcome) return 'info';
  if (entry.outcome.failure || label.startsWith('CALLERROR')) return 'bad';
  return label === 'Accepted' || label === 'Unlocked' || label === 'Answered' ? 'ok' : 'warn';
}

function HistoryRow({ entry, onEdit }: { entry: HistoryEntry; onEdit: (action: string, payload: Record<string, unknown>) => void }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const payloadText = JSON.stringify(entry.payload);
  return (
    <>
      <tr>
        <td>
          <Time value={entry.sentAt} />
        </td>
        <td>{entry.action}</td>
        <td className="mono op-history-payload" title={payloadText}>
          {payloadText}
        </td>
        <td>
          <span className={`badge tone-${tone(entry)}`}>{outcomeLabel(entry.outcome)}</span>
          {entry.durationMs !== undefined ? <span className="muted"> {entry.durationMs} ms</span> : null}
        </td>
        <td className="op-history-actions">
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`Details of ${entry.action} sent at ${entry.sentAt}`}>
            {open ? 'Hide' : 'Details'}
          </button>
          <button
            type="button"
            onClick={() => void sendOperation(api, entry.chargePointId, entry.action, entry.payload)}
            aria-label={`Re-send ${entry.action}`}
          >
            Re-send
          </button>
          <button type="button" onClick={() => onEdit(entry.action, entry.payload)} aria-label={`Edit and send ${entry.action} again`}>
            Edit
          </button>
        </td>
      </tr>
      {open ? (
        <tr className="op-history-details">
          <td colSpan={5}>
            <div className="op-history-detail-grid">
              <div>
                <strong>Payload sent</strong>
                <JsonView value={entry.payload} label="Payload sent" />
              </div>
              <div>
                <strong>Answer</strong>
                <OutcomeView outcome={entry.outcome} pending={!entry.outcome} />
              </div>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The operations sent to this station in this console session, newest first, each re-sendable in one click. */
export function OperationHistory({
  chargePointId,
  onEdit,
}: {
  chargePointId: string;
  onEdit: (action: string, payload: Record<string, unknown>) => void;
}) {
  const all = useOperationHistory((s) => s.entries);
  const clear = useOperationHistory((s) => s.clear);
  const entries = all.filter((e) => e.chargePointId === chargePointId);
  return (
    <section className="panel" aria-labelledby="op-history-title">
      <div className="row op-section-head">
        <h2 id="op-history-title">Sent in this session</h2>
        {entries.length ? (
          <button type="button" onClick={() => clear(chargePointId)}>
            Clear history
          </button>
        ) : null}
      </div>
      {entries.length === 0 ? (
        <Empty>Nothing sent to {chargePointId} yet in this session.</Empty>
      ) : (
        <table aria-label="Operation history">
          <thead>
            <tr>
              <th>Sent</th>
              <th>Action</th>
              <th>Payload</th>
              <th>Answer</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <HistoryRow key={entry.id} entry={entry} onEdit={onEdit} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
