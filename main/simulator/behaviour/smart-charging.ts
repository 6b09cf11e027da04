/**
 * Default answers of the Smart Charging profile (OCPP 1.6 §3.13, §5.16, §5.5, §5.7): installing a profile under
 * the station's limits, clearing, and the composite schedule.
 */
import type { ChargingProfile } from '../../../shared/ocpp/messages/common.js';
import type { StationScript } from '../scripting.js';
import { isConnectorId, type Handler } from './handler.js';

/** Whether the station accepts schedules in this unit (ChargingScheduleAllowedChargingRateUnit). */
function allowsUnit(cp: StationScript, unit: 'A' | 'W'): boolean {
  return cp.state.configuration.getList('ChargingScheduleAllowedChargingRateUnit').includes(unit === 'A' ? 'Current' : 'Power');
}

/** Why a profile cannot be installed on this connector, or undefined when it can. */
function refusal(cp: StationScript, connectorId: number, profile: ChargingProfile): string | undefined {
  const cfg = cp.state.configuration;
  const { chargingProfilePurpose: purpose, chargingSchedule: schedule } = profile;
  if (!isConnectorId(cp, connectorId)) return 'unknown connector';
  if (purpose === 'ChargePointMaxProfile' && connectorId !== 0) return 'ChargePointMaxProfile only on connector 0';
  if (purpose === 'TxProfile') {
    const tx = cp.state.connector(connectorId)?.transaction;
    if (connectorId === 0 || !tx) return 'TxProfile without a transaction';
    if (profile.transactionId !== undefined && profile.transactionId !== tx.transactionId) return 'TxProfile of another transaction';
  }
  if (profile.stackLevel < 0 || profile.stackLevel > cfg.getInteger('ChargeProfileMaxStackLevel', 10)) return 'stack level';
  if (!allowsUnit(cp, schedule.chargingRateUnit)) return 'charging rate unit';
  if (schedule.chargingSchedulePeriod.length > cfg.getInteger('ChargingScheduleMaxPeriods', 24)) return 'too many periods';
  if (profile.chargingProfileKind === 'Recurring' && !profile.recurrencyKind) return 'Recurring without recurrencyKind';
  const store = cp.state.chargingProfiles;
  if (!store.replacesExisting(connectorId, profile) && store.profiles.length >= cfg.getInteger('MaxChargingProfilesInstalled', 20)) return 'full';
  return undefined;
}

export const setChargingProfile: Handler<'SetChargingProfile'> = (cp, { connectorId, csChargingProfiles: profile }) => {
  if (refusal(cp, connectorId, profile) !== undefined) return { conf: { status: 'Rejected' } };
  // A TxProfile without a transactionId is for the transaction running on the connector (checked above).
  const transactionId = profile.transactionId ?? cp.state.connector(connectorId)?.transactionId;
  const installed = profile.chargingProfilePurpose === 'TxProfile' ? { ...profile, transactionId } : profile;
  cp.state.chargingProfiles.install(connectorId, installed);
  cp.state.applyChargingLimit();
  return { conf: { status: 'Accepted' } };
};

export const clearChargingProfile: Handler<'ClearChargingProfile'> = (cp, criteria) => {
  const removed = cp.state.chargingProfiles.clear(criteria);
  cp.state.applyChargingLimit();
  return { conf: { status: removed > 0 ? 'Accepted' : 'Unknown' } };
};

export const getCompositeSchedule: Handler<'GetCompositeSchedule'> = (cp, { connectorId, duration, chargingRateUnit: unit }) => {
  const c = cp.state.connector(connectorId);
  if (!c || duration < 0 || (unit && !allowsUnit(cp, unit))) return { conf: { status: 'Rejected' } };
  const meter = c.meter;
  const el = { voltage: meter.voltage, phases: meter.phases };
  // Times without any profile: the most the connector (or the whole station, on connector 0) can take.
  const maxW = meter.maxPowerW * (connectorId === 0 ? Math.max(1, cp.connectorCount) : 1);
  const tx = c.transaction ? { startMs: c.transaction.startedAt, transactionId: c.transaction.transactionId } : undefined;
  const schedule = cp.state.chargingProfiles.composite(
    connectorId,
    cp.now(),
    duration,
    unit,
    el,
    { W: maxW, A: maxW / (el.voltage * el.phases) },
    tx,
  );
  return { conf: { status: 'Accepted', connectorId, scheduleStart: schedule.startSchedule, chargingSchedule: schedule } };
};
