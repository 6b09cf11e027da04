import { useState } from 'react';
import type { CallResponse } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { errorMessage } from '../../../components/error-message.js';
import { CallAnswer } from '../../../components/CallAnswer.js';
import { Field } from '../../../components/Field.js';
import { useApi } from '../../../store/connection.js';
import { CONFIG_VALUE_MAX, SECRET_KEY } from './ConfigRow.js';

/** ChangeConfiguration.req key is a CiString50 (OCPP 1.6 §6.9). */
const CONFIG_KEY_MAX = 50;

/** ChangeConfiguration of any key, also one the snapshot does not list (vendor keys, or no snapshot yet). */
export function ChangeOtherKey({ chargePointId, disabled, onSent }: { chargePointId: string; disabled: boolean; onSent: () => void }) {
  const api = useApi();
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [problems, setProblems] = useState<{ key?: string; value?: string }>({});
  const [answer, setAnswer] = useState<{ response?: CallResponse; error?: string } | null>(null);

  const change = useAsyncAction(async () => {
    const found: { key?: string; value?: string } = {};
    if (!key.trim()) found.key = 'Give the key to change.';
    else if (key.length > CONFIG_KEY_MAX) found.key = `At most ${CONFIG_KEY_MAX} characters (OCPP CiString50).`;
    if (value.length > CONFIG_VALUE_MAX) found.value = `At most ${CONFIG_VALUE_MAX} characters (OCPP CiString500).`;
    setProblems(found);
    if (Object.keys(found).length) return;
    setAnswer(null);
    try {
      setAnswer({ response: await api.call(chargePointId, 'ChangeConfiguration', { key: key.trim(), value }) });
      onSent();
    } catch (err) {
      setAnswer({ error: errorMessage(err) });
    }
  });

  return (
    <details className="config-other">
      <summary>Change another key</summary>
      <form className="form-grid" onSubmit={change.submit} aria-label="Change another key" noValidate>
        <Field label="Key" error={problems.key}>
          {(props) => <input {...props} value={key} onChange={(e) => setKey(e.target.value)} />}
        </Field>
        <Field label="Value" error={problems.value}>
          {(props) => (
            <input
              {...props}
              type={SECRET_KEY.test(key.trim()) ? 'password' : 'text'}
              autoComplete="off"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
        <div className="row">
          <button type="submit" className="primary" disabled={change.pending || disabled}>
            {change.pending ? 'Sending…' : 'Send ChangeConfiguration'}
          </button>
        </div>
      </form>
      {answer ? <CallAnswer response={answer.response} error={answer.error} /> : null}
    </details>
  );
}
