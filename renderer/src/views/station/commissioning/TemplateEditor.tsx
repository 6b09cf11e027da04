import { useState } from 'react';
import { ApiRequestError } from '../../../../../shared/api/errors.js';
import { COMMISSIONING_CHECKS, type CommissioningCheckId } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { EditorActions } from '../../../components/EditorActions.js';
import { fieldProblems } from '../../../components/error-message.js';
import { Field } from '../../../components/Field.js';
import { useApi } from '../../../store/connection.js';
import { CHECK_LABELS, toggleCheck } from './commissioning-model.js';

export interface TemplateDraft {
  /** The saved template being edited (its name is its address), or null for a new one. */
  editing: string | null;
  name: string;
  description: string;
  checks: CommissioningCheckId[];
}

type Problems = Partial<Record<'name' | 'description' | 'checks', string>>;

/** The server's problem names (`checks[2]`, `name`) mapped onto this form's fields. */
function problemsOf(err: unknown): Problems {
  const fields = fieldProblems(err);
  const problems: Problems = {};
  for (const [key, message] of Object.entries(fields)) {
    const field = key.startsWith('checks') ? 'checks' : key === 'name' || key === 'description' ? key : null;
    if (field) problems[field] = problems[field] ? `${problems[field]}; ${message}` : message;
  }
  return problems;
}

/**
 * Create or edit a saved template: name, description and checks (checkboxes in run order). What was typed is sent as
 * typed; the server's refusals show at their field and the form keeps everything.
 */
export function TemplateEditor({ initial, onCancel, onSaved }: { initial: TemplateDraft; onCancel: () => void; onSaved: () => void }) {
  const api = useApi();
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [overwrite, setOverwrite] = useState<string | null>(null);
  const editing = initial.editing;
  const formLabel = editing ? `Edit template ${editing}` : 'New template';

  const save = useAsyncAction(async (confirmedOverwrite: boolean) => {
    const p: Problems = {};
    if (draft.name === '') p.name = 'Give the template a name.';
    if (draft.checks.length === 0) p.checks = 'Choose at least one check.';
    setProblems(p);
    if (Object.keys(p).length) return;
    // Saving under another name (a new template, or a renamed one) must not replace a saved template unasked.
    if (draft.name !== editing && !confirmedOverwrite) {
      const existing = await api.listCommissioningTemplates();
      if (existing.items.some((t) => t.name === draft.name && !t.builtIn)) {
        setOverwrite(draft.name);
        return;
      }
    }
    setOverwrite(null);
    try {
      await api.putCommissioningTemplate(draft.name, {
        ...(draft.description !== '' ? { description: draft.description } : {}),
        checks: draft.checks,
      });
    } catch (err) {
      const fields = problemsOf(err);
      if (Object.keys(fields).length) {
        setProblems(fields);
        throw new Error('Not saved: see the fields above.', { cause: err });
      }
      // 409: a built-in name; said at the name, where it can be changed.
      if (err instanceof ApiRequestError && err.status === 409) {
        setProblems({ name: err.message });
        throw new Error('Not saved: see the name.', { cause: err });
      }
      throw err;
    }
    // Renamed: the template is saved under its new name; the old one goes, as "rename" means.
    if (editing && draft.name !== editing) await api.deleteCommissioningTemplate(editing);
    onSaved();
  });

  return (
    <form className="commissioning-template-form" aria-label={formLabel} onSubmit={(e) => save.submit(e, false)} noValidate>
      <h3>{formLabel}</h3>
      <div className="form-grid">
        <Field
          label="Name"
          error={problems.name}
          hint={editing && draft.name !== editing ? `Saved under the new name; ${editing} is deleted.` : null}
        >
          {(props) => (
            <input
              {...props}
              value={draft.name}
              onChange={(e) => {
                setDraft({ ...draft, name: e.target.value });
                setOverwrite(null);
              }}
            />
          )}
        </Field>
        <Field label="Description" error={problems.description}>
          {(props) => <input {...props} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />}
        </Field>
      </div>
      <fieldset className="commissioning-template-checks" aria-describedby={problems.checks ? 'commissioning-template-checks-error' : undefined}>
        <legend>Checks (a run performs them in this order)</legend>
        {COMMISSIONING_CHECKS.map((id) => (
          <label key={id} className="row">
            <input
              type="checkbox"
              checked={draft.checks.includes(id)}
              onChange={(e) => setDraft({ ...draft, checks: toggleCheck(draft.checks, id, e.target.checked) })}
            />
            {CHECK_LABELS[id]} <span className="muted">({id})</span>
          </label>
        ))}
        {problems.checks ? (
          <div id="commissioning-template-checks-error" className="field-error" role="alert">
            {problems.checks}
          </div>
        ) : null}
      </fieldset>
      {overwrite ? (
        <div className="error-box" role="alert">
          A saved template is already called {overwrite}.{' '}
          <button type="button" onClick={() => save.run(true)}>
            Replace it
          </button>
        </div>
      ) : null}
      <EditorActions pending={save.pending} saveLabel="Save template" saveError={save.error} onCancel={onCancel} />
    </form>
  );
}
