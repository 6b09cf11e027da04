import type { ReplayDifference, ReplayRunDto } from '../../../../shared/api/scenario.js';
import { ListTable } from '../../components/ListTable.js';
import { ErrorBox } from '../../components/Page.js';
import { formatDuration, Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { outcomeOf, type ExchangeOutcome } from './replay-outcome.js';
import { Progress, RunStatusBadge, useRun } from './use-run.js';

const REPLAY_WORDS = { running: 'Running', passed: 'Identical', failed: 'Different' } as const;

const OUTCOME_TONES: Record<ExchangeOutcome, string> = { same: 'ok', different: 'bad', unanswered: 'warn' };

function valueWords(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

function Differences({ items }: { items: readonly ReplayDifference[] }) {
  if (!items.length) return <span className="muted">none</span>;
  return (
    <ul className="replay-differences" aria-label="Differences">
      {items.map((d, i) => (
        <li key={i}>
          <code>{d.path || '(frame)'}</code>: recorded <code>{valueWords(d.original)}</code>, now <code>{valueWords(d.replayed)}</code>
          <div className="muted">{d.message}</div>
        </li>
      ))}
    </ul>
  );
}

function Frame({ text, label }: { text: string | null; label: string }) {
  if (text === null) return <span className="muted">no answer</span>;
  return (
    <code className="replay-frame" aria-label={label}>
      {text}
    </code>
  );
}

/** One replay, live while it runs; then each frame the station sent with the recorded and the new answer. */
export function ReplayReport({ runId }: { runId: string }) {
  const api = useApi();
  const query = useRun<ReplayRunDto>(`replay-run:${runId}`, () => api.getReplay(runId));
  const run = query.data;
  if (!run) return query.error ? <ErrorBox error={query.error} /> : <p className="muted">Loading…</p>;
  const result = run.result;
  const counts = { same: 0, different: 0, unanswered: 0 };
  for (const x of result?.exchanges ?? []) counts[outcomeOf(x)]++;
  const csmsDifferences = result?.differences.filter((d) => d.exchange === null) ?? [];
  const endMs = run.finishedAt ? Date.parse(run.finishedAt) : null;
  const mapped = Object.entries(result?.transactionIds ?? {});
  return (
    <section className="panel" aria-labelledby="replay-report-title">
      <h2 id="replay-report-title">Replay as {run.station}</h2>
      <div className="row" role="status" aria-label="Replay result">
        <RunStatusBadge status={run.status} words={REPLAY_WORDS} />
        <span>
          {run.exchangesDone} of {run.exchangesTotal} CALLs replayed
        </span>
        {result ? (
          <span aria-label="Replay counts">
            <strong>{counts.same}</strong> same · <strong>{counts.different}</strong> different · <strong>{counts.unanswered}</strong> unanswered
            {csmsDifferences.length ? ` · ${csmsDifferences.length} in the central system's CALLs` : ''}
          </span>
        ) : null}
        <span className="muted">
          started <Time value={run.startedAt} />
          {endMs !== null ? `, took ${formatDuration(endMs - Date.parse(run.startedAt))}` : ''}
          {result ? `, speed ${result.speed === 'max' ? 'as fast as possible' : `${result.speed}×`}` : ''}
        </span>
      </div>
      {run.status === 'running' ? <Progress label="Replay progress" done={run.exchangesDone} total={run.exchangesTotal} /> : null}
      <ErrorBox error={query.error} />
      {result?.error ? <ErrorBox error={`The replay stopped: ${result.error}`} /> : null}

      {result ? (
        <>
          <h3>Frames the station sent</h3>
          <ListTable
            rows={result.exchanges}
            tableLabel="Replayed frames"
            scrollLabel="Replayed frames, scrollable"
            empty="The export holds no CALL of the station."
            rowKey={(x) => x.index}
            rowLabel={(x) => `Frame ${x.index} ${x.action}`}
            className="replay-table"
            columns={[
              { header: '#', className: 'num', cell: (x) => x.index },
              { header: 'Action', cell: (x) => x.action },
              {
                header: 'Result',
                cell: (x) => <span className={`badge tone-${OUTCOME_TONES[outcomeOf(x)]}`}>{outcomeOf(x)}</span>,
              },
              { header: 'Sent', cell: (x) => <Frame text={x.sent} label="Sent frame" /> },
              { header: 'Recorded answer', cell: (x) => <Frame text={x.originalAnswer} label="Recorded answer" /> },
              { header: "This central system's answer", cell: (x) => <Frame text={x.replayedAnswer} label="Answer on replay" /> },
              { header: 'Differences', cell: (x) => <Differences items={x.differences} /> },
            ]}
          />
          <h3>The central system&apos;s CALLs</h3>
          <p>
            Recorded: {result.csmsCalls.original.join(', ') || 'none'}. On replay: {result.csmsCalls.replayed.join(', ') || 'none'}.
          </p>
          {csmsDifferences.length ? <Differences items={csmsDifferences} /> : null}
          {mapped.length ? (
            <p className="muted">Transaction ids (recorded → new, not a difference): {mapped.map(([from, to]) => `${from} → ${to}`).join(', ')}</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
