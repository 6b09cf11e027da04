import { useState, type FormEvent } from 'react';
import { Field } from '../components/Field.js';
import { useConnection } from '../store/connection.js';

/** Shown in a browser without a valid token: where to find it, and a field to paste it. */
export function TokenPrompt() {
  const signIn = useConnection((s) => s.signIn);
  const [token, setToken] = useState('');
  const [checking, setChecking] = useState(false);
  const tokenRefused = useConnection((s) => s.tokenRefused);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\S{8,}$/.test(token.trim())) {
      setError('Paste the whole token: the server prints it at start ("Console: http://…/#token=…").');
      return;
    }
    setError(null);
    setChecking(true);
    void signIn(token.trim()).finally(() => setChecking(false));
  };
  return (
    <main className="token-prompt">
      <form onSubmit={submit} aria-label="Sign in">
        <h1>OCPP Operator Console</h1>
        <p>
          This console needs the operator API token. Open the <em>Console</em> URL the server printed at start (it carries the token), or paste the
          token here. It is also in Settings of a console that is already signed in.
        </p>
        <Field label="API token" error={error ?? (tokenRefused ? 'The server refused this token (wrong, or rotated since).' : null)}>
          {(props) => <input {...props} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />}
        </Field>
        <button type="submit" className="primary" disabled={checking}>
          {checking ? 'Checking…' : 'Connect'}
        </button>
      </form>
    </main>
  );
}
