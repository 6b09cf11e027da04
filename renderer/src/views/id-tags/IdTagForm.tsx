import { ApiRequestError } from '../../../../shared/api/errors.js';
import { useState } from 'react';
import { useAsyncAction } from '../../components/async-action.js';
import { fieldProblems } from '../../components/error-message.js';
import { Field } from '../../components/Field.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { checkDraft, ID_TAG_STATUSES, updateOf, type IdTagDraft } from './validate.js';

/**
 * Create or edit one id tag: status, expiry, parent (group) tag, description. Errors are shown at the field before
 * anything is sent; the server's own per-field answer (422) is shown the same way. Creating never overwrites: a tag
 * that exists is refused (409) with a link to edit that tag instead.
 */
export function IdTagForm({
  initial,
  editing,
  knownTags,
  onDone,
  onEditExisting,
}: {
  initial: IdTagDraft;
  editing: boolean;
  knownTags: string[];
  onDone: () => void;
  /** Open the existing tag (as stored) in the edit form. */
  onEditExisting: (idTag: string) => void;
}) {
  const api = useApi();
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  /** The stored spelling of the tag a create collided with. */
  const [existing, setExisting] = useState<string | null>(null);
  const problems = tried ? { ...serverProblems, ...checkDraft(draft) } : serverProblems;
  const save = useAsyncAction(async () => {
    setTried(true);
    setServerProblems({});
    setExisting(null);
    if (Object.keys(checkDraft(draft)).length) return;
    try {
      if (editing) await api.putIdTag(draft.idTag, updateOf(draft));
      else await api.createIdTag({ idTag: draft.idTag, ...updateOf(draft) });
    } catch (err) {
      // The server's per-field answer (422) and the stored spelling of a tag that exists (409) go to the fields.
      const existingTag = err instanceof ApiRequestError ? err.details?.existing : undefined;
      if (typeof existingTag === 'string') setExisting(existingTag);
      const fields = fieldProblems(err);
      setServerProblems({ ...fields, ...(fields.expiryDate ? { expiry: fields.expiryDate } : {}) });
      throw err;
    }
    toast.success(`Id tag ${draft.idTag} ${editing ? 'saved' : 'created'}`);
    onDone();
  });
  const set = <K extends keyof IdTagDraft>(key: K, value: IdTagDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <form className="panel" aria-label={editing ? `Edit id tag ${initial.idTag}` : 'New id tag'} onSubmit={save.submit}>
      <h2>{editing ? `Edit ${initial.idTag}` : 'New id tag'}</h2>
      <div className="form-grid">
        <Field label="Id tag" error={problems.idTag}>
          {(p) => (
            <input
              {...p}
              value={draft.idTag}
              onChange={(e) => {
                set('idTag', e.target.value);
                setExisting(null);
                setServerProblems(({ idTag: _, ...rest }) => rest);
              }}
              readOnly={editing}
              autoFocus={!editing}
            />
          )}
        </Field>
        {existing ? (
          <p className="id-tag-existing">
            <a
              href="#/id-tags"
              onClick={(e) => {
                e.preventDefault();
                onEditExisting(existing);
              }}
            >
              Edit {existing}
            </a>{' '}
            to change it.
          </p>
        ) : null}
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
              <input {...p} list="id-tag-parents" value={draft.parentIdTag} onChange={(e) => set('parentIdTag', e.target.value)} />
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
        <Field label="Several sessions at once" hint="a shared fleet card may charge at several connectors; otherwise a second start is ConcurrentTx">
          {(p) => (
            <select {...p} value={draft.concurrent} onChange={(e) => set('concurrent', e.target.value as IdTagDraft['concurrent'])}>
              <option value="">As the default setting</option>
              <option value="yes">Allowed (shared card)</option>
              <option value="no">One session at a time</option>
            </select>
          )}
        </Field>
      </div>
      {save.error && !Object.keys(serverProblems).length ? <div className="field-error">{save.error}</div> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
