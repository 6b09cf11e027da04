import { useState } from 'react';
import { ApiRequestError } from '../../../../shared/api/errors.js';
import type { ConfigurationBaselineDto, SiteDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { EditorActions } from '../../components/EditorActions.js';
import { Field } from '../../components/Field.js';
import { useApi } from '../../store/connection.js';
import { useStations } from '../../store/stations.js';
import { toast } from '../../store/toasts.js';
import { AssignmentPicker } from './AssignmentPicker.js';
import {
  assignmentOwners,
  baselineBody,
  baselineFormProblems,
  emptyBaselineForm,
  formFromBaseline,
  placeBaselineProblems,
  type BaselineForm,
  type BaselineFormErrors,
  type EntryRow,
} from './baseline-form.js';
import { EntryRows } from './EntryRows.js';

/** The server's refusal of the last save (422 by field, or 409: a station or site follows another baseline). */
interface Refusal {
  byField: BaselineFormErrors;
  rest: string[];
  message: string;
}

function refusalOf(err: unknown, form: BaselineForm): Refusal | null {
  if (!(err instanceof ApiRequestError) || (err.status !== 422 && err.status !== 409)) return null;
  const { byField, rest } = placeBaselineProblems(err.details?.fields ?? {}, form);
  return { byField, rest, message: err.message };
}

/** The server problems a change makes stale: those of the changed row, or every row's when rows moved. */
function withoutStale(byField: BaselineFormErrors, before: BaselineForm, patch: Partial<BaselineForm>): BaselineFormErrors {
  const stale = (field: string): boolean => {
    if (patch.name !== undefined && field === 'name') return true;
    if (patch.description !== undefined && field === 'description') return true;
    if (patch.stations && (field === 'stations' || field.startsWith('station:'))) return true;
    if (patch.sites && (field === 'sites' || field.startsWith('site:'))) return true;
    if (patch.rows && field.startsWith('entries')) {
      if (patch.rows.length !== before.rows.length || field === 'entries') return true;
      const i = Number(field.split('.')[1]);
      const a: EntryRow | undefined = before.rows[i];
      const b: EntryRow | undefined = patch.rows[i];
      return !a || !b || a.rowId !== b.rowId || a.key !== b.key || a.value !== b.value;
    }
    return false;
  };
  return Object.fromEntries(Object.entries(byField).filter(([field]) => !stale(field)));
}

/**
 * Creates or replaces a configuration baseline (PUT /api/configuration-baselines/{name}, docs/api.md "Configuration
 * baselines"): its keys and values exactly as typed, and the stations and sites that follow it. A key given twice is
 * flagged at its row as it is typed; the server's 422 is shown at each field it names, its 409 at the station or site
 * that follows another baseline.
 */
export function BaselineEditor({
  baseline,
  baselines,
  sites,
  onSaved,
  onCancel,
}: {
  baseline: ConfigurationBaselineDto | null;
  baselines: ConfigurationBaselineDto[];
  sites: SiteDto[];
  onSaved: (baseline: ConfigurationBaselineDto) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const creating = baseline === null;
  const stationIds = useStations((s) => s.ids);
  const [form, setForm] = useState<BaselineForm>(() => (baseline ? formFromBaseline(baseline) : emptyBaselineForm()));
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const problems = baselineFormProblems(form, { creating, tried });
  const exists = creating && baselines.some((b) => b.name === form.name);
  const shown: BaselineFormErrors = {
    ...refusal?.byField,
    ...problems,
    ...(exists ? { name: `Baseline ${form.name} exists already: edit it from the list instead.` } : {}),
  };
  const owners = assignmentOwners(baselines, baseline?.name ?? null);

  const set = (patch: Partial<BaselineForm>) => {
    setForm({ ...form, ...patch });
    if (refusal) setRefusal({ ...refusal, byField: withoutStale(refusal.byField, form, patch) });
  };

  const save = useAsyncAction(async () => {
    setTried(true);
    setRefusal(null);
    if (exists || Object.keys(baselineFormProblems(form, { creating, tried: true })).length) return;
    const name = creating ? form.name : baseline.name;
    try {
      const saved = await api.putConfigurationBaseline(name, baselineBody(form));
      toast.success(`Saved baseline “${saved.name}”`);
      onSaved(saved);
    } catch (err) {
      const refused = refusalOf(err, form);
      if (!refused) throw err;
      setRefusal(refused);
    }
  });

  const errorCount = Object.keys(shown).length;
  return (
    <form className="baseline-editor" aria-label={creating ? 'New baseline' : `Edit baseline ${baseline.name}`} onSubmit={save.submit} noValidate>
      <div className="form-grid">
        {creating ? (
          <Field label="Name" error={shown.name} hint="Its name in the API and in links: 1 to 128 printable characters; cannot be changed later">
            {(p) => <input {...p} value={form.name} onChange={(e) => set({ name: e.target.value })} placeholder="e.g. ac-wallbox" />}
          </Field>
        ) : (
          <div className="field">
            <span className="field-label">Name</span>
            <span className="mono">{baseline.name}</span>
          </div>
        )}
        <Field label="Description" error={shown.description} hint="Optional: what the baseline is for">
          {(p) => <input {...p} value={form.description} onChange={(e) => set({ description: e.target.value })} />}
        </Field>
      </div>
      <h3>Keys and values</h3>
      <p className="field-hint">
        OCPP 1.6 configuration keys (§9) or a vendor’s, each with the value stations should hold, sent exactly as typed. Keys are case-insensitive.
        AuthorizationKey is a secret: set it per station.
      </p>
      <EntryRows rows={form.rows} errors={shown} onChange={(rows) => set({ rows })} />
      <h3>Who follows it</h3>
      <p className="field-hint">A station follows its own baseline, else its site’s. Each station and each site follows one baseline at most.</p>
      <AssignmentPicker
        legend="Stations"
        noun="stations"
        errorPrefix="station"
        options={stationIds.map((id) => ({ id }))}
        selected={form.stations}
        ownerOf={owners.stations}
        errors={shown}
        onChange={(stations) => set({ stations })}
      />
      <AssignmentPicker
        legend="Sites"
        noun="sites"
        errorPrefix="site"
        options={sites.map((s) => ({ id: s.id, label: s.name }))}
        selected={form.sites}
        ownerOf={owners.sites}
        errors={shown}
        onChange={(chosen) => set({ sites: chosen })}
      />
      {refusal ? (
        <div className="error-box" role="alert" aria-label="Save refused">
          <strong>Not saved: </strong>
          {refusal.message}
          {refusal.rest.length ? (
            <ul>
              {refusal.rest.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <EditorActions
        pending={save.pending}
        saveLabel={creating ? 'Create baseline' : 'Save baseline'}
        saveError={save.error}
        onCancel={onCancel}
        errorCount={errorCount}
      />
    </form>
  );
}
