/**
 * The realistic message mix: each station loops over one charging session of 20 messages. Over a cycle that is
 * 60 % MeterValues (7 sampled values each), 20 % StatusNotification, 5 % each of Authorize, StartTransaction,
 * StopTransaction and Heartbeat. Stations start at a random point of the cycle, so every second carries the mix.
 */

export const BENCH_ACTIONS = [
  'BootNotification',
  'StatusNotification',
  'Heartbeat',
  'MeterValues',
  'Authorize',
  'StartTransaction',
  'StopTransaction',
] as const;
export type BenchAction = (typeof BENCH_ACTIONS)[number];

export type Step =
  | 'Authorize'
  | 'StartTransaction'
  | 'StopTransaction'
  | 'MeterValues'
  | 'Heartbeat'
  | 'Status:Preparing'
  | 'Status:Charging'
  | 'Status:Finishing'
  | 'Status:Available';

export const CYCLE: readonly Step[] = [
  'Authorize',
  'Status:Preparing',
  'StartTransaction',
  'Status:Charging',
  ...Array<Step>(12).fill('MeterValues'),
  'StopTransaction',
  'Status:Finishing',
  'Status:Available',
  'Heartbeat',
];

/** What a station needs to build its next message. */
export interface StationTraffic {
  identity: string;
  idTag: string;
  cyclePos: number;
  transactionId: number | undefined;
  meterWh: number;
}

export interface Call {
  action: BenchAction;
  payload: object;
}

export function bootNotification(identity: string): object {
  return { chargePointVendor: 'BenchVendor', chargePointModel: 'Lean-1', chargePointSerialNumber: identity.slice(-25), firmwareVersion: '1.0.0' };
}

function status(status: string, timestamp: string): object {
  return { connectorId: 1, errorCode: 'NoError', status, timestamp };
}

/** A MeterValues payload of the mix: one meterValue with 7 sampled values. */
export function meterValue(station: Pick<StationTraffic, 'meterWh' | 'transactionId'>, timestamp: string): object {
  const powerW = 7000 + (station.meterWh % 400);
  const sampledValue: object[] = [
    { value: String(station.meterWh), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', location: 'Outlet', unit: 'Wh' },
    { value: String(powerW), context: 'Sample.Periodic', measurand: 'Power.Active.Import', location: 'Outlet', unit: 'W' },
    { value: '10.2', context: 'Sample.Periodic', measurand: 'Current.Import', phase: 'L1', location: 'Outlet', unit: 'A' },
    { value: '10.1', context: 'Sample.Periodic', measurand: 'Current.Import', phase: 'L2', location: 'Outlet', unit: 'A' },
    { value: '10.3', context: 'Sample.Periodic', measurand: 'Current.Import', phase: 'L3', location: 'Outlet', unit: 'A' },
    { value: '230.4', context: 'Sample.Periodic', measurand: 'Voltage', phase: 'L1-N', location: 'Outlet', unit: 'V' },
    { value: String(20 + (station.meterWh % 80)), context: 'Sample.Periodic', measurand: 'SoC', location: 'EV', unit: 'Percent' },
  ];
  const payload: Record<string, unknown> = { connectorId: 1, meterValue: [{ timestamp, sampledValue }] };
  if (station.transactionId !== undefined) payload.transactionId = station.transactionId;
  return payload;
}

/** The station's next CALL; advances its place in the cycle. A StopTransaction without a transaction becomes a Heartbeat. */
export function nextCall(station: StationTraffic, timestamp: string): Call {
  const step = CYCLE[station.cyclePos % CYCLE.length]!;
  station.cyclePos = (station.cyclePos + 1) % CYCLE.length;
  switch (step) {
    case 'Authorize':
      return { action: 'Authorize', payload: { idTag: station.idTag } };
    case 'StartTransaction':
      return { action: 'StartTransaction', payload: { connectorId: 1, idTag: station.idTag, meterStart: station.meterWh, timestamp } };
    case 'MeterValues':
      station.meterWh += 30;
      return { action: 'MeterValues', payload: meterValue(station, timestamp) };
    case 'StopTransaction': {
      if (station.transactionId === undefined) return { action: 'Heartbeat', payload: {} };
      const transactionId = station.transactionId;
      station.transactionId = undefined;
      return { action: 'StopTransaction', payload: { transactionId, idTag: station.idTag, meterStop: station.meterWh, timestamp, reason: 'Local' } };
    }
    case 'Heartbeat':
      return { action: 'Heartbeat', payload: {} };
    default:
      return { action: 'StatusNotification', payload: status(step.slice('Status:'.length), timestamp) };
  }
}
