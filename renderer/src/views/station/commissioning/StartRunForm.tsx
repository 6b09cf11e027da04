import { useState } from 'react';
import { ApiRequestError } from '../../../../../shared/api/errors.js';
import type { ChargePointDto, CommissioningRunDto, CommissioningTemplateDto } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { fieldProblems } from '../../../components/error-message.js';
import { Field } from '../../../components/Field.js';
import { ErrorBox } from '../../../components/Page.js';
import { useApi } from '../../../store/connection.js';
import { CHECK_LABELS, inRunOrder, runRequestOf, type StartForm, type StartFormProblems } from './commissioning-model.js';

/** The test tag the server uses when none is given (DEFAULT_TEST_ID_TAG, docs/api.md "Commissioning"). */
const DEFAULT_TEST_ID_TAG = 'COMMISSION-TEST';

/**
 * Start a commissioning run: a template (built-in or saved, with the checks it holds), the connector and test id tag
 * of the session checks, and who runs it (for the report). The server's refusals stay next to the form.
 */
export function StartRunForm({
  station,
  templates,
  templatesError,
  runningRunId,
  onStarted,
}: {
  station: ChargePointDto;
  templates: CommissioningTemplateDto[];
  templatesError: string | null;
  runningRunId: number | null;
  onStarted: (run: CommissioningRunDto) => void;
}) {
  const api = useApi();
  const [form, setForm] = useState<StartForm>({ template: 'full', connectorId: '1', testIdTag: '', operator: '' });
  const [problems, setProblems] = useState<StartFormProblems>({});
  const set = (patch: Partial<StartForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setProblems((p) => {
      const next = { ...p };
      for (const key of Object.keys(patch) as (keyof StartForm)[]) delete next[key];
      return next;
    });
    start.clearError();
  };

  const start = useAsyncAction(async () => {
    const built = runRequestOf(form);
    if ('problems' in built) {
      setProblems(built.problems);
      return;
    }
    setProblems({});
    try {
      onStarted(await api.startCommissioningRun(station.id, built.request));
    } catch (err) {
      const fields = fieldProblems(err);
      if (Object.keys(fields).length) {
        // "checks" is refused for the template's checks: shown at the template, the field it comes from.
        setProblems({
          template: fields.template ?? fields.checks,
          connectorId: fields.connectorId,
          testIdTag: fields.testIdTag,
          operator: fields.operator,
        });
        throw new Error('The server refused the run: see the fields above.', { cause: err });
      }
      if (err instanceof ApiRequestError && err.status === 409) throw new Error(`Not started: ${err.message}.`, { cause: err });
      throw err;
    }
  });

  const chosen = templates.find((t) => t.name === form.template);
  const connectorIds = station.connectors.map((c) => c.connectorId).filter((n) => n > 0);
  const blocked = !station.connected
    ? 'The station is not connected: a run needs it online.'
    : runningRunId !== null
      ? `Run #${runningRunId} is still running: one run at a time.`
      : null;

  return (
    <form className="panel commissioning-start" aria-labelledby="commissioning-start-title" onSubmit={start.submit} noValidate>
      <h2 id="commissioning-start-title">Start a commissioning run</h2>
      <div className="form-grid">
        <Field
          label="Template"
          error={problems.template}
          hint={
            chosen
              ? `${chosen.description ? `${chosen.description}. ` : ''}Checks: ${inRunOrder(chosen.checks)
                  .map((c) => CHECK_LABELS[c])
                  .join(', ')}.`
              : null
          }
        >
          {(props) => (
            <select {...props} value={form.template} onChange={(e) => set({ template: e.target.value })}>
              {templates.length === 0 ? <option value={form.template}>{form.template}</option> : null}
              {templates.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                  {t.builtIn ? ' (built in)' : ''} · {t.checks.length} {t.checks.length === 1 ? 'check' : 'checks'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Connector"
          error={problems.connectorId}
          hint={connectorIds.length ? `This station reports connectors ${connectorIds.join(', ')}.` : null}
        >
          {(props) => <input {...props} inputMode="numeric" value={form.connectorId} onChange={(e) => set({ connectorId: e.target.value })} />}
        </Field>
        <Field
          label="Test id tag"
          error={problems.testIdTag}
          hint={`For the session and reservation checks; empty: ${DEFAULT_TEST_ID_TAG}. Created as Accepted if it does not exist.`}
        >
          {(props) => (
            <input {...props} value={form.testIdTag} placeholder={DEFAULT_TEST_ID_TAG} onChange={(e) => set({ testIdTag: e.target.value })} />
          )}
        </Field>
        <Field label="Run by" error={problems.operator} hint="Your name, for the report.">
          {(props) => <input {...props} value={form.operator} autoComplete="name" onChange={(e) => set({ operator: e.target.value })} />}
        </Field>
      </div>
      <ErrorBox error={templatesError} />
      <div className="row">
        <button type="submit" className="primary" disabled={blocked !== null || start.pending} aria-describedby="commissioning-start-blocked">
          {start.pending ? 'Starting…' : 'Start run'}
        </button>
        <span id="commissioning-start-blocked" className="muted">
          {blocked}
        </span>
      </div>
      {start.error ? (
        <div className="error-box" role="alert" aria-label="Start refused">
          {start.error}
        </div>
      ) : null}
    </form>
  );
}
