import { useState } from 'react';
import { Field } from '../../components/Field.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { checkDraft, ID_TAG_STATUSES, updateOf, type IdTagDraft } from './validate.js';

/**
 * Create or edit one id tag: status, expiry, parent (group) tag, description. Errors are shown at the field before
 * anything is sent; the server's own per-field answer (422) is shown the same way.
 */
export function IdTagForm({ initial, editing, knownTags, onDone }: { initial: IdTagDraft; editing: boolean; knownTags: string[]; onDone(): void }) {
  const api = useApi();
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = tried ? { ...serverProblems, ...checkDraft(draft) } : serverProblems;
  const set = <K extends keyof IdTagDraft>(key: K, value: IdTagDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <form
      className="panel"
      aria-label={editing ? `Edit id tag ${initial.idTag}` : 'New id tag'}
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        setServerProblems({});
        setError(null);
        if (Object.keys(checkDraft(draft)).length) return;
        setBusy(true);
        try {
          await api.putIdTag(draft.idTag.trim(), updateOf(draft));
          toast.success(`Id tag ${draft.idTag.trim()} saved`);
          onDone();
        } catch (err) {
          const fields = (err as { details?: { fields?: Record<string, string> } }).details?.fields;
          if (fields) setServerProblems({ ...fields, ...(fields.expiryDate ? { expiry: fields.expiryDate } : {}) });
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>{editing ? `Edit ${initial.idTag}` : 'New id tag'}</h2>
      <div className="form-grid">
        <Field label="Id tag" error={problems.idTag}>
          {(p) => <input {...p} value={draft.idTag} onChange={(e) => set('idTag', e.target.value)} readOnly={editing} maxLength={40} autoFocus={!editing} />}
        </Field>
        <Field label="Status" error={problems.status}>
          {(p) => (
            <select {...p} value={draft.status} onChange={(e) => set('status', e.target.value as IdTagDraft['status'])}>
              {ID_TAG_STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Expires" error={problems.expiry} hint="local time; empty = never">
          {(p) => <input {...p} type="datetime-local" step={1} value={draft.expiry} onChange={(e) => set('expiry', e.target.value)} />}
        </Field>
        <Field label="Parent id tag" error={problems.parentIdTag} hint="group: tags with the same parent count as one (§3.4.1)">
          {(p) => (
            <>
              <input {...p} list="id-tag-parents" value={draft.parentIdTag} onChange={(e) => set('parentIdTag', e.target.value)} maxLength={40} />
              <datalist id="id-tag-parents">
                {knownTags.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Description" error={problems.description}>
          {(p) => <input {...p} value={draft.description} onChange={(e) => set('description', e.target.value)} />}
        </Field>
      </div>
      {error && !Object.keys(serverProblems).length ? <div className="field-error">{error}</div> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
