import type { ScenarioExpectationResult, ScenarioFieldCheck, ScenarioRunDto } from '../../../../shared/api/scenario.js';
import { ListTable } from '../../components/ListTable.js';
import { ErrorBox } from '../../components/Page.js';
import { formatDuration, Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { FramesView } from './FramesView.js';
import { Progress, RunStatusBadge, useRun } from './use-run.js';

/** A JSON value as the file would say it; an absent one in words. */
function jsonWords(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

function FieldChecks({ checks }: { checks: ScenarioFieldCheck[] }) {
  return (
    <table className="scenario-field-checks" aria-label="Expected and actual">
      <thead>
        <tr>
          <th>Field</th>
          <th>Expected</th>
          <th>Actual</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => (
          <tr key={c.path} className={c.ok ? undefined : 'scenario-mismatch'}>
            <td>
              <code>{c.path}</code>
            </td>
            <td>
              <code>{jsonWords(c.expected)}</code>
            </td>
            <td>
              <code>{jsonWords(c.actual)}</code> {c.ok ? null : <span className="badge tone-bad">differs</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ExpectationOutcome({ e }: { e: ScenarioExpectationResult }) {
  return (
    <>
      <div>{e.message}</div>
      {e.fields ? <FieldChecks checks={e.fields} /> : null}
      {e.evidence.length ? <FramesView summary={`Frames (${e.evidence.length})`} frames={e.evidence} /> : null}
    </>
  );
}

/** One scenario run, live while it runs: its steps as they end, then each expectation and the verdict. */
export function ScenarioRunReport({ runId }: { runId: string }) {
  const api = useApi();
  const query = useRun<ScenarioRunDto>(`scenario-run:${runId}`, () => api.getScenarioRun(runId));
  const run = query.data;
  if (!run) return query.error ? <ErrorBox error={query.error} /> : <p className="muted">Loading…</p>;
  const result = run.result;
  const failedExpectations = result ? result.expectations.filter((e) => !e.passed).length : 0;
  const endMs = run.finishedAt ? Date.parse(run.finishedAt) : null;
  return (
    <section className="panel" aria-labelledby="scenario-report-title">
      <h2 id="scenario-report-title">Scenario “{run.name}”</h2>
      <div className="row" role="status" aria-label="Scenario result">
        <RunStatusBadge status={run.status} />
        <span>
          {run.stepsDone} of {run.stepsTotal} steps
          {result ? `, ${result.expectations.length - failedExpectations} of ${result.expectations.length} expectations passed` : ''}
        </span>
        <span className="muted">
          started <Time value={run.startedAt} />
          {endMs !== null ? `, took ${formatDuration(endMs - Date.parse(run.startedAt))}` : ''}
        </span>
      </div>
      {run.status === 'running' ? <Progress label="Scenario progress" done={run.stepsDone} total={run.stepsTotal} /> : null}
      <ErrorBox error={query.error} />
      {result?.error ? <ErrorBox error={`The run stopped: ${result.error}`} /> : null}

      <h3>Steps</h3>
      <ListTable
        rows={run.steps}
        tableLabel="Scenario steps"
        scrollLabel="Scenario steps, scrollable"
        empty={run.status === 'running' ? 'The first step is running…' : 'No step ran.'}
        rowKey={(s) => s.index}
        columns={[
          { header: '#', className: 'num', cell: (s) => s.index },
          { header: 'Step', cell: (s) => (s.label ? `${s.do} “${s.label}”` : s.do) },
          { header: 'Station', cell: (s) => s.station },
          { header: 'Result', cell: (s) => <span className={`badge tone-${s.ok ? 'ok' : 'bad'}`}>{s.ok ? 'ok' : 'failed'}</span> },
          { header: 'What happened', cell: (s) => s.message },
        ]}
      />

      {result && result.expectations.length ? (
        <>
          <h3>Expectations</h3>
          <ListTable
            rows={result.expectations}
            tableLabel="Scenario expectations"
            scrollLabel="Scenario expectations, scrollable"
            empty="None."
            rowKey={(e) => e.index}
            rowLabel={(e) => `Expectation ${e.index}`}
            columns={[
              { header: '#', className: 'num', cell: (e) => e.index },
              { header: 'Expected', cell: (e) => e.description },
              {
                header: 'Result',
                cell: (e) => <span className={`badge tone-${e.passed ? 'ok' : 'bad'}`}>{e.passed ? 'passed' : 'failed'}</span>,
              },
              { header: 'Actual', cell: (e) => <ExpectationOutcome e={e} /> },
            ]}
          />
        </>
      ) : result ? (
        <p className="muted">This scenario has no expectations: it passes when every step could be done.</p>
      ) : null}

      {result?.notes.length ? (
        <>
          <h3>Notes</h3>
          <ul aria-label="Run notes">
            {result.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
