import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ProfileProblemDto } from '../../../../shared/api/types.js';
import { Field } from '../../components/Field.js';
import { TimeSeriesChart } from '../../components/TimeSeriesChart.js';
import { useApi } from '../../store/connection.js';
import { useNowMs } from '../../store/clock.js';
import { PeriodsTable } from './PeriodsTable.js';
import { ProblemList } from './ProblemList.js';
import { buildProfile, formFieldOfProblem, type ProfileForm } from './profile-form.js';
import { periodsToPoints, profileStartMs } from './schedule-points.js';

const CHECK_DEBOUNCE_MS = 400;

/** What each field means (OCPP 1.6 §3.13, §7.8, §7.9): the questions operators ask most about profiles. */
const HELP = {
  purpose:
    'ChargePointMaxProfile caps the whole station (connector 0 only). TxDefaultProfile is the default for every new transaction (connector 0 = all connectors). TxProfile is for one running transaction and overrides the default.',
  kind: 'Absolute starts at the start schedule. Recurring repeats daily or weekly from the start schedule. Relative starts when the transaction starts.',
  stackLevel:
    'Among profiles of the same purpose the highest stack level wins. Same purpose and stack level on a connector replaces the old profile.',
  unit: 'A limits the current per phase; W limits the total power. Many stations accept only one (ChargingScheduleAllowedChargingRateUnit).',
  chargingProfileId: 'The station identifies the profile by this id (ClearChargingProfile uses it).',
  durationSec: 'Seconds the schedule lasts; empty = until the profile ends. After it, the next lower stack level applies.',
  startSchedule: 'Absolute and Recurring profiles start here (shown in local time, sent in UTC).',
  recurrencyKind: 'Only for Recurring profiles.',
  transactionId: 'Only a TxProfile: the transaction it applies to (the install sets it from the running one when given there).',
  minChargingRate: 'Optional: the lowest rate the EV can usefully charge at, in the unit above.',
  validity: 'Outside this window the station ignores the profile (shown in local time).',
};

function hint(text: string, advice: ProfileProblemDto[] | undefined): ReactNode {
  if (!advice?.length) return text;
  return (
    <>
      <span className="field-advice">{advice.map((p) => p.message).join(' ')}</span> {text}
    </>
  );
}

/**
 * The profile editor: each field of an OCPP 1.6 ChargingProfile with what it means, bad values explained at the
 * field, the OCPP rule check's advice next to the field it concerns, and the schedule drawn as it is typed.
 */
export function ProfileEditor({
  form,
  onChange,
  checkConnectorId,
}: {
  form: ProfileForm;
  onChange: (form: ProfileForm) => void;
  checkConnectorId: number;
}) {
  const api = useApi();
  const nowMs = useNowMs();
  const { profile, errors } = useMemo(() => buildProfile(form), [form]);
  const [checkedProblems, setProblems] = useState<ProfileProblemDto[]>([]);
  const set = (patch: Partial<ProfileForm>) => onChange({ ...form, ...patch });

  // The rule check runs on the server (one set of rules for console, API and installs), once typing pauses.
  const profileKey = profile ? JSON.stringify(profile) : '';
  // A profile that does not build has no rule problems to show (its fields say what is wrong).
  const problems = useMemo(() => (profile ? checkedProblems : []), [profile, checkedProblems]);
  useEffect(() => {
    if (!profile) return;
    let alive = true;
    const timer = setTimeout(() => {
      api.checkChargingProfile({ connectorId: checkConnectorId, profile }).then(
        (r) => alive && setProblems(r.problems),
        () => alive && setProblems([]),
      );
    }, CHECK_DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // profileKey stands for profile, which is a new object on every keystroke even when it did not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, profileKey, checkConnectorId]);

  const byField = useMemo(() => {
    const map: Record<string, ProfileProblemDto[]> = {};
    for (const p of problems) (map[formFieldOfProblem(p.field)] ??= []).push(p);
    return map;
  }, [problems]);
  const shownFields = new Set([
    'purpose',
    'kind',
    'stackLevel',
    'unit',
    'chargingProfileId',
    'durationSec',
    'startSchedule',
    'recurrencyKind',
    'transactionId',
    'minChargingRate',
    'validFrom',
    'validTo',
    'periods',
  ]);
  const otherProblems = problems.filter((p) => {
    const f = formFieldOfProblem(p.field);
    return !shownFields.has(f) && !f.startsWith('periods.');
  });

  // Relative profiles are drawn from "now", but redrawing every second is not worth it: the minute is enough.
  const nowMinute = Math.floor(nowMs / 60_000);
  // The chart follows the typed rows even while another field is invalid, as long as the periods parse.
  const chartPoints = useMemo(() => {
    const rows = form.periods.map((r) => ({ startPeriod: Number(r.startPeriodSec), limit: Number(r.limit) }));
    if (
      form.periods.some((r) => !r.startPeriodSec.trim() || !r.limit.trim()) ||
      rows.some((r) => !Number.isFinite(r.startPeriod) || !Number.isFinite(r.limit))
    )
      return [];
    const sorted = [...rows].sort((a, b) => a.startPeriod - b.startPeriod);
    const minuteMs = nowMinute * 60_000;
    const start = profile ? profileStartMs(profile, minuteMs) : minuteMs;
    const duration = Number(form.durationSec) || undefined;
    return periodsToPoints(start, sorted, duration);
  }, [form.periods, form.durationSec, profile, nowMinute]);

  return (
    <div className="profile-editor">
      <div className="form-grid">
        <Field label="Library name" error={errors.name}>
          {(p) => <input {...p} value={form.name} onChange={(e) => set({ name: e.target.value })} placeholder="e.g. default-16A" />}
        </Field>
        <Field label="Description">{(p) => <input {...p} value={form.description} onChange={(e) => set({ description: e.target.value })} />}</Field>
        <Field label="Charging profile id" error={errors.chargingProfileId} hint={hint(HELP.chargingProfileId, byField.chargingProfileId)}>
          {(p) => <input {...p} inputMode="numeric" value={form.chargingProfileId} onChange={(e) => set({ chargingProfileId: e.target.value })} />}
        </Field>
        <Field label="Purpose" hint={hint(HELP.purpose, byField.purpose)}>
          {(p) => (
            <select {...p} value={form.purpose} onChange={(e) => set({ purpose: e.target.value as ProfileForm['purpose'] })}>
              <option value="ChargePointMaxProfile">ChargePointMaxProfile</option>
              <option value="TxDefaultProfile">TxDefaultProfile</option>
              <option value="TxProfile">TxProfile</option>
            </select>
          )}
        </Field>
        <Field label="Kind" hint={hint(HELP.kind, byField.kind)}>
          {(p) => (
            <select
              {...p}
              value={form.kind}
              onChange={(e) =>
                set({ kind: e.target.value as ProfileForm['kind'], ...(e.target.value !== 'Recurring' ? { recurrencyKind: '' } : {}) })
              }
            >
              <option value="Absolute">Absolute</option>
              <option value="Recurring">Recurring</option>
              <option value="Relative">Relative</option>
            </select>
          )}
        </Field>
        <Field label="Recurrency" error={errors.recurrencyKind} hint={hint(HELP.recurrencyKind, byField.recurrencyKind)}>
          {(p) => (
            <select {...p} value={form.recurrencyKind} onChange={(e) => set({ recurrencyKind: e.target.value as ProfileForm['recurrencyKind'] })}>
              <option value="">None</option>
              <option value="Daily">Daily</option>
              <option value="Weekly">Weekly</option>
            </select>
          )}
        </Field>
        <Field label="Stack level" error={errors.stackLevel} hint={hint(HELP.stackLevel, byField.stackLevel)}>
          {(p) => <input {...p} inputMode="numeric" value={form.stackLevel} onChange={(e) => set({ stackLevel: e.target.value })} />}
        </Field>
        <Field label="Unit" hint={hint(HELP.unit, byField.unit)}>
          {(p) => (
            <select {...p} value={form.unit} onChange={(e) => set({ unit: e.target.value as ProfileForm['unit'] })}>
              <option value="A">A (current per phase)</option>
              <option value="W">W (power)</option>
            </select>
          )}
        </Field>
        <Field label="Start schedule" error={errors.startSchedule} hint={hint(HELP.startSchedule, byField.startSchedule)}>
          {(p) => <input {...p} type="datetime-local" step={1} value={form.startSchedule} onChange={(e) => set({ startSchedule: e.target.value })} />}
        </Field>
        <Field label="Duration (s)" error={errors.durationSec} hint={hint(HELP.durationSec, byField.durationSec)}>
          {(p) => <input {...p} inputMode="numeric" value={form.durationSec} onChange={(e) => set({ durationSec: e.target.value })} />}
        </Field>
        <Field label="Valid from" error={errors.validFrom} hint={hint(HELP.validity, byField.validFrom)}>
          {(p) => <input {...p} type="datetime-local" step={1} value={form.validFrom} onChange={(e) => set({ validFrom: e.target.value })} />}
        </Field>
        <Field label="Valid to" error={errors.validTo} hint={hint(HELP.validity, byField.validTo)}>
          {(p) => <input {...p} type="datetime-local" step={1} value={form.validTo} onChange={(e) => set({ validTo: e.target.value })} />}
        </Field>
        <Field label="Transaction id" error={errors.transactionId} hint={hint(HELP.transactionId, byField.transactionId)}>
          {(p) => <input {...p} inputMode="numeric" value={form.transactionId} onChange={(e) => set({ transactionId: e.target.value })} />}
        </Field>
        <Field label={`Min charging rate (${form.unit})`} error={errors.minChargingRate} hint={hint(HELP.minChargingRate, byField.minChargingRate)}>
          {(p) => <input {...p} inputMode="decimal" value={form.minChargingRate} onChange={(e) => set({ minChargingRate: e.target.value })} />}
        </Field>
      </div>
      <h3>Periods</h3>
      <PeriodsTable rows={form.periods} unit={form.unit} errors={errors} problems={byField} onChange={(periods) => set({ periods })} />
      <ProblemList problems={[...(byField.periods ?? []), ...otherProblems]} label="Profile advice" />
      <TimeSeriesChart label="Profile schedule" height={200} series={[{ label: 'Limit', unit: form.unit, points: chartPoints, stepped: true }]} />
    </div>
  );
}
