/**
 * Smart Charging helpers (OCPP 1.6 §3.13), shared by the central system and the console: advisory profile checks,
 * the profile set a station holds (stacking / clearing), and the composite schedule it follows.
 * Plain TypeScript: no Node, Electron or DOM dependencies.
 */
export type {
  ChargingProfile,
  ChargingProfilePurpose,
  ChargingRateUnit,
  ChargingSchedule,
  ChargingSchedulePeriod,
  ClearChargingProfileCriteria,
  InstalledProfile,
} from './types.js';
export {
  checkChargingProfile,
  problemsAreBlocking,
  type ProfileCheckTarget,
  type ProfileContext,
  type ProfileProblem,
  type ProfileProblemSeverity,
  type ProfileRuleCode,
} from './profile-rules.js';
export { clearProfiles, endTransaction, installProfile, type ClearResult, type InstallResult } from './stacking.js';
export {
  DEFAULT_PHASES,
  DEFAULT_VOLTAGE_V,
  computeCompositeSchedule,
  convertLimit,
  sampleSchedule,
  type CompositePeriod,
  type CompositeSchedule,
  type CompositeScheduleInput,
  type SchedulePoint,
} from './composite.js';
