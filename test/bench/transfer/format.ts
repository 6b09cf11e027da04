/**
 * What the transfer benchmark hands from the answering thread to a storage worker: write commands shaped like the
 * commonest write of the realistic mix (a MeterValues reading, 60 % of messages; README "Performance"), and the
 * three ways of handing them over that it compares.
 */

/** One write the answering thread asks the storage worker to make (a meter reading, with its sampled values). */
export interface WriteCommand {
  kind: 'meterReading';
  stationKey: number;
  connectorId: number;
  transactionId: number;
  timestamp: string;
  /** The sampled values as received (JSON text), stored as they came. */
  sampledValues: string;
}

/**
 * - `clone`: `postMessage` of the batch's objects (structured clone);
 * - `json`: `postMessage` of one JSON string (a string crosses threads as one copy);
 * - `ring`: JSON bytes written into a SharedArrayBuffer ring, signalled with Atomics (no message at all).
 */
export const TRANSFER_MODES = ['clone', 'json', 'ring'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/** Int32 positions in the ring's header: batches written, batches acknowledged, then one length per slot. */
export const RING_HEADER = { written: 0, acked: 1, lengths: 2 } as const;

const MEASURANDS = [
  ['Energy.Active.Import.Register', 'Wh'],
  ['Power.Active.Import', 'W'],
  ['Current.Import', 'A'],
  ['Voltage', 'V'],
  ['SoC', 'Percent'],
  ['Temperature', 'Celsius'],
  ['Current.Offered', 'A'],
] as const;

/** A realistic command: 7 sampled values, as the benchmark's MeterValues carry (about 500 bytes of JSON). */
export function meterReadingCommand(seq: number): WriteCommand {
  const sampled = MEASURANDS.map(([measurand, unit], i) => ({
    value: String(((seq * 7 + i) % 10_000) + 0.5),
    context: 'Sample.Periodic',
    measurand,
    unit,
  }));
  return {
    kind: 'meterReading',
    stationKey: seq % 5_000,
    connectorId: 1 + (seq % 2),
    transactionId: 100_000 + (seq % 5_000),
    timestamp: new Date(1_780_000_000_000 + seq * 1_000).toISOString(),
    sampledValues: JSON.stringify(sampled),
  };
}
