import type { CommissioningCheckResult, CommissioningRunDto } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { JsonView } from '../../../components/JsonView.js';
import { Time } from '../../../components/Time.js';
import { useApi } from '../../../store/connection.js';
import { CHECK_LABELS, CHECK_STATUS_WORDS, changeNote, formatValue, rerunChecks, statusTone } from './commissioning-model.js';

/**
 * One check of a run: its status, the sentence that says what was found (or what the technician must do), the values
 * it read and its evidence, every call with the request and the answer (docs/api.md "Commissioning").
 */
export function CheckCard({
  run,
  check,
  canRunAgain,
  onStarted,
}: {
  run: CommissioningRunDto;
  check: CommissioningCheckResult;
  canRunAgain: boolean;
  onStarted: (run: CommissioningRunDto) => void;
}) {
  const api = useApi();
  const change = changeNote(run, check.id);
  const needsTechnician = check.status === 'needs-technician';
  const again = rerunChecks(run, check.id);
  const runAgain = useAsyncAction(async () => {
    onStarted(
      await api.startCommissioningRun(run.chargePointId, {
        checks: again,
        connectorId: run.connectorId,
        testIdTag: run.testIdTag,
        ...(run.operator ? { operator: run.operator } : {}),
      }),
    );
  });
  const titleId = `commissioning-check-${check.id}`;
  const valueKeys = Object.keys(check.values);

  return (
    <li className={`commissioning-check status-${check.status}${change ? ' changed' : ''}`} aria-labelledby={titleId}>
      <div className="row commissioning-check-head">
        <span className={`badge tone-${statusTone(check.status)}`}>{CHECK_STATUS_WORDS[check.status]}</span>
        <h3 id={titleId}>{check.title || CHECK_LABELS[check.id]}</h3>
        {check.finishedAt ? (
          <span className="muted">
            <Time value={check.finishedAt} />
          </span>
        ) : null}
      </div>
      {check.summary ? (
        needsTechnician ? (
          <p className="commissioning-instruction" role="note" aria-label="Instruction">
            {check.summary}
          </p>
        ) : (
          <p>{check.summary}</p>
        )
      ) : null}
      {change ? <p className="commissioning-change">{change}</p> : null}
      {needsTechnician ? (
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={!canRunAgain || runAgain.pending}
            onClick={runAgain.run}
            aria-label={`Run again: ${check.title}`}
          >
            {runAgain.pending ? 'Starting…' : 'Run again'}
          </button>
          <span className="muted">
            {canRunAgain
              ? `A new run of ${again.map((id) => CHECK_LABELS[id]).join(', ')}, same connector and test tag.`
              : 'Needs the station connected and no other run going.'}
          </span>
        </div>
      ) : null}
      {runAgain.error ? (
        <div className="error-box" role="alert">
          Not started: {runAgain.error}
        </div>
      ) : null}
      {valueKeys.length ? (
        <dl className="commissioning-values" aria-label={`Values of ${check.title}`}>
          {valueKeys.map((key) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{formatValue(check.values[key])}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {check.exchanges.length ? (
        <details className="commissioning-evidence">
          <summary>
            Evidence: {check.exchanges.length} {check.exchanges.length === 1 ? 'call' : 'calls'} ({check.exchanges.map((x) => x.action).join(', ')})
          </summary>
          <ol aria-label={`Evidence of ${check.title}`}>
            {check.exchanges.map((x, i) => (
              <li key={i}>
                <p>
                  <strong>{x.action}</strong> at <Time value={x.at} />
                  {x.error ? <span className="field-error"> · {x.error}</span> : null}
                </p>
                <JsonView value={x.request} label={`${x.action} request`} />
                {x.response ? <JsonView value={x.response} label={`${x.action} answer`} /> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}
