import { useState } from 'react';
import type { ListResponse, SimulatorDto } from '../../../../shared/api/types.js';
import { Empty, ErrorBox, Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { SimulatorCard } from './SimulatorCard.js';
import { StartSimulatorsForm } from './StartSimulatorsForm.js';
import { TestTagOffer } from './TestTagOffer.js';
import './simulator.css';

/** What a simulated station says reaches the central system as these events: each one makes the list stale. */
const SIMULATOR_EVENTS = eventsOf([
  'chargePoint.connected',
  'chargePoint.disconnected',
  'chargePoint.booted',
  'connector.status',
  'transaction.started',
  'transaction.stopped',
  'transaction.meter',
]);
/** Cards drawn at once; a filter finds the others (a thousand simulated stations stay quick). */
const SHOWN = 50;

export default function SimulatorView() {
  const api = useApi();
  const sims = useLiveQuery<ListResponse<SimulatorDto>>('simulators', () => api.listSimulators(), {
    events: SIMULATOR_EVENTS,
    throttleMs: 1000,
    pollMs: 5000,
  });
  const [filter, setFilter] = useState('');
  /** A test tag just created here: it fills the stations' empty id tag fields. */
  const [suggestedIdTag, setSuggestedIdTag] = useState('');
  const items = sims.data?.items ?? [];
  const matching = filter ? items.filter((s) => s.id.toLowerCase().includes(filter.toLowerCase())) : items;
  const online = items.filter((s) => s.connected).length;
  const charging = items.reduce((n, s) => n + s.connectors.filter((c) => c.transactionId !== null).length, 0);
  const totalKw = items.reduce((sum, s) => sum + s.connectors.reduce((x, c) => x + c.powerW, 0), 0) / 1000;
  return (
    <Page
      title="Simulated stations"
      subtitle="Charge points simulated by this central system, over real OCPP-J sockets: try every feature without hardware"
    >
      <StartSimulatorsForm onStarted={sims.refresh} />
      <TestTagOffer onCreated={setSuggestedIdTag} />
      <ErrorBox error={sims.error} />
      {sims.loading && !sims.data ? <p className="muted">Loading…</p> : null}
      {sims.data && items.length === 0 ? <Empty>No simulated station runs. Start some above.</Empty> : null}
      {items.length ? (
        <>
          <div className="row sim-summary" role="status" aria-label="Simulator summary">
            <strong>{items.length}</strong> simulated · <strong>{online}</strong> online · <strong>{charging}</strong> charging ·{' '}
            <strong>{totalKw.toFixed(1)} kW</strong>
            <label className="row">
              Filter{' '}
              <input
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                placeholder="id"
                aria-label="Filter simulated stations"
              />
            </label>
            {matching.length > SHOWN ? (
              <span className="muted">
                showing {SHOWN} of {matching.length}: filter to find others
              </span>
            ) : null}
          </div>
          {matching.slice(0, SHOWN).map((s) => (
            <SimulatorCard key={s.id} sim={s} onChanged={sims.refresh} suggestedIdTag={suggestedIdTag} />
          ))}
        </>
      ) : null}
    </Page>
  );
}
