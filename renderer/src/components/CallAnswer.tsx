import type { CallResponse } from '../../../shared/api/types.js';
import { JsonView } from './JsonView.js';

/**
 * The station's answer to an operation, as it came: its CALLRESULT (with any schema violations we noticed) or its
 * CALLERROR. `status` in a result is shown first because it is what the operator looks for.
 */
export function CallAnswer({ response, error }: { response?: CallResponse | null; error?: string | null }) {
  if (error) {
    return (
      <div className="call-answer tone-bad" role="status" aria-label="Answer">
        <strong>Failed:</strong> {error}
      </div>
    );
  }
  if (!response) return null;
  if ('error' in response) {
    return (
      <div className="call-answer tone-bad" role="status" aria-label="Answer">
        <strong>CALLERROR {response.error.code}</strong> {response.error.description}
        {Object.keys(response.error.details ?? {}).length ? <JsonView value={response.error.details} /> : null}
      </div>
    );
  }
  const status = typeof response.result.status === 'string' ? response.result.status : null;
  return (
    <div
      className={`call-answer ${status === 'Accepted' || status === 'Unlocked' ? 'tone-ok' : status ? 'tone-warn' : 'tone-ok'}`}
      role="status"
      aria-label="Answer"
    >
      <strong>{status ?? 'Answered'}</strong>
      <JsonView value={response.result} label="Answer payload" />
      {response.violations.length ? (
        <div className="field-error">The answer breaks the schema: {response.violations.map((v) => `${v.path} ${v.message}`).join('; ')}</div>
      ) : null}
    </div>
  );
}
