import type { ReplayRunSummary, ScenarioRunSummary, SimulationRunStatus } from '../../../../shared/api/scenario.js';
import type { ListResponse } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { plural } from '../../components/Collapsible.js';
import { ListTable } from '../../components/ListTable.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { useLiveCache, useLiveQuery, type LiveQuery } from '../../store/live-query.js';
import { RunStatusBadge, STATUS_WORDS } from './use-run.js';

interface RunRow {
  kind: 'scenario' | 'replay';
  runId: string;
  what: string;
  status: SimulationRunStatus;
  startedAt: string;
  progress: string;
  outcome: string;
}

function scenarioRow(r: ScenarioRunSummary): RunRow {
  return {
    kind: 'scenario',
    runId: r.runId,
    what: r.name,
    status: r.status,
    startedAt: r.startedAt,
    progress: `${r.stepsDone} of ${r.stepsTotal} steps`,
    outcome: r.expectationsTotal === null ? '' : `${r.expectationsPassed} of ${r.expectationsTotal} expectations passed`,
  };
}

function replayRow(r: ReplayRunSummary): RunRow {
  return {
    kind: 'replay',
    runId: r.runId,
    what: `replay as ${r.station}`,
    status: r.status,
    startedAt: r.startedAt,
    progress: `${r.exchangesDone} of ${r.exchangesTotal} CALLs`,
    outcome: r.differences === null ? '' : r.differences === 0 ? 'answers as recorded' : plural(r.differences, 'difference'),
  };
}

export interface SessionRunQueries {
  scenarios: LiveQuery<ListResponse<ScenarioRunSummary>>;
  replays: LiveQuery<ListResponse<ReplayRunSummary>>;
}

/** The kept runs of both kinds, re-read every 2 s while one of them runs (the server sends no event for runs). */
export function useSessionRuns(): SessionRunQueries {
  const api = useApi();
  const anyRunning = useLiveCache((s) =>
    ['scenario-runs', 'replay-runs'].some((key) =>
      ((s.entries[key]?.data as { items: { status: SimulationRunStatus }[] } | undefined)?.items ?? []).some((r) => r.status === 'running'),
    ),
  );
  const poll = anyRunning ? { pollMs: 2000 } : {};
  return {
    scenarios: useLiveQuery<ListResponse<ScenarioRunSummary>>('scenario-runs', () => api.listScenarioRuns(), poll),
    replays: useLiveQuery<ListResponse<ReplayRunSummary>>('replay-runs', () => api.listReplays(), poll),
  };
}

/**
 * The scenario runs and replays the central system keeps (since it started, the latest 50 of each kind), newest
 * first, each a link back to its report.
 */
export function SessionRuns({ queries, selected }: { queries: SessionRunQueries; selected: string | null }) {
  const rows =
    queries.scenarios.data && queries.replays.data
      ? [...queries.scenarios.data.items.map(scenarioRow), ...queries.replays.data.items.map(replayRow)].sort((a, b) =>
          b.startedAt.localeCompare(a.startedAt),
        )
      : undefined;
  return (
    <section className="panel" aria-labelledby="session-runs-title">
      <h2 id="session-runs-title">Runs</h2>
      <p className="muted">Started since the central system started (it keeps the latest 50 of each kind in memory).</p>
      <ListTable
        rows={rows}
        loading={queries.scenarios.loading || queries.replays.loading}
        error={queries.scenarios.error ?? queries.replays.error}
        tableLabel="Runs"
        scrollLabel="Runs, scrollable"
        empty="No scenario run or replay yet."
        rowKey={(r) => r.runId}
        columns={[
          {
            header: 'Run',
            cell: (r) => (
              <a href={href('scenarios', r.kind, r.runId)} aria-current={r.runId === selected ? 'true' : undefined}>
                {r.kind === 'scenario' ? `Scenario “${r.what}”` : r.what}
              </a>
            ),
          },
          {
            header: 'Status',
            cell: (r) => (
              <RunStatusBadge
                status={r.status}
                words={r.kind === 'replay' ? { ...STATUS_WORDS, passed: 'Identical', failed: 'Different' } : STATUS_WORDS}
              />
            ),
          },
          { header: 'Started', cell: (r) => <Time value={r.startedAt} /> },
          { header: 'Progress', cell: (r) => r.progress },
          { header: 'Outcome', cell: (r) => r.outcome },
        ]}
      />
    </section>
  );
}
