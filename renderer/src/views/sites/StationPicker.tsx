import { useState } from 'react';
import { useStations } from '../../store/stations.js';

/**
 * The site's stations, picked from the known charge points. A station of another site is marked as such (a station
 * is behind one site only, docs/api.md "Sites"); picking it anyway gets the server's 409, shown at the station.
 * Stations of the site the console does not know (yet) stay listed, so nothing is dropped unseen.
 */
export function StationPicker({
  selected,
  ownerOf,
  errors,
  groupError,
  onChange,
}: {
  selected: string[];
  /** The site each station belongs to now (other sites only). */
  ownerOf: Record<string, string>;
  errors: Record<string, string>;
  groupError?: string;
  onChange: (stations: string[]) => void;
}) {
  const known = useStations((s) => s.ids);
  const [filter, setFilter] = useState('');
  const ids = [...selected.filter((id) => !known.includes(id)), ...known];
  const shown = filter ? ids.filter((id) => id.toLowerCase().includes(filter.toLowerCase()) || selected.includes(id)) : ids;
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <fieldset className="station-picker" aria-describedby={groupError ? 'site-stations-error' : undefined}>
      <legend>Stations ({selected.length} chosen)</legend>
      {ids.length > 12 ? (
        <input
          className="station-filter"
          aria-label="Filter stations"
          placeholder="Filter stations"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      ) : null}
      {ids.length === 0 ? <p className="muted">No station is known yet: stations appear here once they connect or are added.</p> : null}
      <ul className="station-options">
        {shown.map((id) => {
          const error = errors[`station:${id}`];
          const owner = ownerOf[id];
          return (
            <li key={id}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.includes(id)}
                  aria-invalid={Boolean(error)}
                  aria-describedby={error ? `station-error-${id}` : undefined}
                  onChange={(e) => toggle(id, e.target.checked)}
                />{' '}
                <span className="mono">{id}</span>
                {owner ? <span className="badge tone-warn"> in site {owner}</span> : null}
                {!known.includes(id) ? <span className="muted"> (not a known station)</span> : null}
              </label>
              {error ? (
                <div id={`station-error-${id}`} className="field-error" role="alert">
                  {id}: {error}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {groupError ? (
        <div id="site-stations-error" className="field-error" role="alert">
          {groupError}
        </div>
      ) : null}
    </fieldset>
  );
}
