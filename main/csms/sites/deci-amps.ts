/**
 * Site amounts in whole tenths of an ampere ("deci-amps"). The allocation and the update plan add and compare
 * currents many times; doing it in integers keeps "the sum never exceeds the budget" exact, where sums of floats
 * such as 0.1 + 0.2 would drift. OCPP 1.6 §7 ChargingSchedulePeriod.limit takes one decimal, so 0.1 A is also the
 * finest step a station is sent.
 */

/** Guards against 8.9 being stored as 8.8999999…, which a plain floor would turn into 8.8. */
const FLOAT_NOISE = 1e-6;

/** Amps to deci-amps, rounded down: what we may hand out never exceeds what there is. */
export function floorDeciA(amps: number): number {
  return Math.floor(amps * 10 + FLOAT_NOISE);
}

/** Amps to deci-amps, rounded up: for what a station may draw (holds), the safe side is the larger figure. */
export function ceilDeciA(amps: number): number {
  return Math.ceil(amps * 10 - FLOAT_NOISE);
}

/** Deci-amps back to amps, with one decimal. */
export function deciToA(deciA: number): number {
  return deciA / 10;
}

/** Amps rounded down to 0.1 A. */
export function floorTenthA(amps: number): number {
  return deciToA(floorDeciA(amps));
}
