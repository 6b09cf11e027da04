import { useState } from 'react';

export interface PickerOption {
  id: string;
  /** Shown after the id (e.g. a site's name). */
  label?: string;
}

/**
 * Who follows the baseline: stations or sites, picked from those the console knows. One following another baseline
 * is marked (each follows one at most, docs/api.md "Configuration baselines"); picking it anyway gets the server's
 * 409, shown at that option. Chosen ids the console does not know stay listed, so nothing is dropped unseen.
 */
export function AssignmentPicker({
  legend,
  noun,
  errorPrefix,
  options,
  selected,
  ownerOf,
  errors,
  onChange,
}: {
  legend: string;
  /** "stations" / "sites", for the filter's name and the empty sentence. */
  noun: string;
  /** Errors are keyed `<errorPrefix>:<id>` (see baseline-form.ts). */
  errorPrefix: 'station' | 'site';
  options: PickerOption[];
  selected: string[];
  /** The baseline each id follows now (other baselines only). */
  ownerOf: Record<string, string>;
  errors: Record<string, string>;
  onChange: (ids: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const known = new Set(options.map((o) => o.id));
  const all: PickerOption[] = [...selected.filter((id) => !known.has(id)).map((id) => ({ id })), ...options];
  const wanted = filter.toLowerCase();
  const shown = wanted
    ? all.filter((o) => selected.includes(o.id) || o.id.toLowerCase().includes(wanted) || (o.label ?? '').toLowerCase().includes(wanted))
    : all;
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  const groupError = errors[`${errorPrefix}s`];
  return (
    <fieldset className="baseline-picker">
      <legend>
        {legend} ({selected.length} chosen)
      </legend>
      {all.length > 12 ? (
        <input
          className="baseline-picker-filter"
          aria-label={`Filter ${noun}`}
          placeholder={`Filter ${noun}`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      ) : null}
      {all.length === 0 ? <p className="muted">No {noun} known yet.</p> : null}
      <ul className="baseline-options">
        {shown.map((o) => {
          const error = errors[`${errorPrefix}:${o.id}`];
          const owner = ownerOf[o.id];
          const errorId = `baseline-${errorPrefix}-error-${o.id}`;
          return (
            <li key={o.id}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.includes(o.id)}
                  aria-invalid={Boolean(error)}
                  aria-describedby={error ? errorId : undefined}
                  onChange={(e) => toggle(o.id, e.target.checked)}
                />{' '}
                <span className="mono">{o.id}</span>
                {o.label && o.label !== o.id ? <span> ({o.label})</span> : null}
                {owner ? <span className="badge tone-warn"> follows {owner}</span> : null}
                {!known.has(o.id) ? <span className="muted"> (not known)</span> : null}
              </label>
              {error ? (
                <div id={errorId} className="field-error" role="alert">
                  {o.id}: {error}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {groupError ? (
        <div className="field-error" role="alert">
          {groupError}
        </div>
      ) : null}
    </fieldset>
  );
}
