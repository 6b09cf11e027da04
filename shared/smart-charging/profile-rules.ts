/**
 * Advisory checks of a ChargingProfile before the operator sends it (OCPP 1.6 §3.13, §5.11, §5.16, the §7 types
 * ChargingProfile / ChargingSchedule / ChargingSchedulePeriod, the §9.4 configuration keys, and the OCPP 1.6 errata).
 *
 * The checks are ADVICE. Conformance tests (OCTT) deliberately send profiles a station must reject, so the console
 * must be able to send anything: `checkChargingProfile` never throws and never decides. Whether problems stop a
 * send is the caller's policy, expressed explicitly with `problemsAreBlocking(problems, 'enforce')`; the default
 * policy 'advise' blocks nothing.
 */
import type { ChargingProfile, ChargingRateUnit } from './types.js';
import { SECONDS_PER_DAY, SECONDS_PER_WEEK } from './types.js';

/**
 * 'error': a conforming station is expected to reject the profile (or the message fails schema validation).
 * 'warning': legal, but probably not what the operator meant.
 */
export type ProfileProblemSeverity = 'error' | 'warning';

export interface ProfileProblem {
  /**
   * Path of the offending field in the request payload: dots between object members, `/index/` into arrays,
   * e.g. `csChargingProfiles.chargingSchedule.chargingSchedulePeriod/0/startPeriod`.
   */
  field: string;
  message: string;
  severity: ProfileProblemSeverity;
  /** Stable identifier of the rule, for tests and for translations. */
  code: ProfileRuleCode;
}

export type ProfileRuleCode =
  | 'max-profile-connector'
  | 'tx-profile-connector'
  | 'tx-profile-no-transaction'
  | 'tx-profile-other-transaction'
  | 'remote-start-purpose'
  | 'remote-start-transaction-id'
  | 'transaction-id-purpose'
  | 'recurrency-kind-not-recurring'
  | 'recurrency-kind-missing'
  | 'relative-start-schedule'
  | 'start-schedule-missing'
  | 'periods-empty'
  | 'periods-too-many'
  | 'first-start-period'
  | 'start-period-order'
  | 'start-period-after-duration'
  | 'duration-negative'
  | 'stack-level-negative'
  | 'stack-level-max'
  | 'limit-negative'
  | 'limit-decimals'
  | 'min-charging-rate'
  | 'number-phases'
  | 'validity-order'
  | 'date-invalid'
  | 'unit-not-allowed';

/** The message the profile travels in: it decides the payload path and a few rules. */
export type ProfileContext = 'SetChargingProfile' | 'RemoteStartTransaction';

export interface ProfileCheckTarget {
  /** SetChargingProfile.req connectorId, or RemoteStartTransaction.req connectorId. */
  connectorId: number;
  /**
   * The transaction running on that connector: a number when known, `null` when known to be idle,
   * undefined when unknown (no transaction rule is then applied).
   */
  activeTransactionId?: number | null;
  /** The station's ChargeProfileMaxStackLevel (§9.4), when known. */
  maxStackLevel?: number;
  /** The station's ChargingScheduleAllowedChargingRateUnit (§9.4), when known. */
  allowedUnits?: readonly ChargingRateUnit[];
  /** The station's ChargingScheduleMaxPeriods (§9.4), when known. */
  maxPeriods?: number;
  /** Default 'SetChargingProfile'. */
  context?: ProfileContext;
}

/** Checks a profile against the OCPP 1.6 rules. Returns every problem found (empty when none); never throws. */
export function checkChargingProfile(profile: ChargingProfile, target: ProfileCheckTarget): ProfileProblem[] {
  const context = target.context ?? 'SetChargingProfile';
  const root = context === 'RemoteStartTransaction' ? 'chargingProfile' : 'csChargingProfiles';
  const problems: ProfileProblem[] = [];
  const add = (code: ProfileRuleCode, field: string, message: string, severity: ProfileProblemSeverity = 'error') =>
    problems.push({ code, field, message, severity });

  checkPurpose(profile, target, context, root, add);
  checkKind(profile, root, add);
  checkStackLevel(profile, target, root, add);
  checkValidity(profile, root, add);
  checkSchedule(profile, target, root, add);
  return problems;
}

/**
 * Whether the problems should stop the send. With the default policy 'advise' nothing blocks: the console shows
 * the problems and lets the operator send anyway. With 'enforce', any problem of severity 'error' blocks.
 */
export function problemsAreBlocking(problems: readonly ProfileProblem[], policy: 'advise' | 'enforce' = 'advise'): boolean {
  return policy === 'enforce' && problems.some((p) => p.severity === 'error');
}

type Add = (code: ProfileRuleCode, field: string, message: string, severity?: ProfileProblemSeverity) => void;

/** Purpose versus connector and transaction: §3.13.1, §5.11, §5.16, §7 ChargingProfile, errata 3.41. */
function checkPurpose(profile: ChargingProfile, target: ProfileCheckTarget, context: ProfileContext, root: string, add: Add): void {
  const purpose = profile.chargingProfilePurpose;
  const purposeField = `${root}.chargingProfilePurpose`;

  if (context === 'RemoteStartTransaction') {
    // §5.11 / §5.16: a profile in RemoteStartTransaction.req SHALL have purpose TxProfile.
    if (purpose !== 'TxProfile')
      add('remote-start-purpose', purposeField, 'RemoteStartTransaction only carries a TxProfile (OCPP 1.6 §5.11, §5.16).');
    // Errata 3.41: the transaction does not exist yet, so the profile carries no transactionId.
    if (profile.transactionId !== undefined) {
      add(
        'remote-start-transaction-id',
        `${root}.transactionId`,
        'Leave transactionId out in RemoteStartTransaction: the transaction does not exist yet (OCPP 1.6 errata 3.41).',
      );
    }
  } else if (profile.transactionId !== undefined && purpose !== 'TxProfile') {
    // §7 ChargingProfile: transactionId is only valid with purpose TxProfile.
    add('transaction-id-purpose', `${root}.transactionId`, 'transactionId is only allowed on a TxProfile (OCPP 1.6 §7 ChargingProfile).');
  }

  // §3.13.1: ChargePointMaxProfile can only be set at connectorId 0.
  if (purpose === 'ChargePointMaxProfile' && target.connectorId !== 0) {
    add('max-profile-connector', 'connectorId', 'A ChargePointMaxProfile can only be set on connectorId 0 (OCPP 1.6 §3.13.1).');
  }
  if (purpose !== 'TxProfile') return;

  // §3.13.1: a TxProfile applies to a transaction, which runs on a specific connector.
  if (target.connectorId <= 0) {
    add('tx-profile-connector', 'connectorId', 'A TxProfile needs a specific connector (connectorId > 0) (OCPP 1.6 §3.13.1).');
  }
  if (context !== 'SetChargingProfile') return;
  // §3.13.1 / §5.16: without an active transaction on the connector the station discards a TxProfile and answers Rejected.
  if (target.activeTransactionId === null) {
    add(
      'tx-profile-no-transaction',
      purposeField,
      'No transaction is active on this connector: the station will reject a TxProfile (OCPP 1.6 §3.13.1, §5.16).',
      'warning',
    );
  } else if (
    typeof target.activeTransactionId === 'number' &&
    profile.transactionId !== undefined &&
    profile.transactionId !== target.activeTransactionId
  ) {
    add(
      'tx-profile-other-transaction',
      `${root}.transactionId`,
      `transactionId ${profile.transactionId} is not the active transaction (${target.activeTransactionId}) on this connector.`,
      'warning',
    );
  }
}

/** Kind, recurrency and startSchedule: §3.13 (profile kinds), §7 ChargingProfile / ChargingSchedule, errata 3.56. */
function checkKind(profile: ChargingProfile, root: string, add: Add): void {
  const kind = profile.chargingProfileKind;
  const schedule = profile.chargingSchedule;
  if (profile.recurrencyKind !== undefined && kind !== 'Recurring') {
    add(
      'recurrency-kind-not-recurring',
      `${root}.recurrencyKind`,
      'recurrencyKind is only used with chargingProfileKind Recurring (OCPP 1.6 errata 3.56).',
    );
  }
  if (kind === 'Recurring' && profile.recurrencyKind === undefined) {
    add('recurrency-kind-missing', `${root}.recurrencyKind`, 'A Recurring profile needs recurrencyKind Daily or Weekly (OCPP 1.6 errata 3.56).');
  }
  const startField = `${root}.chargingSchedule.startSchedule`;
  if (kind === 'Relative' && schedule?.startSchedule !== undefined) {
    add(
      'relative-start-schedule',
      startField,
      'A Relative schedule starts with the transaction: leave startSchedule out (OCPP 1.6 §7 ChargingSchedule).',
    );
  }
  if (kind === 'Absolute' && schedule && schedule.startSchedule === undefined) {
    // §7 ChargingSchedule: without startSchedule the schedule is relative to the start of charging, which is rarely meant.
    add(
      'start-schedule-missing',
      startField,
      'Set startSchedule on an Absolute schedule (recommended): without it the station counts from the start of charging (OCPP 1.6 §7 ChargingSchedule).',
      'warning',
    );
  }
  if (kind === 'Recurring' && schedule && schedule.startSchedule === undefined) {
    add(
      'start-schedule-missing',
      startField,
      'A Recurring schedule needs startSchedule: it is the point the recurrence repeats from (OCPP 1.6 §7 ChargingSchedule).',
    );
  }
}

/** §7 ChargingProfile: stackLevel ≥ 0; §9.4 ChargeProfileMaxStackLevel. */
function checkStackLevel(profile: ChargingProfile, target: ProfileCheckTarget, root: string, add: Add): void {
  const field = `${root}.stackLevel`;
  if (!(profile.stackLevel >= 0)) add('stack-level-negative', field, 'stackLevel must be 0 or more (OCPP 1.6 §7 ChargingProfile).');
  else if (target.maxStackLevel !== undefined && profile.stackLevel > target.maxStackLevel) {
    add('stack-level-max', field, `stackLevel exceeds the station's ChargeProfileMaxStackLevel (${target.maxStackLevel}) (OCPP 1.6 §9.4).`);
  }
}

/** §7 ChargingProfile: validFrom / validTo. */
function checkValidity(profile: ChargingProfile, root: string, add: Add): void {
  const from = parseDate(profile.validFrom, `${root}.validFrom`, add);
  const to = parseDate(profile.validTo, `${root}.validTo`, add);
  if (from !== undefined && to !== undefined && from >= to) {
    add('validity-order', `${root}.validTo`, 'validTo must be later than validFrom (OCPP 1.6 §7 ChargingProfile).');
  }
}

/** ChargingSchedule and its periods: §7 ChargingSchedule / ChargingSchedulePeriod, §9.4, the schema's multipleOf 0.1. */
function checkSchedule(profile: ChargingProfile, target: ProfileCheckTarget, root: string, add: Add): void {
  const schedule = profile.chargingSchedule;
  if (!schedule) return; // the schema validator reports a missing schedule
  const base = `${root}.chargingSchedule`;
  parseDate(schedule.startSchedule, `${base}.startSchedule`, add);

  if (target.allowedUnits && target.allowedUnits.length > 0 && !target.allowedUnits.includes(schedule.chargingRateUnit)) {
    add(
      'unit-not-allowed',
      `${base}.chargingRateUnit`,
      `The station only accepts ${target.allowedUnits.join(', ')} (ChargingScheduleAllowedChargingRateUnit, OCPP 1.6 §9.4).`,
    );
  }
  if (schedule.duration !== undefined && schedule.duration < 0) {
    add('duration-negative', `${base}.duration`, 'duration is a number of seconds and cannot be negative (OCPP 1.6 §7 ChargingSchedule).');
  }
  if (schedule.minChargingRate !== undefined && !isDecimal1AtLeastZero(schedule.minChargingRate)) {
    add('min-charging-rate', `${base}.minChargingRate`, 'minChargingRate must be 0 or more with at most one decimal (OCPP 1.6 §7 ChargingSchedule).');
  }

  const periods = schedule.chargingSchedulePeriod ?? [];
  const periodsField = `${base}.chargingSchedulePeriod`;
  if (periods.length === 0) add('periods-empty', periodsField, 'A schedule needs at least one period (OCPP 1.6 §7 ChargingSchedule).');
  if (target.maxPeriods !== undefined && periods.length > target.maxPeriods) {
    add('periods-too-many', periodsField, `The station accepts at most ${target.maxPeriods} periods (ChargingScheduleMaxPeriods, OCPP 1.6 §9.4).`);
  }
  // A Recurring schedule restarts after its period, so a period starting later is never reached either.
  const recurrence =
    profile.chargingProfileKind === 'Recurring' ? (profile.recurrencyKind === 'Weekly' ? SECONDS_PER_WEEK : SECONDS_PER_DAY) : undefined;
  const reach = Math.min(schedule.duration ?? Infinity, recurrence ?? Infinity);

  periods.forEach((period, i) => {
    const at = `${periodsField}/${i}`;
    // §7 ChargingSchedulePeriod: startPeriod is the offset from the start of the schedule and also ends the previous period.
    if (i === 0 && period.startPeriod !== 0) {
      add('first-start-period', `${at}/startPeriod`, 'The first period must start at 0 (OCPP 1.6 §7 ChargingSchedulePeriod).');
    }
    const previous = i > 0 ? periods[i - 1] : undefined;
    if (previous && !(period.startPeriod > previous.startPeriod)) {
      add('start-period-order', `${at}/startPeriod`, "startPeriod must be greater than the previous period's (OCPP 1.6 §7 ChargingSchedulePeriod).");
    } else if (period.startPeriod >= reach) {
      add('start-period-after-duration', `${at}/startPeriod`, 'This period starts after the schedule ends, so it never applies.', 'warning');
    }
    if (!(period.limit >= 0)) add('limit-negative', `${at}/limit`, 'limit cannot be negative (OCPP 1.6 §7 ChargingSchedulePeriod).');
    else if (!hasAtMostOneDecimal(period.limit)) {
      add('limit-decimals', `${at}/limit`, 'limit has at most one decimal (schema multipleOf 0.1, OCPP 1.6 §7 ChargingSchedulePeriod).');
    }
    if (period.numberPhases !== undefined && !(Number.isInteger(period.numberPhases) && period.numberPhases >= 1 && period.numberPhases <= 3)) {
      add('number-phases', `${at}/numberPhases`, 'numberPhases is 1, 2 or 3 (OCPP 1.6 §7 ChargingSchedulePeriod).');
    }
  });
}

function parseDate(value: string | undefined, field: string, add: Add): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    add('date-invalid', field, 'Not a valid date-time (OCPP 1.6 "Time notations").');
    return undefined;
  }
  return ms;
}

/** multipleOf 0.1 with a tolerance for binary floating point (16.1 * 10 is 161.00000000000003). */
function hasAtMostOneDecimal(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-6;
}

function isDecimal1AtLeastZero(value: number): boolean {
  return value >= 0 && hasAtMostOneDecimal(value);
}
