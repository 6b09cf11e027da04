import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { CallResponse, ChargePointDto, ConfigurationSnapshotDto } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { errorMessage } from '../../../components/error-message.js';
import { CallAnswer } from '../../../components/CallAnswer.js';
import { ErrorBox } from '../../../components/Page.js';
import { Time } from '../../../components/Time.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { BaselineDrift } from './BaselineDrift.js';
import { ChangeOtherKey } from './ChangeOtherKey.js';
import { ConfigRow, type KeyAnswer } from './ConfigRow.js';
import { changeOf, loadHistory, recordSnapshot, removedKeys } from './snapshot-history.js';

/**
 * The station's configuration keys (OCPP 1.6 §9) as last reported by GetConfiguration (§5.8), kept up to date by
 * accepted ChangeConfiguration (§5.4): edit a value inline and see the station's answer per key; keys that differ from
 * the previous GetConfiguration answer are marked. Above it, the station against its configuration baseline.
 */
export function ConfigurationPanel({ station }: { station: ChargePointDto }) {
  const api = useApi();
  const id = station.id;
  const snapshot = useLiveQuery<ConfigurationSnapshotDto | null>(`station:${id}:configuration`, () => api.getConfiguration(id), {
    events: eventsOf(['configuration.changed'], id),
    throttleMs: 300,
  });
  const [history, setHistory] = useState(() => loadHistory(id));
  const [answers, setAnswers] = useState<Record<string, KeyAnswer>>({});
  const [refreshAnswer, setRefreshAnswer] = useState<{ response?: CallResponse; error?: string } | null>(null);
  const [filter, setFilter] = useState('');
  const [changedOnly, setChangedOnly] = useState(false);
  const wanted = useDeferredValue(filter.trim().toLowerCase());

  const data = snapshot.data;
  useEffect(() => {
    if (data) setHistory((h) => recordSnapshot(id, h, data));
  }, [id, data]);

  const getConfiguration = useAsyncAction(async () => {
    setRefreshAnswer(null);
    try {
      const response = await api.call(id, 'GetConfiguration', {});
      // A CALLRESULT updates the snapshot (and the event re-queries it); show only what went wrong.
      if ('error' in response) setRefreshAnswer({ response });
      snapshot.refresh();
    } catch (err) {
      setRefreshAnswer({ error: errorMessage(err) });
    }
  });

  const send = async (key: string, value: string) => {
    try {
      const response = await api.call(id, 'ChangeConfiguration', { key, value });
      setAnswers((a) => ({ ...a, [key]: { response, sentValue: value } }));
      snapshot.refresh();
    } catch (err) {
      setAnswers((a) => ({ ...a, [key]: { error: errorMessage(err), sentValue: value } }));
    }
  };

  const entries = useMemo(() => data?.entries ?? [], [data]);
  const rows = useMemo(
    () =>
      entries
        .map((entry) => ({ entry, change: changeOf(history, entry.key, entry.value ?? null) }))
        .filter((r) => (!wanted || r.entry.key.toLowerCase().includes(wanted)) && (!changedOnly || r.change.kind !== 'none')),
    [entries, history, wanted, changedOnly],
  );
  const removed = useMemo(() => removedKeys(history, new Set(entries.map((e) => e.key))), [history, entries]);
  const changedCount = entries.filter((e) => changeOf(history, e.key, e.value ?? null).kind !== 'none').length;

  return (
    <>
      <BaselineDrift station={station} />
      <section className="panel" aria-labelledby="configuration-title">
        <div className="row config-header">
          <h2 id="configuration-title">Configuration</h2>
          <button type="button" className="primary" disabled={getConfiguration.pending || !station.connected} onClick={getConfiguration.run}>
            {getConfiguration.pending ? 'Asking the station…' : 'Refresh (GetConfiguration)'}
          </button>
          {!station.connected ? <span className="muted">The station is offline: showing the last snapshot.</span> : null}
        </div>
        {refreshAnswer ? <CallAnswer response={refreshAnswer.response} error={refreshAnswer.error} /> : null}
        <ErrorBox error={snapshot.error} />
        {data === undefined ? (
          <p className="muted">Loading…</p>
        ) : data === null ? (
          <p className="muted">No configuration known yet: ask the station with “Refresh (GetConfiguration)”.</p>
        ) : (
          <>
            <p className="muted" aria-label="Snapshot">
              Snapshot of <Time value={data.takenAt} fallback="never (only changes sent)" />
              {history.previous ? (
                <>
                  {' '}
                  compared with the previous one of <Time value={history.previous.takenAt} />: {changedCount}{' '}
                  {changedCount === 1 ? 'key differs' : 'keys differ'}
                </>
              ) : (
                ' · no previous snapshot seen in this console to compare with'
              )}
              {data.requestedKeys ? ` · last asked for: ${data.requestedKeys.join(', ')}` : ''}
            </p>
            <div className="row config-tools">
              <input type="search" aria-label="Filter keys" placeholder="Filter keys" value={filter} onChange={(e) => setFilter(e.target.value)} />
              <label className="row">
                <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} /> Changed keys only
              </label>
            </div>
            <table aria-label="Configuration keys" className="config-table">
              <thead>
                <tr>
                  <th>Key</th>
                  <th>Value</th>
                  <th>State</th>
                  <th>
                    <span className="visually-hidden">Edit</span>
                  </th>
                  <th>Station's answer</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ entry, change }) => (
                  <ConfigRow key={entry.key} entry={entry} change={change} answer={answers[entry.key]} onSend={send} />
                ))}
              </tbody>
            </table>
            {rows.length === 0 ? <p className="muted">No key matches.</p> : null}
            {data.unknownKeys.length ? <p className="muted">Unknown to the station: {data.unknownKeys.join(', ')}</p> : null}
            {removed.length ? <p className="muted">Gone since the previous snapshot: {removed.join(', ')}</p> : null}
          </>
        )}
        <ChangeOtherKey chargePointId={id} disabled={!station.connected} onSent={() => snapshot.refresh()} />
      </section>
    </>
  );
}
