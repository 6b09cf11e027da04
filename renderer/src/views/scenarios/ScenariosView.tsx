import { useRoute } from '../../app/router.js';
import { Page } from '../../components/Page.js';
import { ReplayForm } from './ReplayForm.js';
import { ReplayReport } from './ReplayReport.js';
import { ScenarioForm } from './ScenarioForm.js';
import { ScenarioRunReport } from './ScenarioRunReport.js';
import { SessionRuns, useSessionRuns } from './SessionRuns.js';
import './scenarios.css';

/**
 * Scenario files and replays of a station's message log, run from the console against this central system
 * (docs/scenarios.md). Routes: `#/scenarios/scenario/{runId}` and `#/scenarios/replay/{runId}` show a run's report
 * under the form that starts that kind; `#/scenarios/replay?chargePointId=CP-1` fills the replay with that
 * station's message log.
 */
export default function ScenariosView() {
  const route = useRoute();
  const [kind, runId = null] = route.params;
  const runs = useSessionRuns();
  const started = () => {
    runs.scenarios.refresh();
    runs.replays.refresh();
  };
  const fromLogOf = kind === 'replay' && !runId ? route.query.get('chargePointId') : null;
  return (
    <Page
      title="Scenarios & replay"
      subtitle="Drive simulated stations from a scenario file, or send a real station's recorded traffic again, and see what this central system answers"
    >
      <ScenarioForm onStarted={started} />
      {kind === 'scenario' && runId ? <ScenarioRunReport key={runId} runId={runId} /> : null}
      <ReplayForm onStarted={started} fromLogOf={fromLogOf} />
      {kind === 'replay' && runId ? <ReplayReport key={runId} runId={runId} /> : null}
      <SessionRuns queries={runs} selected={runId} />
    </Page>
  );
}
