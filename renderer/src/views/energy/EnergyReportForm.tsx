import type { EnergyGroupBy, EnergyPeriod } from '../../../../shared/api/types.js';
import { Field } from '../../components/Field.js';
import { useStations } from '../../store/stations.js';
import type { EnergyForm, EnergyFormErrors } from './energy-query.js';

const GROUPS: Array<[EnergyGroupBy, string]> = [
  ['site', 'Site'],
  ['station', 'Station'],
  ['connector', 'Connector'],
  ['idTag', 'Id tag'],
  ['parentIdTag', 'Parent id tag'],
];

/** The report's question: what to add up by, days or months, which days (in which time zone), which station. */
export function EnergyReportForm({
  form,
  errors,
  pending,
  onChange,
  onSubmit,
}: {
  form: EnergyForm;
  errors: EnergyFormErrors;
  pending: boolean;
  onChange: (form: EnergyForm) => void;
  onSubmit: (event: { preventDefault(): void }) => void;
}) {
  const ids = useStations((s) => s.ids);
  const set = (patch: Partial<EnergyForm>) => onChange({ ...form, ...patch });
  return (
    <form className="panel" aria-label="Energy report" onSubmit={onSubmit} noValidate>
      <div className="form-grid">
        <Field label="Group by" error={errors.groupBy}>
          {(p) => (
            <select {...p} value={form.groupBy} onChange={(e) => set({ groupBy: e.target.value as EnergyGroupBy })}>
              {GROUPS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Per" error={errors.period}>
          {(p) => (
            <select {...p} value={form.period} onChange={(e) => set({ period: e.target.value as EnergyPeriod })}>
              <option value="day">Day</option>
              <option value="month">Month</option>
            </select>
          )}
        </Field>
        <Field label="From (first day)" error={errors.fromDate}>
          {(p) => <input {...p} type="date" value={form.fromDate} onChange={(e) => set({ fromDate: e.target.value })} />}
        </Field>
        <Field label="To (last day, included)" error={errors.throughDate}>
          {(p) => <input {...p} type="date" value={form.throughDate} onChange={(e) => set({ throughDate: e.target.value })} />}
        </Field>
        <Field label="Time zone" error={errors.tz} hint="Days and months of this zone (IANA name); this browser’s by default">
          {(p) => <input {...p} value={form.tz} onChange={(e) => set({ tz: e.target.value })} list="energy-time-zones" />}
        </Field>
        <Field label="Station" error={errors.chargePointId}>
          {(p) => (
            <select {...p} value={form.chargePointId} onChange={(e) => set({ chargePointId: e.target.value })}>
              <option value="">All stations</option>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <datalist id="energy-time-zones">
        {(Intl.supportedValuesOf?.('timeZone') ?? []).map((tz) => (
          <option key={tz} value={tz} />
        ))}
      </datalist>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? 'Adding up…' : 'Show report'}
      </button>
      <p className="field-hint">
        Each session counts whole in the day or month its start was received in; running sessions count what they charged so far.
      </p>
    </form>
  );
}
