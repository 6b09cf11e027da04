import { useState } from 'react';
import type { ChargePointDto, CommissioningRunDto, CommissioningTemplateDto, ListResponse } from '../../../../../shared/api/types.js';
import { ErrorBox } from '../../../components/Page.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { RunHistory } from './RunHistory.js';
import { RunView } from './RunView.js';
import { StartRunForm } from './StartRunForm.js';
import { TemplatesPanel } from './TemplatesPanel.js';
import './commissioning.css';

/**
 * A station's commissioning (docs/api.md "Commissioning"): start a run of checks, watch it live (each
 * `commissioning.changed` event refetches it), look back at earlier runs with their reports, and keep templates.
 */
export function CommissioningPanel({ station }: { station: ChargePointDto }) {
  const api = useApi();
  const id = station.id;
  const runs = useLiveQuery<ListResponse<CommissioningRunDto>>(`station:${id}:commissioning-runs`, () => api.listCommissioningRuns(id), {
    events: eventsOf(['commissioning.changed'], id),
    throttleMs: 300,
  });
  const templates = useLiveQuery<ListResponse<CommissioningTemplateDto>>('commissioning-templates', () => api.listCommissioningTemplates());
  // The run shown: the one chosen in the history, else the newest.
  const [chosenRunId, setChosenRunId] = useState<number | null>(null);
  const items = runs.data?.items ?? [];
  const shownRunId = chosenRunId ?? items[0]?.id ?? null;
  const running = items.find((r) => r.status === 'running') ?? null;

  return (
    <div className="commissioning">
      <StartRunForm
        station={station}
        templates={templates.data?.items ?? []}
        templatesError={templates.error}
        runningRunId={running?.id ?? null}
        onStarted={(run) => {
          setChosenRunId(run.id);
          runs.refresh();
        }}
      />
      <ErrorBox error={runs.error} />
      {shownRunId !== null ? (
        <RunView
          key={shownRunId}
          chargePointId={id}
          runId={shownRunId}
          connected={station.connected}
          busy={running !== null}
          onStarted={(run) => {
            setChosenRunId(run.id);
            runs.refresh();
          }}
        />
      ) : runs.data ? (
        <p className="muted">No commissioning run of this station yet.</p>
      ) : null}
      <RunHistory runs={runs.data} shownRunId={shownRunId} onShow={setChosenRunId} />
      <TemplatesPanel templates={templates.data?.items} error={templates.error} onChanged={templates.refresh} />
    </div>
  );
}
