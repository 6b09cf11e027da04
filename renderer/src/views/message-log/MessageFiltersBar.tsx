import { useEffect, useState } from 'react';
import { Field } from '../../components/Field.js';
import { useStations } from '../../store/stations.js';
import { OCPP_ACTION_NAMES, type MessageFilters } from './message-filters.js';

const TEXT_DEBOUNCE_MS = 350;

/** The filter row: station, action, direction, errors only, and a text search in the frames (debounced). */
export function MessageFiltersBar({ value, onChange }: { value: MessageFilters; onChange: (next: MessageFilters) => void }) {
  const stationIds = useStations((s) => s.ids);
  const [text, setText] = useState(value.text);
  const [action, setAction] = useState(value.action);

  // Typing must not fire a request per key: the text and action go out once the user pauses.
  useEffect(() => {
    if (text === value.text && action === value.action) return;
    const timer = setTimeout(() => onChange({ ...value, text, action }), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, action, value, onChange]);

  return (
    <form
      className="message-filters form-grid"
      role="search"
      aria-label="Message filters"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...value, text, action });
      }}
    >
      <Field label="Station">
        {(p) => (
          <select {...p} value={value.chargePointId} onChange={(e) => onChange({ ...value, chargePointId: e.target.value })}>
            <option value="">All stations</option>
            {value.chargePointId && !stationIds.includes(value.chargePointId) ? (
              <option value={value.chargePointId}>{value.chargePointId}</option>
            ) : null}
            {stationIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Action" hint="Exact OCPP action name">
        {(p) => (
          <>
            <input {...p} list="message-log-actions" value={action} placeholder="Any action" onChange={(e) => setAction(e.target.value)} />
            <datalist id="message-log-actions">
              {OCPP_ACTION_NAMES.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Direction">
        {(p) => (
          <select {...p} value={value.direction} onChange={(e) => onChange({ ...value, direction: e.target.value as MessageFilters['direction'] })}>
            <option value="">Both</option>
            <option value="in">In (station → central system)</option>
            <option value="out">Out (central system → station)</option>
          </select>
        )}
      </Field>
      <Field label="Search frames" hint="Any text in the frame: idTag, message id, value">
        {(p) => <input {...p} type="search" value={text} placeholder="e.g. TAG-42" onChange={(e) => setText(e.target.value)} />}
      </Field>
      <label className="errors-only">
        <input type="checkbox" checked={value.errorsOnly} onChange={(e) => onChange({ ...value, errorsOnly: e.target.checked })} /> Errors only
      </label>
    </form>
  );
}
