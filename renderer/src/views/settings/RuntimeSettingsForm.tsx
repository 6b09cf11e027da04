import { useState } from 'react';
import type { SettingsDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { fieldProblems } from '../../components/error-message.js';
import { Field } from '../../components/Field.js';
import { ErrorBox } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { checkDraft, draftOf, fieldsFor, patchOf, type Draft, type SettingField } from './setting-fields.js';

function Input({
  field,
  value,
  set,
  aria,
}: {
  field: SettingField;
  value: string | boolean;
  set: (v: string | boolean) => void;
  aria: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };
}) {
  const kind = field.kind;
  if (kind.type === 'bool') return <input {...aria} type="checkbox" checked={Boolean(value)} onChange={(e) => set(e.target.checked)} />;
  if (kind.type === 'choice')
    return (
      <select {...aria} value={String(value)} onChange={(e) => set(e.target.value)}>
        {kind.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  return <input {...aria} type="text" inputMode="numeric" value={String(value)} onChange={(e) => set(e.target.value)} />;
}

/**
 * Every runtime setting, edited in place: bad values are explained next to their field before anything is sent,
 * the server's 422 answer (details.fields) the same way; only changed settings are sent (PATCH).
 */
export function RuntimeSettingsForm({ settings, onSaved }: { settings: SettingsDto; onSaved: (saved: SettingsDto) => void }) {
  const api = useApi();
  const fields = fieldsFor(settings);
  // null = not edited: the form follows the live settings (another console may change them).
  const [draft, setDraft] = useState<Draft | null>(null);
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const shown = draft ?? draftOf(settings, fields);
  // Checked as typed: a bad value is explained at its field at once and Save waits until it is fixed.
  const invalid = checkDraft(shown, fields);
  const invalidCount = Object.keys(invalid).length;
  const problems = { ...serverProblems, ...invalid };
  const changed = Object.keys(patchOf(shown, settings, fields));

  const save = useAsyncAction(async () => {
    setServerProblems({});
    if (invalidCount) return;
    const patch = patchOf(shown, settings, fields);
    if (Object.keys(patch).length === 0) return;
    try {
      const saved = await api.patchSettings(patch);
      toast.success(`Settings saved (${Object.keys(patch).join(', ')})`);
      setDraft(null);
      onSaved(saved);
    } catch (err) {
      // The server's 422 names the fields: each message is shown at its field.
      setServerProblems(fieldProblems(err));
      throw err;
    }
  });
  const busy = save.pending;

  return (
    <form className="panel" aria-labelledby="settings-runtime" noValidate onSubmit={save.submit}>
      <h2 id="settings-runtime">Runtime settings</h2>
      <p className="muted">In force at once, stored in the database. A flag given at start overrides a setting for that run.</p>
      <div className="form-grid settings-grid">
        {fields.map((f) => (
          <Field key={f.key} label={f.label} error={problems[f.key]} hint={f.hint}>
            {(aria) => (
              <Input
                field={f}
                value={shown[f.key] ?? ''}
                aria={aria}
                set={(v) => {
                  setDraft({ ...shown, [f.key]: v });
                  if (serverProblems[f.key]) setServerProblems(({ [f.key]: _, ...rest }) => rest);
                }}
              />
            )}
          </Field>
        ))}
      </div>
      {save.error && !Object.keys(serverProblems).length ? <ErrorBox error={save.error} /> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || changed.length === 0 || invalidCount > 0}>
          {busy ? 'Saving…' : 'Save settings'}
        </button>
        <button
          type="button"
          disabled={busy || draft === null}
          onClick={() => {
            setDraft(null);
            setServerProblems({});
            save.clearError();
          }}
        >
          Discard changes
        </button>
        <span className="muted" aria-live="polite">
          {invalidCount
            ? `Fix ${invalidCount} field${invalidCount > 1 ? 's' : ''} to save`
            : changed.length
              ? `${changed.length} unsaved change${changed.length > 1 ? 's' : ''}`
              : 'No unsaved change'}
        </span>
      </div>
    </form>
  );
}
