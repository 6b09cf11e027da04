import { useState } from 'react';
import { idTokenProblem } from '../../../../shared/ocpp/cistring.js';
import { Field } from '../../components/Field.js';
import { useStations } from '../../store/stations.js';
import { localInputToIso } from '../../components/local-datetime.js';
import type { TransactionFilters } from './filters.js';

/** Station, state, id tag and time range; applied on submit so typing does not query on every key. */
export function TransactionFiltersBar({ value, onApply }: { value: TransactionFilters; onApply: (next: TransactionFilters) => void }) {
  const ids = useStations((s) => s.ids);
  const [draft, setDraft] = useState(value);
  const set = <K extends keyof TransactionFilters>(key: K, v: TransactionFilters[K]) => setDraft((d) => ({ ...d, [key]: v }));
  const fromError = draft.from && !localInputToIso(draft.from) ? 'Not a date and time' : null;
  const toError =
    draft.to && !localInputToIso(draft.to)
      ? 'Not a date and time'
      : draft.from && draft.to && localInputToIso(draft.from)! >= localInputToIso(draft.to)!
        ? 'Must be after "Started from"'
        : null;
  // The IdToken rule of shared/ocpp, as on every form that takes an id tag (an empty field means any tag).
  const idTagProblem = draft.idTag ? idTokenProblem(draft.idTag) : null;
  const idTagError = idTagProblem ? `The id tag ${idTagProblem}` : null;
  return (
    <form
      className="panel form-grid"
      aria-label="Transaction filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (!fromError && !toError && !idTagError) onApply(draft);
      }}
    >
      <Field label="Station">
        {(p) => (
          <select {...p} value={draft.chargePointId} onChange={(e) => set('chargePointId', e.target.value)}>
            <option value="">All stations</option>
            {ids.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
            {draft.chargePointId && !ids.includes(draft.chargePointId) ? (
              <option value={draft.chargePointId}>{draft.chargePointId} (deleted)</option>
            ) : null}
          </select>
        )}
      </Field>
      <Field label="State">
        {(p) => (
          <select {...p} value={draft.state} onChange={(e) => set('state', e.target.value as TransactionFilters['state'])}>
            <option value="">All</option>
            <option value="active">Active sessions</option>
            <option value="finished">Finished or refused</option>
          </select>
        )}
      </Field>
      <Field label="Id tag" error={idTagError}>
        {(p) => <input {...p} value={draft.idTag} onChange={(e) => set('idTag', e.target.value)} placeholder="any" />}
      </Field>
      <Field label="Started from" error={fromError} hint="local time">
        {(p) => <input {...p} type="datetime-local" step={1} value={draft.from} onChange={(e) => set('from', e.target.value)} />}
      </Field>
      <Field label="Started before" error={toError} hint="local time">
        {(p) => <input {...p} type="datetime-local" step={1} value={draft.to} onChange={(e) => set('to', e.target.value)} />}
      </Field>
      <div className="row tx-filter-actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            const cleared: TransactionFilters = { chargePointId: '', state: '', idTag: '', from: '', to: '' };
            setDraft(cleared);
            onApply(cleared);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
