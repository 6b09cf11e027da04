import { useRef, useState } from 'react';
import { Field } from '../../../components/Field.js';
import { useApi } from '../../../store/connection.js';
import { useStations } from '../../../store/stations.js';
import { runWithConcurrency } from './burst.js';
import { OPERATIONS } from './catalog.js';
import { defaultPayload } from './defaults.js';
import { outcomeLabel, sendOperation, type OperationOutcome } from './history-store.js';
import { OutcomeView } from './OutcomeView.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { errorMessage } from '../../../components/error-message.js';

/** Calls in flight at once: enough to be quick, few enough not to flood the central system or a shared uplink. */
const CONCURRENCY = 8;
/** Station checkboxes shown at once; the filter narrows larger fleets. */
const LIST_LIMIT = 200;

interface BurstRun {
  stationIds: string[];
  action: string;
  results: Record<string, OperationOutcome>;
  running: boolean;
}

function BurstResultRow({ stationId, outcome }: { stationId: string; outcome: OperationOutcome | undefined }) {
  const [open, setOpen] = useState(false);
  const label = outcomeLabel(outcome);
  const tone = !outcome
    ? 'info'
    : outcome.failure || label.startsWith('CALLERROR')
      ? 'bad'
      : label === 'Accepted' || label === 'Answered'
        ? 'ok'
        : 'warn';
  return (
    <li className="op-burst-result">
      <span className="mono">{stationId}</span>{' '}
      <span className={`badge tone-${tone}`} aria-label={`Answer of ${stationId}`}>
        {label}
      </span>{' '}
      {outcome ? (
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Details'}
        </button>
      ) : null}
      {open ? <OutcomeView outcome={outcome} /> : null}
    </li>
  );
}

/** The same operation to many stations at once (e.g. ClearCache after a tag list change), with progress and each station's answer. */
export function BurstPanel({ chargePointId }: { chargePointId: string }) {
  const api = useApi();
  const ids = useStations((s) => s.ids);
  const byId = useStations((s) => s.byId);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(() => new Set([chargePointId]));
  const [action, setAction] = useState('ClearCache');
  const [payloadText, setPayloadText] = useState('{}');
  const [payloadError, setPayloadError] = useState<string | null>(null);
  const [run, setRun] = useState<BurstRun | null>(null);
  const cancelled = useRef(false);

  const visible = ids.filter((id) => id.toLowerCase().includes(filter.toLowerCase()));
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const start = useAsyncAction(async () => {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(payloadText) as Record<string, unknown>;
    } catch (err) {
      setPayloadError(`Not JSON: ${errorMessage(err)}`);
      return;
    }
    setPayloadError(null);
    const stationIds = ids.filter((id) => selected.has(id));
    cancelled.current = false;
    setRun({ stationIds, action, results: {}, running: true });
    await runWithConcurrency(
      stationIds,
      CONCURRENCY,
      (id) => sendOperation(api, id, action, payload),
      (id, outcome) => setRun((r) => (r ? { ...r, results: { ...r.results, [id]: outcome } } : r)),
      () => cancelled.current,
    );
    setRun((r) => (r ? { ...r, running: false } : r));
  });

  const doneCount = run ? Object.keys(run.results).length : 0;
  const accepted = run ? Object.values(run.results).filter((o) => outcomeLabel(o) === 'Accepted').length : 0;

  return (
    <section className="panel" aria-labelledby="op-burst-title">
      <h2 id="op-burst-title">Send to many stations</h2>
      <div className="op-burst">
        <div>
          <div className="row">
            <input
              type="search"
              aria-label="Filter stations"
              placeholder="Filter stations"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <button type="button" onClick={() => setSelected(new Set(visible.filter((id) => byId[id]?.connected)))}>
              Select connected
            </button>
            <button type="button" onClick={() => setSelected(new Set())}>
              Select none
            </button>
          </div>
          <fieldset className="op-burst-stations">
            <legend>Stations ({selected.size} selected)</legend>
            {visible.slice(0, LIST_LIMIT).map((id) => (
              <label key={id} className="op-inline">
                <input type="checkbox" checked={selected.has(id)} onChange={(e) => toggle(id, e.target.checked)} />
                <span className="mono">{id}</span>
                {byId[id]?.connected ? null : <span className="muted">(offline)</span>}
              </label>
            ))}
            {visible.length > LIST_LIMIT ? <p className="muted">{visible.length - LIST_LIMIT} more: narrow the filter.</p> : null}
            {visible.length === 0 ? <p className="muted">No station matches.</p> : null}
          </fieldset>
        </div>
        <div>
          <Field label="Operation">
            {(props) => (
              <select
                {...props}
                value={action}
                onChange={(e) => {
                  setAction(e.target.value);
                  setPayloadText(
                    JSON.stringify(
                      defaultPayload(e.target.value, { connectors: [], activeTransactions: [], lastIdTag: '', nowMs: Date.now() }),
                      null,
                      2,
                    ),
                  );
                }}
              >
                {OPERATIONS.map((o) => (
                  <option key={o.action} value={o.action}>
                    {o.action}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Payload for every station" error={payloadError}>
            {(props) => <textarea {...props} rows={4} spellCheck={false} value={payloadText} onChange={(e) => setPayloadText(e.target.value)} />}
          </Field>
          <div className="row">
            <button type="button" className="primary" disabled={selected.size === 0 || run?.running} onClick={start.run}>
              Send {action} to {selected.size} station{selected.size === 1 ? '' : 's'}
            </button>
            {run?.running ? (
              <button type="button" onClick={() => (cancelled.current = true)}>
                Stop sending
              </button>
            ) : null}
          </div>
        </div>
      </div>
      {run ? (
        <div className="op-burst-run">
          <div className="row">
            <strong>{run.action}</strong>
            <span role="status" aria-label="Burst progress text">
              {doneCount} of {run.stationIds.length} answered{run.running ? '…' : ''} · {accepted} Accepted
            </span>
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-label="Burst progress"
            aria-valuemin={0}
            aria-valuemax={run.stationIds.length}
            aria-valuenow={doneCount}
          >
            <div style={{ width: `${run.stationIds.length ? (doneCount / run.stationIds.length) * 100 : 0}%` }} />
          </div>
          <ul className="op-burst-results" aria-label="Answers by station">
            {run.stationIds.map((id) => (
              <BurstResultRow key={id} stationId={id} outcome={run.results[id]} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
