import { idTokenProblem } from '../../../../shared/ocpp/cistring.js';
import { useState } from 'react';
import type { SimulatorDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { useAsyncAction } from '../../components/async-action.js';
import { Field } from '../../components/Field.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Age } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { closeCodeText } from '../doctor/close-codes.js';
import { ConnectorRow } from './ConnectorRow.js';
import { useSimulatorAction } from './use-simulator-action.js';

/** One simulated station: its connection, its connectors with their sessions and power, and every action. */
export function SimulatorCard({ sim, onChanged, suggestedIdTag = '' }: { sim: SimulatorDto; onChanged: () => void; suggestedIdTag?: string }) {
  const api = useApi();
  const action = useSimulatorAction(sim.id, onChanged);
  const [idTag, setIdTag] = useState(suggestedIdTag);
  // A tag created for trying sessions fills an empty field; what the operator typed is never replaced. Adjusted
  // while rendering (when the suggestion changes), not in an effect, so the field never shows a stale value first.
  const [lastSuggestion, setLastSuggestion] = useState(suggestedIdTag);
  if (suggestedIdTag !== lastSuggestion) {
    setLastSuggestion(suggestedIdTag);
    if (suggestedIdTag && !idTag) setIdTag(suggestedIdTag);
  }
  const [idTagProblem, setIdTagProblem] = useState<string | null>(null);
  const totalKw = sim.connectors.reduce((sum, c) => sum + c.powerW, 0) / 1000;

  const startSession = (connectorId: number) => {
    // OCPP 1.6 IdToken, by the one rule of shared/ocpp: the tag is sent as typed or not at all.
    const problem = idTokenProblem(idTag);
    if (problem) {
      setIdTagProblem(idTag === '' ? 'enter an id tag to start a session' : `The id tag ${problem}`);
      return;
    }
    setIdTagProblem(null);
    action.run('start', { connectorId, idTag });
  };
  const remove = useAsyncAction(
    async () => {
      try {
        await api.deleteSimulator(sim.id);
        toast.success(`${sim.id} stopped; its station record stays`);
      } finally {
        onChanged();
      }
    },
    { onError: (message) => toast.error(`Removing ${sim.id} failed: ${message}`) },
  );

  return (
    <article className="panel sim-card" aria-labelledby={`sim-${sim.id}`}>
      <header className="row sim-card-header">
        <h2 id={`sim-${sim.id}`}>
          <a href={href('stations', sim.id)}>{sim.id}</a>
        </h2>
        <StatusBadge status={sim.connected ? 'Online' : 'Offline'} />
        {sim.registrationStatus ? <StatusBadge status={sim.registrationStatus} /> : null}
        <span className="muted">
          station {sim.stationStatus} · {totalKw.toFixed(1)} kW now · max {(sim.maxPowerW / 1000).toFixed(1)} kW/connector · meter every{' '}
          {sim.meterValueSampleIntervalSec} s
        </span>
      </header>
      {sim.lastClose && !sim.connected ? (
        <p className="muted">
          Closed <Age value={sim.lastClose.at} />: {sim.lastClose.code} {closeCodeText(sim.lastClose.code)}
          {sim.lastClose.reason ? ` (“${sim.lastClose.reason}”)` : ''}
          {sim.autoReconnect ? ' · reconnects by itself after a drop' : ''}
        </p>
      ) : null}
      {sim.lastError ? <p className="field-error">Last problem: {sim.lastError}</p> : null}
      <div className="row sim-card-controls">
        <Field label={`Id tag for ${sim.id}`} error={idTagProblem ?? action.fields.idTag}>
          {(p) => (
            <input
              {...p}
              value={idTag}
              onChange={(e) => {
                setIdTag(e.target.value);
                const problem = e.target.value === '' ? null : idTokenProblem(e.target.value);
                setIdTagProblem(problem ? `The id tag ${problem}` : null);
              }}
              placeholder="e.g. TAG1"
            />
          )}
        </Field>
        <div className="row">
          {sim.connected ? (
            <>
              <button type="button" disabled={action.busy !== null} onClick={() => action.run('disconnect')} aria-label={`Disconnect ${sim.id}`}>
                Disconnect
              </button>
              <button
                type="button"
                disabled={action.busy !== null}
                onClick={() => action.run('disconnect', { abrupt: true })}
                aria-label={`Drop the network of ${sim.id}`}
                title="No close frame: like a network failure"
              >
                Drop network
              </button>
            </>
          ) : null}
          <button type="button" disabled={action.busy !== null} onClick={() => action.run('reconnect')} aria-label={`Reconnect ${sim.id}`}>
            Reconnect
          </button>
          <button type="button" className="danger" disabled={remove.pending} onClick={remove.run} aria-label={`Remove ${sim.id}`}>
            Remove
          </button>
        </div>
      </div>
      <table aria-label={`Connectors of ${sim.id}`}>
        <thead>
          <tr>
            <th>#</th>
            <th>Status</th>
            <th>Transaction</th>
            <th>Power</th>
            <th>Energy</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {sim.connectors.map((c) => (
            <ConnectorRow
              key={c.connectorId}
              stationId={sim.id}
              connector={c}
              connected={sim.connected}
              busy={action.busy !== null}
              run={action.run}
              startSession={startSession}
            />
          ))}
        </tbody>
      </table>
      {action.outcome ? (
        <div className={`call-answer ${action.outcome.ok ? 'tone-ok' : 'tone-bad'}`} role="status" aria-label={`Answer for ${sim.id}`}>
          <strong>{action.outcome.ok ? 'Done' : 'Refused'}:</strong> {action.outcome.message}
          {action.outcome.idTagInfo ? <span className="mono"> idTagInfo {JSON.stringify(action.outcome.idTagInfo)}</span> : null}
        </div>
      ) : null}
      {action.error ? (
        <div className="call-answer tone-bad" role="status" aria-label={`Answer for ${sim.id}`}>
          <strong>Failed:</strong> {action.error}
        </div>
      ) : null}
    </article>
  );
}
