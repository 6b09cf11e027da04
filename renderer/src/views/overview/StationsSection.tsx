import { useDeferredValue, useMemo, useState } from 'react';
import type { ChargePointDto } from '../../../../shared/api/types.js';
import { CollapsibleSection, plural } from '../../components/Collapsible.js';
import { Empty } from '../../components/Page.js';
import { useViewPref } from '../../store/view-prefs.js';
import { countByState, sortStations, STATE_LABEL, STATE_ORDER, stationState, type StationSort, type StationState } from './station-order.js';
import { StationGrid } from './StationGrid.js';

type StateFilter = StationState | 'all' | 'attention';

const ATTENTION: ReadonlySet<StationState> = new Set(['faulted', 'offline', 'pending']);

function matchesState(cp: ChargePointDto, filter: StateFilter): boolean {
  if (filter === 'all') return true;
  const state = stationState(cp);
  return filter === 'attention' ? ATTENTION.has(state) : state === filter;
}

/**
 * Every station as a live tile, in the order an operator works (faulted, charging, offline first) or by identity,
 * filtered by state or text, as full tiles or a compact grid for a large depot. Choices are remembered.
 */
export function StationsSection({ stations, loaded, staleMs }: { stations: ChargePointDto[]; loaded: boolean; staleMs: number }) {
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text.trim().toLowerCase());
  const [stateFilter, setStateFilter] = useViewPref<StateFilter>('overview-stations.state', 'all');
  const [sort, setSort] = useViewPref<StationSort>('overview-stations.sort', 'state');
  const [compact, setCompact] = useViewPref<boolean>('overview-stations.compact', false);

  const counts = useMemo(() => countByState(stations), [stations]);
  const attention = counts.faulted + counts.offline + counts.pending;
  const shown = useMemo(() => {
    const matching = stations.filter(
      (s) =>
        matchesState(s, stateFilter) &&
        (!deferredText || s.id.toLowerCase().includes(deferredText) || s.description.toLowerCase().includes(deferredText)),
    );
    return sortStations(matching, sort);
  }, [stations, stateFilter, deferredText, sort]);

  const tools = (
    <>
      <label className="row overview-tool">
        <span>Show</span>
        <select value={stateFilter} onChange={(e) => setStateFilter(e.target.value as StateFilter)}>
          <option value="all">All ({stations.length})</option>
          <option value="attention">Needs attention ({attention})</option>
          {STATE_ORDER.map((state) => (
            <option key={state} value={state}>
              {STATE_LABEL[state]} ({counts[state]})
            </option>
          ))}
        </select>
      </label>
      <label className="row overview-tool">
        <span>Sort</span>
        <select value={sort} onChange={(e) => setSort(e.target.value as StationSort)}>
          <option value="state">Faulted, charging, offline first</option>
          <option value="id">By identity</option>
        </select>
      </label>
      <label className="row overview-tool">
        <span>Filter</span>
        <input type="search" value={text} placeholder="id or description" onChange={(e) => setText(e.target.value)} aria-label="Filter stations" />
      </label>
      <label className="row overview-tool">
        <input type="checkbox" checked={compact} onChange={(e) => setCompact(e.target.checked)} />
        <span>Compact tiles</span>
      </label>
    </>
  );

  return (
    <CollapsibleSection
      id="overview-stations"
      title={
        <>
          Stations{' '}
          <span className="count tone-neutral">{shown.length === stations.length ? stations.length : `${shown.length} of ${stations.length}`}</span>
        </>
      }
      tools={tools}
    >
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : stations.length === 0 ? (
        <Empty>No station yet. Give a charger the OCPP URL (see Connection doctor) or start a simulated station.</Empty>
      ) : shown.length === 0 ? (
        <Empty>
          No station{' '}
          {stateFilter === 'all' ? '' : `is ${stateFilter === 'attention' ? 'in need of attention' : STATE_LABEL[stateFilter].toLowerCase()} `}
          {deferredText ? `matching “${text}”` : ''} ({plural(stations.length, 'station')} in all).
        </Empty>
      ) : (
        <StationGrid stations={shown} staleMs={staleMs} compact={compact} />
      )}
    </CollapsibleSection>
  );
}
