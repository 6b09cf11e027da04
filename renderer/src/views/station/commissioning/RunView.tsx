import type { CommissioningRunDto } from '../../../../../shared/api/types.js';
import { ErrorBox } from '../../../components/Page.js';
import { Time } from '../../../components/Time.js';
import { useApi } from '../../../store/connection.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { CheckCard } from './CheckCard.js';
import { countByStatus, inRunOrder, RUN_STATUS_WORDS, statusTone } from './commissioning-model.js';
import { ReportActions } from './ReportActions.js';

/**
 * One run, live: refetched on each `commissioning.changed` event of this run (the server sends one as each check
 * starts and ends), so the technician watches the checks go from Pending to their result.
 */
export function RunView({
  chargePointId,
  runId,
  connected,
  busy,
  onStarted,
}: {
  chargePointId: string;
  runId: number;
  connected: boolean;
  busy: boolean;
  onStarted: (run: CommissioningRunDto) => void;
}) {
  const api = useApi();
  const run = useLiveQuery<CommissioningRunDto>(
    `station:${chargePointId}:commissioning-run:${runId}`,
    () => api.getCommissioningRun(chargePointId, runId),
    {
      events: (event) => event.type === 'commissioning.changed' && event.data.chargePointId === chargePointId && event.data.runId === runId,
      throttleMs: 250,
    },
  );
  const data = run.data;
  const changedCount = data?.changedSincePrevious ? Object.keys(data.changedSincePrevious).length : 0;

  return (
    <section className="panel commissioning-run" aria-labelledby="commissioning-run-title">
      <div className="row commissioning-run-head">
        <h2 id="commissioning-run-title">Run #{runId}</h2>
        {data ? (
          <span className={`badge tone-${statusTone(data.status)}`} aria-label="Run status">
            {RUN_STATUS_WORDS[data.status]}
          </span>
        ) : null}
      </div>
      <ErrorBox error={run.error} />
      {!data ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted" aria-label="Run facts">
            {data.template ? `Template ${data.template}` : `Checks chosen one by one`} · connector {data.connectorId} · test tag {data.testIdTag} ·
            run by {data.operator ?? 'not given'} · started <Time value={data.startedAt} />
            {data.finishedAt ? (
              <>
                {' '}
                · finished <Time value={data.finishedAt} />
              </>
            ) : null}
          </p>
          <p aria-label="Run summary">
            {countByStatus(data.checks)}.
            {data.previousRunId !== null
              ? ` Compared with run #${data.previousRunId}: ${changedCount === 0 ? 'no check changed' : changedCount === 1 ? '1 check changed' : `${changedCount} checks changed`}.`
              : data.status === 'running'
                ? ''
                : ' No earlier finished run of this station to compare with.'}
          </p>
          <ReportActions run={data} />
          <ol className="commissioning-checks" aria-label="Checks">
            {inRunOrder(data.checks).map((check) => (
              <CheckCard key={check.id} run={data} check={check} canRunAgain={connected && !busy} onStarted={onStarted} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
