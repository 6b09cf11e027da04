import { useState, type KeyboardEvent } from 'react';
import type { CallResponse, ConfigurationEntryDto } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { CallAnswer } from '../../../components/CallAnswer.js';
import type { KeyChange } from './snapshot-history.js';

/** ChangeConfiguration.req value is a CiString500 (OCPP 1.6 §6.9). */
export const CONFIG_VALUE_MAX = 500;
export const SECRET_KEY = /^AuthorizationKey$/i;

export interface KeyAnswer {
  response?: CallResponse;
  error?: string;
  sentValue: string;
}

function ChangeMark({ change }: { change: KeyChange }) {
  if (change.kind === 'none') return null;
  if (change.kind === 'added') return <span className="badge tone-info">new since previous snapshot</span>;
  const before = change.before === null ? 'no value' : `“${change.before}”`;
  return change.kind === 'changed' ? (
    <span className="badge tone-warn" title={`Previous GetConfiguration: ${before}`}>
      changed (was {before})
    </span>
  ) : (
    <span className="badge tone-active" title={`Last GetConfiguration: ${before}`}>
      edited (was {before})
    </span>
  );
}

/** One configuration key: its value, what changed, and an inline editor sending ChangeConfiguration (§5.4). */
export function ConfigRow({
  entry,
  change,
  answer,
  onSend,
}: {
  entry: ConfigurationEntryDto;
  change: KeyChange;
  answer: KeyAnswer | undefined;
  onSend: (key: string, value: string) => Promise<void>;
}) {
  const secret = SECRET_KEY.test(entry.key);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = `config-value-${entry.key}`;

  const start = () => {
    setValue(secret ? '' : (entry.value ?? ''));
    setProblem(null);
    setEditing(true);
  };
  const send = useAsyncAction(async () => {
    if (value.length > CONFIG_VALUE_MAX) return setProblem(`At most ${CONFIG_VALUE_MAX} characters (OCPP CiString500); now ${value.length}.`);
    if (secret && value.length === 0) return setProblem('Type the new key (it is never shown).');
    setProblem(null);
    await onSend(entry.key, value);
    setEditing(false);
  });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(false);
    }
  };

  return (
    <tr aria-label={entry.key} className={change.kind !== 'none' ? 'config-changed' : undefined}>
      <td className="mono">{entry.key}</td>
      <td className="config-value">
        {editing ? (
          <form className="row" onSubmit={send.submit} aria-label={`Change ${entry.key}`} noValidate>
            <label className="visually-hidden" htmlFor={inputId}>
              New value of {entry.key}
            </label>
            <input
              id={inputId}
              autoFocus
              type={secret ? 'password' : 'text'}
              autoComplete="off"
              value={value}
              aria-invalid={Boolean(problem)}
              aria-describedby={problem ? `${inputId}-error` : undefined}
              onChange={(e) => setValue(e.target.value)}
              onKeyDown={onKeyDown}
            />
            <button type="submit" className="primary" disabled={send.pending}>
              {send.pending ? 'Sending…' : 'Send'}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {problem ? (
              <div id={`${inputId}-error`} className="field-error" role="alert">
                {problem}
              </div>
            ) : null}
          </form>
        ) : secret ? (
          <span className="muted">hidden (secret, never shown)</span>
        ) : entry.value === undefined ? (
          <span className="muted">no value</span>
        ) : (
          <span className="mono">{entry.value}</span>
        )}
      </td>
      <td>
        <span className="row">
          {entry.readonly ? <span className="badge tone-muted">read-only</span> : null}
          {entry.rebootRequired ? <span className="badge tone-warn">reboot required</span> : null}
          <ChangeMark change={change} />
        </span>
      </td>
      <td>
        {entry.readonly || editing ? null : (
          <button type="button" onClick={start} aria-label={`Edit ${entry.key}`}>
            Edit
          </button>
        )}
      </td>
      <td className="config-answer">
        {answer ? (
          <div aria-label={`Answer for ${entry.key}`}>
            <span className="muted">sent {secret ? '(hidden)' : `“${answer.sentValue}”`}</span>
            <CallAnswer response={answer.response} error={answer.error} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}
