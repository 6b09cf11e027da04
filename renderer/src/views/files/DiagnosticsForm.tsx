import { useState } from 'react';
import type { CallResponse } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { CallAnswer } from '../../components/CallAnswer.js';
import { Field } from '../../components/Field.js';
import { useApi } from '../../store/connection.js';
import { localInputToIso } from '../../components/local-datetime.js';
import { optionalCount } from './format.js';

type Kind = 'GetDiagnostics' | 'GetLog';

/**
 * Ask a station for its diagnostics (GetDiagnostics, §6.33) or a log (GetLog, security white paper) over a time
 * range. Without a location the central system gives the station its own upload URL on the built-in server.
 */
export function DiagnosticsForm({ chargePointId, defaultUpload }: { chargePointId: string; defaultUpload: string | undefined }) {
  const api = useApi();
  const [kind, setKind] = useState<Kind>('GetDiagnostics');
  const [logType, setLogType] = useState<'DiagnosticsLog' | 'SecurityLog'>('DiagnosticsLog');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [retries, setRetries] = useState('');
  const [retryInterval, setRetryInterval] = useState('');
  const [location, setLocation] = useState('');
  const [answer, setAnswer] = useState<CallResponse | null>(null);
  const fromIso = localInputToIso(from);
  const toIso = localInputToIso(to);
  const errors = {
    from: from && !fromIso ? 'Not a valid date and time.' : null,
    to: to && !toIso ? 'Not a valid date and time.' : fromIso && toIso && toIso <= fromIso ? 'Must be after the start.' : null,
    retries: Number.isNaN(optionalCount(retries) ?? 0) ? 'A whole number, 0 or more.' : null,
    retryInterval: Number.isNaN(optionalCount(retryInterval) ?? 0) ? 'Whole seconds, 0 or more.' : null,
    location:
      location.trim() && !/^(https?|ftps?):\/\/\S+$/i.test(location.trim()) ? 'A URL the station can upload to: http(s):// or ftp(s)://.' : null,
  };
  const invalid = Object.values(errors).some(Boolean);

  const send = useAsyncAction(async () => {
    setAnswer(null);
    const common = {
      ...(optionalCount(retries) !== undefined ? { retries: optionalCount(retries) } : {}),
      ...(optionalCount(retryInterval) !== undefined ? { retryInterval: optionalCount(retryInterval) } : {}),
    };
    const payload =
      kind === 'GetDiagnostics'
        ? {
            ...common,
            ...(location.trim() ? { location: location.trim() } : {}),
            ...(fromIso ? { startTime: fromIso } : {}),
            ...(toIso ? { stopTime: toIso } : {}),
          }
        : {
            ...common,
            logType,
            log: {
              ...(location.trim() ? { remoteLocation: location.trim() } : {}),
              ...(fromIso ? { oldestTimestamp: fromIso } : {}),
              ...(toIso ? { latestTimestamp: toIso } : {}),
            },
          };
    setAnswer(await api.call(chargePointId, kind, payload));
  });

  return (
    <div className="diagnostics-form">
      <div className="form-grid">
        <Field label="Request">
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="GetDiagnostics">GetDiagnostics</option>
              <option value="GetLog">GetLog (security extension)</option>
            </select>
          )}
        </Field>
        {kind === 'GetLog' ? (
          <Field label="Log type">
            {(p) => (
              <select {...p} value={logType} onChange={(e) => setLogType(e.target.value as typeof logType)}>
                <option value="DiagnosticsLog">DiagnosticsLog</option>
                <option value="SecurityLog">SecurityLog</option>
              </select>
            )}
          </Field>
        ) : null}
        <Field label="From" error={errors.from} hint="Optional, local time">
          {(p) => <input {...p} type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label="To" error={errors.to} hint="Optional, local time">
          {(p) => <input {...p} type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <Field label="Upload retries" error={errors.retries} hint="Optional">
          {(p) => <input {...p} inputMode="numeric" value={retries} onChange={(e) => setRetries(e.target.value)} />}
        </Field>
        <Field label="Upload retry interval (s)" error={errors.retryInterval} hint="Optional">
          {(p) => <input {...p} inputMode="numeric" value={retryInterval} onChange={(e) => setRetryInterval(e.target.value)} />}
        </Field>
        <Field
          label="Upload location (optional)"
          error={errors.location}
          hint={defaultUpload ? `Default: ${defaultUpload}` : 'Default: the built-in server'}
        >
          {(p) => <input {...p} value={location} placeholder="empty: the built-in server" onChange={(e) => setLocation(e.target.value)} />}
        </Field>
      </div>
      <button type="button" className="primary" disabled={invalid || send.pending || !chargePointId} onClick={send.run}>
        {send.pending ? 'Asking…' : kind === 'GetDiagnostics' ? 'Request diagnostics' : 'Request log'}
      </button>
      <CallAnswer response={answer} error={send.error} />
    </div>
  );
}
