import { useState } from 'react';
import { ApiRequestError } from '../../../../shared/api/errors.js';
import type { SiteDto, SiteStationTaken } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { EditorActions } from '../../components/EditorActions.js';
import { Field } from '../../components/Field.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';
import { SchedulePeriods } from './SchedulePeriods.js';
import {
  buildSiteBody,
  EMPTY_SITE_FORM,
  formFromSite,
  otherUnitHint,
  placeServerProblems,
  type LimitUnit,
  type SiteForm,
  type SiteFormErrors,
} from './site-form.js';
import { StationPicker } from './StationPicker.js';

/** The server's refusal of the last save: problems by field, the rest, and the stations another site holds (409). */
interface Refusal {
  byField: SiteFormErrors;
  rest: string[];
  message: string;
  taken: SiteStationTaken[];
}

function refusalOf(err: unknown, stations: string[]): Refusal | null {
  if (!(err instanceof ApiRequestError) || (err.status !== 422 && err.status !== 409)) return null;
  const { byField, rest } = placeServerProblems(err.details?.fields ?? {}, stations);
  const taken = Array.isArray(err.details?.taken) ? (err.details.taken as SiteStationTaken[]) : [];
  return { byField, rest, message: err.message, taken };
}

/** The form fields a change of these form keys makes stale, among the server's problems. */
function staleKeys(patch: Partial<SiteForm>): (key: string) => boolean {
  const changed = Object.keys(patch);
  return (key) =>
    changed.some(
      (c) =>
        key === c ||
        (c === 'unit' && key === 'limit') ||
        (c === 'id' && key === 'id') ||
        (c === 'schedule' && key.startsWith('schedule')) ||
        (c === 'stations' && (key === 'stations' || key.startsWith('station:'))),
    );
}

/**
 * Creates or edits a site (PUT /api/sites/{siteId}, docs/api.md "Sites"): every field as typed, never changed;
 * what cannot be sent is explained at once, the server's 422 at each field it names, a 409 at the station another
 * site holds.
 */
export function SiteEditor({
  site,
  sites,
  onSaved,
  onCancel,
}: {
  site: SiteDto | null;
  sites: SiteDto[];
  onSaved: (site: SiteDto) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const creating = site === null;
  const [form, setForm] = useState<SiteForm>(() => (site ? formFromSite(site) : EMPTY_SITE_FORM));
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const { body, errors } = buildSiteBody(form, creating);
  const exists = creating && sites.some((s) => s.id === form.id);
  const clientErrors: SiteFormErrors = {
    ...(tried ? errors : {}),
    ...(exists ? { id: `Site ${form.id} exists already: edit it from the list instead.` } : {}),
  };
  const shown: SiteFormErrors = { ...refusal?.byField, ...clientErrors };
  const ownerOf = Object.fromEntries(sites.filter((s) => s.id !== site?.id).flatMap((s) => s.stations.map((id) => [id, s.id])));

  const set = (patch: Partial<SiteForm>) => {
    setForm({ ...form, ...patch });
    if (refusal) {
      const stale = staleKeys(patch);
      setRefusal({ ...refusal, byField: Object.fromEntries(Object.entries(refusal.byField).filter(([k]) => !stale(k))) });
    }
  };

  const save = useAsyncAction(async () => {
    setTried(true);
    setRefusal(null);
    if (!body || exists) return;
    const id = creating ? form.id : site.id;
    try {
      const saved = await api.putSite(id, body);
      toast.success(`Saved site “${saved.name}”`);
      onSaved(saved);
    } catch (err) {
      const refused = refusalOf(err, form.stations);
      if (!refused) throw err;
      setRefusal(refused);
    }
  });

  const unitHint = otherUnitHint(form.limit, form.unit, form.phases, form.voltageV);
  const errorCount = Object.keys(shown).length;
  return (
    <form className="site-editor" aria-label={creating ? 'New site' : `Edit site ${site.name}`} onSubmit={save.submit} noValidate>
      <div className="form-grid">
        {creating ? (
          <Field label="Id" error={shown.id} hint="Its name in the API and in links: 1 to 128 printable characters; cannot be changed later">
            {(p) => <input {...p} value={form.id} onChange={(e) => set({ id: e.target.value })} placeholder="e.g. depot-north" />}
          </Field>
        ) : (
          <div className="field">
            <span className="field-label">Id</span>
            <span className="mono">{site.id}</span>
          </div>
        )}
        <Field label="Name" error={shown.name}>
          {(p) => <input {...p} value={form.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <Field label="Limit" error={shown.limit} hint={unitHint ?? 'The grid connection’s limit, shared among the sessions'}>
          {(p) => <input {...p} inputMode="decimal" value={form.limit} onChange={(e) => set({ limit: e.target.value })} />}
        </Field>
        <Field label="Limit unit" hint="A per phase, or W over all phases: one or the other">
          {(p) => (
            <select {...p} value={form.unit} onChange={(e) => set({ unit: e.target.value as LimitUnit })}>
              <option value="A">A per phase</option>
              <option value="W">W (all phases)</option>
            </select>
          )}
        </Field>
        <Field label="Phases" error={shown.phases}>
          {(p) => (
            <select {...p} value={form.phases} onChange={(e) => set({ phases: e.target.value as '1' | '3' })}>
              <option value="3">3</option>
              <option value="1">1</option>
            </select>
          )}
        </Field>
        <Field label="Margin (%)" error={shown.marginPct} hint="Share of the limit kept free, 0 to 50">
          {(p) => <input {...p} inputMode="decimal" value={form.marginPct} onChange={(e) => set({ marginPct: e.target.value })} />}
        </Field>
        <Field label="Voltage (V)" error={shown.voltageV} hint="Phase to neutral, for W ↔ A; empty: 230 V">
          {(p) => <input {...p} inputMode="decimal" value={form.voltageV} onChange={(e) => set({ voltageV: e.target.value })} />}
        </Field>
        <Field label="Minimum per session (A)" error={shown.minSessionA} hint="Less than this and a session is paused; empty: 6 A">
          {(p) => <input {...p} inputMode="decimal" value={form.minSessionA} onChange={(e) => set({ minSessionA: e.target.value })} />}
        </Field>
      </div>
      <StationPicker
        selected={form.stations}
        ownerOf={ownerOf}
        errors={shown}
        groupError={shown.stations}
        onChange={(stations) => set({ stations })}
      />
      <h3>Time-of-day limits</h3>
      <SchedulePeriods rows={form.schedule} defaultUnit={form.unit} errors={shown} onChange={(schedule) => set({ schedule })} />
      {refusal ? (
        <div className="error-box" role="alert" aria-label="Save refused">
          <strong>{refusal.taken.length ? 'Station of another site: ' : 'Not saved: '}</strong>
          {refusal.message}
          {refusal.taken.length ? (
            <ul>
              {refusal.taken.map((t) => (
                <li key={t.chargePointId}>
                  {t.chargePointId} belongs to site <a href={`#/sites/${encodeURIComponent(t.siteId)}`}>{t.siteId}</a>: take it out of that site
                  first.
                </li>
              ))}
            </ul>
          ) : null}
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
        saveLabel={creating ? 'Create site' : 'Save site'}
        saveError={save.error}
        onCancel={onCancel}
        errorCount={errorCount}
      />
    </form>
  );
}
