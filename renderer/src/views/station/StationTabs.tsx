import { useRef, type KeyboardEvent } from 'react';
import { href, navigate } from '../../app/router.js';

export const STATION_TABS = [
  { id: 'details', label: 'Details' },
  { id: 'operations', label: 'Operations' },
  { id: 'configuration', label: 'Configuration' },
  { id: 'commissioning', label: 'Commissioning' },
  { id: 'log', label: 'Message log' },
] as const;

export type StationTabId = (typeof STATION_TABS)[number]['id'];

export function tabOf(value: string | undefined): StationTabId {
  return STATION_TABS.find((t) => t.id === value)?.id ?? 'details';
}

/** Tabs in the address (`#/stations/<id>/<tab>`), so a tab can be linked to; arrow keys move between them (WAI-ARIA tabs). */
export function StationTabs({ chargePointId, current }: { chargePointId: string; current: StationTabId }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const go = (index: number) => {
    const tab = STATION_TABS[(index + STATION_TABS.length) % STATION_TABS.length]!;
    navigate(href('stations', chargePointId, tab.id));
    refs.current[STATION_TABS.indexOf(tab)]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    if (event.key === 'ArrowRight') go(index + 1);
    else if (event.key === 'ArrowLeft') go(index - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(STATION_TABS.length - 1);
    else return;
    event.preventDefault();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Station sections">
      {STATION_TABS.map((tab, index) => (
        <button
          key={tab.id}
          ref={(el) => {
            refs.current[index] = el;
          }}
          type="button"
          role="tab"
          id={`station-tab-${tab.id}`}
          aria-selected={tab.id === current}
          aria-controls={`station-panel-${tab.id}`}
          tabIndex={tab.id === current ? 0 : -1}
          onClick={() => navigate(href('stations', chargePointId, tab.id))}
          onKeyDown={(e) => onKeyDown(e, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
