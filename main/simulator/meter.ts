import type { Measurand, ReadingContext, SampledValue } from '../../shared/ocpp/messages/common.js';

/**
 * Energy / power model of one connector. Energy is integrated lazily (only when read or when the power changes),
 * so an idle or charging connector costs no timer and no CPU.
 *
 * A charging-profile limit is followed as an EV follows the pilot signal (IEC 61851-1): a lower limit at once, a
 * higher one at the EV's ramp rate (`rampUpWPerSec`), and a limit below the least current an EV can charge with
 * (`minCurrentA`, 6 A) pauses the power instead of running below it.
 */

export interface MeterModelOptions {
  /** Register value at start (Wh). */
  initialWh?: number;
  /** Maximum power the EV takes (W). */
  maxPowerW?: number;
  /** Line voltage (V) used to convert between W and A. */
  voltage?: number;
  /** Number of phases used to convert between W and A. */
  phases?: number;
  /** EV battery capacity (Wh) for the SoC model. */
  batteryWh?: number;
  /** SoC (%) of the EV when a session starts. */
  initialSoc?: number;
  /** How fast the power rises to a higher target (W/s); unset: at once. */
  rampUpWPerSec?: number;
  /** The least current per phase the EV charges with under a profile limit (A); below it, no power. */
  minCurrentA?: number;
}

/** IEC 61851-1: a pilot duty cycle below 10 % (6 A) does not allow charging. */
const DEFAULT_MIN_CURRENT_A = 6;

export type { SampledValue, ReadingContext };

export class MeterModel {
  private energyWh: number;
  private lastUpdateMs = Number.NaN;
  /** Power currently flowing (W); 0 when not charging. */
  private powerW = 0;
  /** Where the power is heading (W): reached at once when lower, at `rampUpWPerSec` when higher. */
  private targetW = 0;
  private charging = false;
  private suspended = false;
  /** Limit from charging profiles (W), Infinity if none. */
  private limitW = Infinity;
  private sessionStartWh = 0;
  readonly maxPowerW: number;
  readonly voltage: number;
  readonly phases: number;
  readonly batteryWh: number;
  readonly initialSoc: number;
  readonly rampUpWPerSec: number;
  readonly minCurrentA: number;

  constructor(
    options: MeterModelOptions,
    private readonly now: () => number,
  ) {
    this.energyWh = options.initialWh ?? 0;
    this.maxPowerW = options.maxPowerW ?? 11_000;
    this.voltage = options.voltage ?? 230;
    this.phases = options.phases ?? 3;
    this.batteryWh = options.batteryWh ?? 60_000;
    this.initialSoc = options.initialSoc ?? 20;
    this.rampUpWPerSec = options.rampUpWPerSec ?? Infinity;
    this.minCurrentA = options.minCurrentA ?? DEFAULT_MIN_CURRENT_A;
  }

  /** Integrate the energy up to now (a full battery stops taking energy at 100 % SoC). */
  private advance(): void {
    const t = this.now();
    if ((this.powerW > 0 || this.targetW > 0) && Number.isFinite(this.lastUpdateMs) && t > this.lastUpdateMs) {
      let delta = this.rampTo(t - this.lastUpdateMs);
      if (this.charging) delta = Math.min(delta, Math.max(0, ((100 - this.soc()) / 100) * this.batteryWh));
      this.energyWh += delta;
    }
    this.lastUpdateMs = t;
    if (this.charging && this.soc() >= 100 - 1e-9) this.powerW = this.targetW = 0;
  }

  /** Move the power toward its target over `elapsedMs`; the energy that flowed meanwhile (Wh). */
  private rampTo(elapsedMs: number): number {
    const from = this.powerW;
    if (from >= this.targetW || !Number.isFinite(this.rampUpWPerSec)) {
      this.powerW = this.targetW;
      return (this.powerW * elapsedMs) / 3_600_000;
    }
    const rampMs = ((this.targetW - from) / this.rampUpWPerSec) * 1000;
    if (elapsedMs <= rampMs) {
      this.powerW = from + (this.rampUpWPerSec * elapsedMs) / 1000;
      return ((from + this.powerW) / 2) * (elapsedMs / 3_600_000);
    }
    this.powerW = this.targetW;
    return ((from + this.targetW) / 2) * (rampMs / 3_600_000) + (this.targetW * (elapsedMs - rampMs)) / 3_600_000;
  }

  /** A new target: lower ones apply at once, higher ones are ramped to by advance(). */
  private retarget(): void {
    this.targetW = this.targetPower();
    if (this.targetW < this.powerW || !Number.isFinite(this.rampUpWPerSec)) this.powerW = this.targetW;
  }

  private targetPower(): number {
    if (!this.charging || this.suspended) return 0;
    if (this.soc() >= 100 - 1e-9) return 0;
    const minW = this.minCurrentA * this.voltage * this.phases;
    if (Number.isFinite(this.limitW) && this.limitW < minW) return 0;
    return Math.max(0, Math.min(this.maxPowerW, this.limitW));
  }

  /** Energy register (Wh, integer as meters report it). */
  get wh(): number {
    this.advance();
    return Math.floor(this.energyWh);
  }

  /** Power now (W). */
  get power(): number {
    this.advance();
    return this.powerW;
  }

  get current(): number {
    return this.power / (this.voltage * this.phases);
  }

  /** SoC of the EV (%) in the running session. */
  soc(): number {
    const charged = this.energyWh - this.sessionStartWh;
    return Math.min(100, this.initialSoc + (charged / this.batteryWh) * 100);
  }

  /** Set the register (e.g. test setup). */
  setWh(wh: number): void {
    this.advance();
    this.energyWh = wh;
  }

  startCharging(): void {
    this.advance();
    if (!this.charging) {
      this.charging = true;
      this.suspended = false;
      this.sessionStartWh = this.energyWh;
    }
    this.retarget();
  }

  /** Pause the power flow (SuspendedEV/EVSE) without ending the session. */
  suspend(): void {
    this.advance();
    this.suspended = true;
    this.retarget();
  }

  resume(): void {
    this.advance();
    this.suspended = false;
    this.retarget();
  }

  stopCharging(): void {
    this.advance();
    this.charging = false;
    this.suspended = false;
    this.retarget();
  }

  /** Apply a charging-profile limit in W (Infinity for none). */
  setLimitW(limitW: number): void {
    this.advance();
    this.limitW = limitW;
    this.retarget();
  }

  /** Sampled values for the given measurands (unsupported measurands are skipped). */
  sample(measurands: readonly string[], context: ReadingContext): SampledValue[] {
    this.advance();
    const offeredW = this.charging ? Math.min(this.maxPowerW, this.limitW) : this.maxPowerW;
    const toAmps = (w: number) => w / (this.voltage * this.phases);
    const out: SampledValue[] = [];
    const add = (measurand: Measurand, value: string, unit?: SampledValue['unit'], location: SampledValue['location'] = 'Outlet') =>
      out.push({ value, context, format: 'Raw', measurand, location, ...(unit ? { unit } : {}) });
    for (const name of measurands) {
      const m = name as Measurand;
      switch (m) {
        case 'Energy.Active.Import.Register':
          add(m, String(Math.floor(this.energyWh)), 'Wh');
          break;
        case 'Power.Active.Import':
          add(m, this.powerW.toFixed(0), 'W');
          break;
        case 'Power.Offered':
          add(m, offeredW.toFixed(0), 'W');
          break;
        case 'Current.Import':
          add(m, toAmps(this.powerW).toFixed(1), 'A');
          break;
        case 'Current.Offered':
          add(m, toAmps(Math.min(this.maxPowerW, this.limitW)).toFixed(1), 'A');
          break;
        case 'Voltage':
          add(m, this.voltage.toFixed(1), 'V');
          break;
        case 'SoC':
          if (this.charging) add(m, this.soc().toFixed(0), 'Percent', 'EV');
          break;
        case 'Temperature':
          add(m, (25 + this.powerW / 1000).toFixed(1), 'Celsius', 'Body');
          break;
        case 'Frequency':
          add(m, '50.0');
          break;
        default:
          break;
      }
    }
    return out;
  }
}
