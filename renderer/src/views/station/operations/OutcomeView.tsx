import { CallAnswer } from '../../../components/CallAnswer.js';
import type { OperationOutcome } from './history-store.js';
import { RemoteStartFollowUp } from './RemoteStartFollowUp.js';

/** The station's answer (<CallAnswer>), or why none came, with the API's schema issues listed. */
export function OutcomeView({ outcome, pending }: { outcome: OperationOutcome | null | undefined; pending?: boolean }) {
  if (pending) {
    return (
      <div className="call-answer tone-info" role="status" aria-label="Answer">
        Waiting for the station's answer…
      </div>
    );
  }
  if (!outcome) return null;
  if (outcome.failure) {
    return (
      <div className="call-answer tone-bad" role="status" aria-label="Answer">
        {/* Refused before sending: a payload that breaks the schema, or a call the station may not take now (OCPP 1.6 §4.2). */}
        <strong>
          {outcome.code === 'API_ERR_VALIDATION' || outcome.code === 'API_ERR_NOT_ALLOWED' ? 'Refused by the central system:' : 'Failed:'}
        </strong>{' '}
        {outcome.failure}
        {outcome.issues?.length ? (
          <ul className="op-issues" aria-label="Violations">
            {outcome.issues.map((issue, i) => (
              <li key={i}>
                <code>{issue.path || '(payload)'}</code> {issue.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <>
      <CallAnswer response={outcome.response} />
      {outcome.remoteStart ? <RemoteStartFollowUp watch={outcome.remoteStart} /> : null}
    </>
  );
}
