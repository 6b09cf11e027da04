import { useState } from 'react';
import type { OcppProfile } from '../../../../../shared/ocpp/actions.js';
import { OPERATIONS, PROFILE_LABELS } from './catalog.js';

/** Every operation, searchable by action name, summary or feature profile; Enter on the search opens the first match. */
export function OperationPicker({ selected, onSelect }: { selected: string | null; onSelect: (action: string) => void }) {
  const [query, setQuery] = useState('');
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = OPERATIONS.filter((o) => {
    const text = `${o.action} ${o.summary} ${PROFILE_LABELS[o.profile]}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const groups = new Map<OcppProfile, typeof matches>();
  for (const o of matches) groups.set(o.profile, [...(groups.get(o.profile) ?? []), o]);

  return (
    <nav className="panel op-picker" aria-label="Operations">
      <h2>All operations</h2>
      <input
        type="search"
        aria-label="Search operations"
        placeholder="Search, e.g. firmware, reset, profile"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) {
            e.preventDefault();
            onSelect(matches[0].action);
          }
        }}
      />
      {matches.length === 0 ? <p className="muted">No operation matches “{query}”.</p> : null}
      {[...groups].map(([profile, operations]) => (
        <div key={profile} className="op-picker-group">
          <h3>{PROFILE_LABELS[profile]}</h3>
          <ul>
            {operations.map((o) => (
              <li key={o.action}>
                <button type="button" aria-pressed={selected === o.action} title={o.summary} onClick={() => onSelect(o.action)}>
                  {o.action}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
