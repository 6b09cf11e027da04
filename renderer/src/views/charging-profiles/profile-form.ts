import type { ChargingProfileDto } from '../../../../shared/api/types.js';
import { isoToLocalInput, localInputToIso } from '../../components/local-datetime.js';

type Purpose = ChargingProfileDto['chargingProfilePurpose'];
type Kind = ChargingProfileDto['chargingProfileKind'];
type Unit = ChargingProfileDto['chargingSchedule']['chargingRateUnit'];

/** One row of the periods table, as typed (strings, so a half-typed number can be explained, not lost). */
export interface PeriodRow {
  startPeriodSec: string;
  limit: string;
  numberPhases: string;
}

/** The editor's state: an OCPP 1.6 ChargingProfile (§7.8) field by field, as typed. */
export interface ProfileForm {
  name: string;
  description: string;
  chargingProfileId: string;
  stackLevel: string;
  purpose: Purpose;
  kind: Kind;
  recurrencyKind: '' | 'Daily' | 'Weekly';
  /** datetime-local values (local time), '' = absent. */
  validFrom: string;
  validTo: string;
  transactionId: string;
  durationSec: string;
  startSchedule: string;
  unit: Unit;
  minChargingRate: string;
  periods: PeriodRow[];
}

export type FormErrors = Record<string, string>;

export const EMPTY_FORM: ProfileForm = {
  name: '',
  description: '',
  chargingProfileId: '1',
  stackLevel: '0',
  purpose: 'TxDefaultProfile',
  kind: 'Relative',
  recurrencyKind: '',
  validFrom: '',
  validTo: '',
  transactionId: '',
  durationSec: '',
  startSchedule: '',
  unit: 'A',
  minChargingRate: '',
  periods: [{ startPeriodSec: '0', limit: '16', numberPhases: '' }],
};

function integer(value: string, field: string, errors: FormErrors, { min = 0, required = false } = {}): number | undefined {
  const text = value.trim();
  if (!text) {
    if (required) errors[field] = 'Required.';
    return undefined;
  }
  const n = Number(text);
  if (!Number.isInteger(n)) errors[field] = 'Must be a whole number.';
  else if (n < min) errors[field] = `Must be ${min} or more.`;
  else return n;
  return undefined;
}

/**
 * The ChargingProfile the form describes, or the problems of the form by field. These are the hard rules of the
 * OCPP 1.6 schema and §7.8 (a station would reject the message); the softer advice comes from the API's check.
 */
export function buildProfile(form: ProfileForm): { profile?: ChargingProfileDto; errors: FormErrors } {
  const errors: FormErrors = {};
  if (!/^[A-Za-z0-9._ -]{1,80}$/.test(form.name.trim())) errors.name = 'A name of 1 to 80 letters, digits, spaces, dots, dashes or underscores.';
  const chargingProfileId = integer(form.chargingProfileId, 'chargingProfileId', errors, { required: true });
  const stackLevel = integer(form.stackLevel, 'stackLevel', errors, { required: true });
  const duration = integer(form.durationSec, 'durationSec', errors, { min: 1 });
  const transactionId = integer(form.transactionId, 'transactionId', errors);
  if (transactionId !== undefined && form.purpose !== 'TxProfile') errors.transactionId = 'Only a TxProfile belongs to a transaction (§7.8).';
  if (form.kind === 'Recurring' && !form.recurrencyKind) errors.recurrencyKind = 'A Recurring profile needs Daily or Weekly.';
  if (form.kind !== 'Recurring' && form.recurrencyKind) errors.recurrencyKind = 'Only for a Recurring profile.';
  const startSchedule = localInputToIso(form.startSchedule);
  if (form.startSchedule && !startSchedule) errors.startSchedule = 'Not a valid date and time.';
  if (form.kind === 'Recurring' && !startSchedule) errors.startSchedule = 'A Recurring profile repeats from its start schedule: give one.';
  if (form.kind === 'Relative' && startSchedule) errors.startSchedule = 'A Relative profile starts with the transaction: leave empty.';
  const validFrom = localInputToIso(form.validFrom);
  const validTo = localInputToIso(form.validTo);
  if (form.validFrom && !validFrom) errors.validFrom = 'Not a valid date and time.';
  if (form.validTo && !validTo) errors.validTo = 'Not a valid date and time.';
  if (validFrom && validTo && validTo <= validFrom) errors.validTo = 'Must be after valid from.';
  let minChargingRate: number | undefined;
  if (form.minChargingRate.trim()) {
    minChargingRate = Number(form.minChargingRate);
    if (!Number.isFinite(minChargingRate) || minChargingRate < 0) errors.minChargingRate = 'A number, 0 or more.';
    else if (Math.round(minChargingRate * 10) !== minChargingRate * 10) errors.minChargingRate = 'At most one decimal.';
  }

  if (form.periods.length === 0) errors.periods = 'At least one period.';
  let previousStart = -1;
  const periods = form.periods.map((row, i) => {
    const startPeriod = integer(row.startPeriodSec, `periods.${i}.startPeriod`, errors, { required: true });
    if (startPeriod !== undefined) {
      if (i === 0 && startPeriod !== 0) errors[`periods.${i}.startPeriod`] = 'The first period starts at 0 s (§7.9).';
      else if (i > 0 && startPeriod <= previousStart) errors[`periods.${i}.startPeriod`] = 'Must be after the previous period’s start.';
      previousStart = startPeriod;
    }
    const limit = Number(row.limit);
    if (!row.limit.trim() || !Number.isFinite(limit) || limit < 0) errors[`periods.${i}.limit`] = `A limit in ${form.unit}, 0 or more.`;
    else if (Math.round(limit * 10) !== limit * 10) errors[`periods.${i}.limit`] = 'At most one decimal (§7.9: multiples of 0.1).';
    const numberPhases = integer(row.numberPhases, `periods.${i}.numberPhases`, errors, { min: 1 });
    if (numberPhases !== undefined && numberPhases > 3) errors[`periods.${i}.numberPhases`] = '1, 2 or 3.';
    return { startPeriod: startPeriod ?? 0, limit, ...(numberPhases !== undefined ? { numberPhases } : {}) };
  });

  if (Object.keys(errors).length) return { errors };
  const profile = {
    chargingProfileId: chargingProfileId!,
    ...(transactionId !== undefined ? { transactionId } : {}),
    stackLevel: stackLevel!,
    chargingProfilePurpose: form.purpose,
    chargingProfileKind: form.kind,
    ...(form.recurrencyKind ? { recurrencyKind: form.recurrencyKind } : {}),
    ...(validFrom ? { validFrom } : {}),
    ...(validTo ? { validTo } : {}),
    chargingSchedule: {
      ...(duration !== undefined ? { duration } : {}),
      ...(startSchedule ? { startSchedule } : {}),
      chargingRateUnit: form.unit,
      chargingSchedulePeriod: periods,
      ...(minChargingRate !== undefined ? { minChargingRate } : {}),
    },
  };
  return { profile, errors };
}

export function formFromProfile(name: string, description: string, p: ChargingProfileDto): ProfileForm {
  const s = p.chargingSchedule;
  return {
    name,
    description,
    chargingProfileId: String(p.chargingProfileId),
    stackLevel: String(p.stackLevel),
    purpose: p.chargingProfilePurpose,
    kind: p.chargingProfileKind,
    recurrencyKind: p.recurrencyKind ?? '',
    validFrom: isoToLocalInput(p.validFrom),
    validTo: isoToLocalInput(p.validTo),
    transactionId: p.transactionId === undefined ? '' : String(p.transactionId),
    durationSec: s.duration === undefined ? '' : String(s.duration),
    startSchedule: isoToLocalInput(s.startSchedule),
    unit: s.chargingRateUnit,
    minChargingRate: s.minChargingRate === undefined ? '' : String(s.minChargingRate),
    periods: s.chargingSchedulePeriod.map((x) => ({
      startPeriodSec: String(x.startPeriod),
      limit: String(x.limit),
      numberPhases: x.numberPhases === undefined ? '' : String(x.numberPhases),
    })),
  };
}

/**
 * The form field an API problem is about: its `field` is a path in the SetChargingProfile request
 * (`csChargingProfiles.chargingSchedule.chargingSchedulePeriod/0/startPeriod`).
 */
export function formFieldOfProblem(path: string): string {
  const p = path.replace(/^(csChargingProfiles|chargingProfile)\.?/, '');
  const period = /^chargingSchedule\.chargingSchedulePeriod\/(\d+)\/(\w+)/.exec(p);
  if (period) return `periods.${period[1]}.${period[2]}`;
  const map: Record<string, string> = {
    chargingProfilePurpose: 'purpose',
    chargingProfileKind: 'kind',
    'chargingSchedule.chargingRateUnit': 'unit',
    'chargingSchedule.startSchedule': 'startSchedule',
    'chargingSchedule.duration': 'durationSec',
    'chargingSchedule.minChargingRate': 'minChargingRate',
    'chargingSchedule.chargingSchedulePeriod': 'periods',
  };
  return map[p] ?? (p || 'profile');
}
