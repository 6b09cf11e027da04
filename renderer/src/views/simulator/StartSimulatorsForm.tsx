import { useState } from 'react';
import { useAsyncAction } from '../../components/async-action.js';
import { fieldProblems } from '../../components/error-message.js';
import { Field } from '../../components/Field.js';
import { ErrorBox } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { checkStart, DEFAULT_START, requestOf, type StartDraft } from './start-options.js';

/** Start N simulated stations; they connect to this central system over its own OCPP port and are registered Accepted. */
export function StartSimulatorsForm({ onStarted }: { onStarted: () => void }) {
  const api = useApi();
  const [draft, setDraft] = useState<StartDraft>(DEFAULT_START);
  const [tried, setTried] = useState(false);
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const problems = { ...serverProblems, ...(tried ? checkStart(draft) : {}) };
  const start = useAsyncAction(async () => {
    setTried(true);
    setServerProblems({});
    if (Object.keys(checkStart(draft)).length) return;
    try {
      const { items } = await api.startSimulators(requestOf(draft));
      const offline = items.filter((s) => !s.connected).length;
      toast.success(`Started ${items.map((s) => s.id).join(', ')}${offline ? ` (${offline} still connecting)` : ''}`);
      setTried(false);
      onStarted();
    } catch (err) {
      setServerProblems(fieldProblems(err));
      throw err;
    }
  });
  const set = <K extends keyof StartDraft>(key: K, value: StartDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <form className="panel" aria-labelledby="sim-start" noValidate onSubmit={start.submit}>
      <h2 id="sim-start">Start simulated stations</h2>
      <div className="form-grid">
        <Field label="Id prefix" error={problems.idPrefix} hint="ids are prefix + the next free number">
          {(p) => <input {...p} value={draft.idPrefix} onChange={(e) => set('idPrefix', e.target.value)} />}
        </Field>
        <Field label="Number of stations" error={problems.count} hint="1 to 100 at once">
          {(p) => <input {...p} inputMode="numeric" value={draft.count} onChange={(e) => set('count', e.target.value)} />}
        </Field>
        <Field label="Connectors per station" error={problems.connectorCount}>
          {(p) => <input {...p} inputMode="numeric" value={draft.connectorCount} onChange={(e) => set('connectorCount', e.target.value)} />}
        </Field>
        <Field label="Max power per connector (kW)" error={problems.maxPowerW}>
          {(p) => <input {...p} inputMode="decimal" value={draft.maxPowerKw} onChange={(e) => set('maxPowerKw', e.target.value)} />}
        </Field>
        <Field label="Meter value interval (s)" error={problems.meterValueSampleIntervalSec} hint="MeterValueSampleInterval; 0 = none while charging">
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={draft.meterValueSampleIntervalSec}
              onChange={(e) => set('meterValueSampleIntervalSec', e.target.value)}
            />
          )}
        </Field>
        <Field label="Reconnect after a drop" error={problems.autoReconnect}>
          {(p) => <input {...p} type="checkbox" checked={draft.autoReconnect} onChange={(e) => set('autoReconnect', e.target.checked)} />}
        </Field>
      </div>
      {start.error && !Object.keys(serverProblems).length ? <ErrorBox error={start.error} /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={start.pending}>
          {start.pending ? 'Starting…' : 'Start stations'}
        </button>
        <span className="muted">Registered Accepted whatever the registration policy: you started them.</span>
      </div>
    </form>
  );
}
