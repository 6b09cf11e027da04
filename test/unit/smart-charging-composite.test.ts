/**
 * Composite schedules (shared/smart-charging/composite.ts), OCPP 1.6 §3.13.2 stacking, §3.13.3 combining, §5.7.
 * Every expected schedule is worked out by hand in the comment above it; offsets are seconds from `start`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeCompositeSchedule,
  convertLimit,
  sampleSchedule,
  type ChargingProfile,
  type ChargingSchedulePeriod,
  type CompositeScheduleInput,
  type InstalledProfile,
} from '../../shared/smart-charging/index.js';

const T0 = new Date('2024-03-01T10:00:00Z');
const at = (offsetSec: number) => new Date(T0.getTime() + offsetSec * 1000);
const iso = (date: Date) => date.toISOString();

interface ProfileSpec {
  id: number;
  level?: number;
  purpose?: ChargingProfile['chargingProfilePurpose'];
  kind?: ChargingProfile['chargingProfileKind'];
  recurrencyKind?: ChargingProfile['recurrencyKind'];
  start?: Date;
  duration?: number;
  unit?: 'A' | 'W';
  periods: [startPeriod: number, limit: number, numberPhases?: number][];
  validFrom?: Date;
  validTo?: Date;
  transactionId?: number;
}

function profile(spec: ProfileSpec): ChargingProfile {
  const periods: ChargingSchedulePeriod[] = spec.periods.map(([startPeriod, limit, numberPhases]) =>
    numberPhases === undefined ? { startPeriod, limit } : { startPeriod, limit, numberPhases },
  );
  return {
    chargingProfileId: spec.id,
    stackLevel: spec.level ?? 0,
    chargingProfilePurpose: spec.purpose ?? 'TxDefaultProfile',
    chargingProfileKind: spec.kind ?? 'Absolute',
    ...(spec.recurrencyKind ? { recurrencyKind: spec.recurrencyKind } : {}),
    ...(spec.validFrom ? { validFrom: iso(spec.validFrom) } : {}),
    ...(spec.validTo ? { validTo: iso(spec.validTo) } : {}),
    ...(spec.transactionId !== undefined ? { transactionId: spec.transactionId } : {}),
    chargingSchedule: {
      ...(spec.duration !== undefined ? { duration: spec.duration } : {}),
      ...(spec.start ? { startSchedule: iso(spec.start) } : {}),
      chargingRateUnit: spec.unit ?? 'A',
      chargingSchedulePeriod: periods,
    },
  };
}

const on = (connectorId: number, spec: ProfileSpec): InstalledProfile => ({ connectorId, profile: profile(spec) });

/** The periods as [startPeriod, endPeriod, limit] (plus numberPhases when present), for compact expectations. */
function periodsOf(input: Partial<CompositeScheduleInput> & Pick<CompositeScheduleInput, 'installed' | 'durationSec'>) {
  const schedule = computeCompositeSchedule({ connectorId: 1, start: T0, ...input });
  return schedule.periods.map((p) =>
    p.numberPhases === undefined ? [p.startPeriod, p.endPeriod, p.limit] : [p.startPeriod, p.endPeriod, p.limit, p.numberPhases],
  );
}

test('no profile: no period (unlimited), result shape as requested', () => {
  const schedule = computeCompositeSchedule({ installed: [], connectorId: 1, start: T0, durationSec: 600 });
  assert.deepEqual(schedule, { scheduleStart: T0, duration: 600, chargingRateUnit: 'A', periods: [] });
});

test('stacking: the highest stackLevel in force wins; when its duration ends the lower level applies again', () => {
  // L0: Absolute from T0, 0→6 A, 100→8 A, 200→10 A, duration 400.  L1: Absolute from T0, 0→7 A, duration 150.
  //   [0,150)   L1 in force                      → 7
  //   [150,200) L1 expired (150 ≥ 150); L0 period 100 → 8
  //   [200,400) L0 period 200                    → 10
  //   [400,500) L0 expired too                   → unlimited (no period)
  const installed = [
    on(1, {
      id: 1,
      level: 0,
      start: T0,
      duration: 400,
      periods: [
        [0, 6],
        [100, 8],
        [200, 10],
      ],
    }),
    on(1, { id: 2, level: 1, start: T0, duration: 150, periods: [[0, 7]] }),
  ];
  assert.deepEqual(periodsOf({ installed, durationSec: 500 }), [
    [0, 150, 7],
    [150, 200, 8],
    [200, 400, 10],
  ]);
});

test('validity windows: a profile counts only from validFrom (inclusive) to validTo (exclusive)', () => {
  // L0 16 A from T0 forever; L2 5 A valid [T0+60, T0+120).
  //   [0,60) 16, [60,120) 5, [120,300) 16
  const installed = [
    on(1, { id: 1, level: 0, start: T0, periods: [[0, 16]] }),
    on(1, { id: 2, level: 2, start: T0, validFrom: at(60), validTo: at(120), periods: [[0, 5]] }),
  ];
  assert.deepEqual(periodsOf({ installed, durationSec: 300 }), [
    [0, 60, 16],
    [60, 120, 5],
    [120, 300, 16],
  ]);
});

test('Relative starts at the transaction start (or now without one); Absolute at startSchedule', () => {
  const relative = [
    on(1, {
      id: 1,
      kind: 'Relative',
      periods: [
        [0, 10],
        [600, 20],
      ],
    }),
  ];
  // Transaction started at T0−300: schedule offset = window offset + 300, so the 600 s step falls at 600−300 = 300.
  assert.deepEqual(periodsOf({ installed: relative, durationSec: 900, transaction: { id: 1, startedAt: at(-300) } }), [
    [0, 300, 10],
    [300, 900, 20],
  ]);
  // No transaction: anchored at `start`, so the step is at 600.
  assert.deepEqual(periodsOf({ installed: relative, durationSec: 900 }), [
    [0, 600, 10],
    [600, 900, 20],
  ]);

  // Absolute from T0+120: nothing before 120, 12 A from 120 to the end (a transaction changes nothing).
  const absolute = [on(1, { id: 2, start: at(120), periods: [[0, 12]] })];
  assert.deepEqual(periodsOf({ installed: absolute, durationSec: 900, transaction: { id: 1, startedAt: at(-300) } }), [[120, 900, 12]]);
});

test('Daily recurrence crossing midnight, falling back to the lower stack level after its duration', () => {
  // L0: 32 A, Absolute since 2024-01-01 (always in force).
  // L1: Recurring Daily from 2024-03-01T22:00Z, duration 4 h = 14400 s, 0→8 A, 7200 (midnight)→16 A.
  // Window: 2024-03-02T21:00Z + 6 h (to 03:00 on the 3rd). Occurrence of interest starts 2024-03-02T22:00Z.
  //   21:00–22:00 = [0, 3600)       L1 not in force (previous occurrence ended 02:00) → 32
  //   22:00–00:00 = [3600, 10800)   L1 offset 0..7200                                 → 8
  //   00:00–02:00 = [10800, 18000)  L1 offset 7200..14400                             → 16
  //   02:00–03:00 = [18000, 21600)  L1 duration over                                  → 32
  const start = new Date('2024-03-02T21:00:00Z');
  const installed = [
    on(1, { id: 1, level: 0, start: new Date('2024-01-01T00:00:00Z'), periods: [[0, 32]] }),
    on(1, {
      id: 2,
      level: 1,
      kind: 'Recurring',
      recurrencyKind: 'Daily',
      start: new Date('2024-03-01T22:00:00Z'),
      duration: 14_400,
      periods: [
        [0, 8],
        [7200, 16],
      ],
    }),
  ];
  assert.deepEqual(periodsOf({ installed, start, durationSec: 21_600 }), [
    [0, 3600, 32],
    [3600, 10_800, 8],
    [10_800, 18_000, 16],
    [18_000, 21_600, 32],
  ]);
});

test('Daily recurrence without duration: the occurrence from the previous evening is still in force after midnight', () => {
  // Recurring Daily from 2024-03-01T22:00Z: 0→10 A, 28800 (06:00)→20 A; restarts every 24 h at 22:00.
  // Window 2024-03-03T05:00Z + 18 h: occurrence started 03-02T22:00 (offset at 05:00 = 7 h = 25200 s).
  //   05:00–06:00 = [0, 3600)        offset 25200..28800 → 10
  //   06:00–22:00 = [3600, 61200)    offset ≥ 28800      → 20
  //   22:00–23:00 = [61200, 64800)   restart, offset 0   → 10
  const start = new Date('2024-03-03T05:00:00Z');
  const installed = [
    on(1, {
      id: 1,
      kind: 'Recurring',
      recurrencyKind: 'Daily',
      start: new Date('2024-03-01T22:00:00Z'),
      periods: [
        [0, 10],
        [28_800, 20],
      ],
    }),
  ];
  assert.deepEqual(periodsOf({ installed, start, durationSec: 64_800 }), [
    [0, 3600, 10],
    [3600, 61_200, 20],
    [61_200, 64_800, 10],
  ]);
});

test('Weekly recurrence repeats every 7 days from startSchedule', () => {
  // Recurring Weekly from Monday 2024-03-04T00:00Z, duration 1 day, 6 A. Window Sun 03-10T12:00Z + 2 days.
  //   Sun 12:00–Mon 00:00 = [0, 43200)        previous occurrence (03-04) long over → unlimited
  //   Mon 00:00–Tue 00:00 = [43200, 129600)   occurrence 03-04 + 7 d = 03-11       → 6
  //   Tue 00:00–Tue 12:00 = [129600, 172800)  duration over                         → unlimited
  const installed = [
    on(1, { id: 1, kind: 'Recurring', recurrencyKind: 'Weekly', start: new Date('2024-03-04T00:00:00Z'), duration: 86_400, periods: [[0, 6]] }),
  ];
  assert.deepEqual(periodsOf({ installed, start: new Date('2024-03-10T12:00:00Z'), durationSec: 172_800 }), [[43_200, 129_600, 6]]);
});

test('the result is the minimum of ChargePointMaxProfile and TxDefaultProfile; equal neighbours merge', () => {
  // Max (connector 0): 0→20 A, 300→10 A.  TxDefault (connector 1): 0→16 A, 600→25 A.
  //   [0,300)   min(20,16) = 16
  //   [300,600) min(10,16) = 10
  //   [600,900) min(10,25) = 10  → merged with the previous: [300,900) 10
  const installed = [
    on(0, {
      id: 1,
      purpose: 'ChargePointMaxProfile',
      start: T0,
      periods: [
        [0, 20],
        [300, 10],
      ],
    }),
    on(1, {
      id: 2,
      start: T0,
      periods: [
        [0, 16],
        [600, 25],
      ],
    }),
  ];
  assert.deepEqual(periodsOf({ installed, durationSec: 900 }), [
    [0, 300, 16],
    [300, 900, 10],
  ]);
  // Connector 0 is the station-wide limit: the ChargePointMaxProfile alone.
  assert.deepEqual(periodsOf({ installed, connectorId: 0, durationSec: 900 }), [
    [0, 300, 20],
    [300, 900, 10],
  ]);
});

test('TxProfile overrides TxDefaultProfile during its transaction, whatever the stack levels', () => {
  // TxDefault L5: 16 A. TxProfile L0 for transaction 42: 8 A, Absolute from T0, duration 300.
  //   with transaction 42: [0,300) 8 (TxProfile), [300,600) 16 (TxProfile over → TxDefault)
  //   no transaction, or transaction 41: 16 throughout
  const txDefault = on(1, { id: 1, level: 5, start: T0, periods: [[0, 16]] });
  const installed = [txDefault, on(1, { id: 2, level: 0, purpose: 'TxProfile', transactionId: 42, start: T0, duration: 300, periods: [[0, 8]] })];
  assert.deepEqual(periodsOf({ installed, durationSec: 600, transaction: { id: 42, startedAt: at(-60) } }), [
    [0, 300, 8],
    [300, 600, 16],
  ]);
  assert.deepEqual(periodsOf({ installed, durationSec: 600 }), [[0, 600, 16]]);
  assert.deepEqual(periodsOf({ installed, durationSec: 600, transaction: { id: 41, startedAt: at(-60) } }), [[0, 600, 16]]);

  // A TxProfile without transactionId applies to whatever transaction runs on its connector:
  //   Relative 0→8 A from the transaction start T0−60, duration 300 → in force until T0+240, then TxDefault 16.
  const untied = [txDefault, on(1, { id: 3, purpose: 'TxProfile', kind: 'Relative', duration: 300, periods: [[0, 8]] })];
  assert.deepEqual(periodsOf({ installed: untied, durationSec: 600, transaction: { id: 41, startedAt: at(-60) } }), [
    [0, 240, 8],
    [240, 600, 16],
  ]);
});

test('a TxDefaultProfile on the connector overrides the one on connector 0', () => {
  // Connector 0 TxDefault L9: 10 A. Connector 1 TxDefault L0: 20 A.
  //   connector 1 → 20 (its own default, despite the lower level); connector 2 → 10 (the station default)
  const installed = [on(0, { id: 1, level: 9, start: T0, periods: [[0, 10]] }), on(1, { id: 2, level: 0, start: T0, periods: [[0, 20]] })];
  assert.deepEqual(periodsOf({ installed, connectorId: 1, durationSec: 60 }), [[0, 60, 20]]);
  assert.deepEqual(periodsOf({ installed, connectorId: 2, durationSec: 60 }), [[0, 60, 10]]);
});

test('unit conversion: W = A × V × phases, rounded down to 0.1', () => {
  // Max 11000 W (connector 0); TxDefault 32 A (numberPhases absent → 3), 230 V.
  //   in A: 11000 / (230 × 3) = 15.942… → 15.9;  min(15.9, 32) = 15.9
  //   in W: 32 × 230 × 3 = 22080;                min(11000, 22080) = 11000
  const stationMax = on(0, { id: 1, purpose: 'ChargePointMaxProfile', unit: 'W', start: T0, periods: [[0, 11_000]] });
  const installed = [stationMax, on(1, { id: 2, start: T0, periods: [[0, 32]] })];
  assert.deepEqual(periodsOf({ installed, durationSec: 60, chargingRateUnit: 'A' }), [[0, 60, 15.9]]);
  assert.deepEqual(periodsOf({ installed, durationSec: 60, chargingRateUnit: 'W' }), [[0, 60, 11_000]]);
  // Mixed units and no unit requested: A.
  assert.equal(computeCompositeSchedule({ installed, connectorId: 1, start: T0, durationSec: 60 }).chargingRateUnit, 'A');

  // A period's numberPhases drives its conversion and is reported: 16 A × 230 × 1 = 3680 W < 11000 W.
  const onePhase = [stationMax, on(1, { id: 2, start: T0, periods: [[0, 16, 1]] })];
  assert.deepEqual(periodsOf({ installed: onePhase, durationSec: 60, chargingRateUnit: 'W' }), [[0, 60, 3680, 1]]);
  // voltage and phases options: 16 A × 120 V × 2 = 3840 W.
  const plain = [on(1, { id: 3, start: T0, periods: [[0, 16]] })];
  assert.deepEqual(periodsOf({ installed: plain, durationSec: 60, chargingRateUnit: 'W', voltageV: 120, phases: 2 }), [[0, 60, 3840]]);

  assert.equal(convertLimit(6, 'A', 'W', 230, 3), 4140);
  assert.equal(convertLimit(4140, 'W', 'A', 230, 3), 6);
  assert.equal(convertLimit(7, 'W', 'W', 230, 3), 7);
});

test('OCTT TC_056: TxDefaultProfile Absolute 6 A gives 6 A (4140 W) for the whole window', () => {
  // TxDefaultProfile, Absolute, stackLevel 0, startSchedule = now, 0→6 A, installed on connector 1 (or 0).
  //   in A: 6;  in W: 6 × 230 × 3 = 4140
  const tc056 = profile({ id: 56, start: T0, periods: [[0, 6]] });
  for (const connectorId of [0, 1]) {
    const installed = [{ connectorId, profile: tc056 }];
    assert.deepEqual(periodsOf({ installed, durationSec: 400 }), [[0, 400, 6]]);
    assert.deepEqual(periodsOf({ installed, durationSec: 400, chargingRateUnit: 'W' }), [[0, 400, 4140]]);
  }
});

test('sampleSchedule: step points for charts, null where unlimited, a closing point at the end', () => {
  // Same profiles as the stacking test: [0,150) 7, [150,200) 8, [200,400) 10, [400,500) unlimited.
  const schedule = computeCompositeSchedule({
    installed: [
      on(1, {
        id: 1,
        level: 0,
        start: T0,
        duration: 400,
        periods: [
          [0, 6],
          [100, 8],
          [200, 10],
        ],
      }),
      on(1, { id: 2, level: 1, start: T0, duration: 150, periods: [[0, 7]] }),
    ],
    connectorId: 1,
    start: T0,
    durationSec: 500,
  });
  assert.deepEqual(sampleSchedule(schedule), [
    { at: at(0), limit: 7 },
    { at: at(150), limit: 8 },
    { at: at(200), limit: 10 },
    { at: at(400), limit: null },
    { at: at(500), limit: null },
  ]);
  // Regular grid every 120 s: 0→7, 120→7, 240→10, 360→10, 480→null, closing 500→null.
  assert.deepEqual(
    sampleSchedule(schedule, { stepSec: 120 }).map((p) => p.limit),
    [7, 7, 10, 10, null, null],
  );

  // Unlimited at first, then limited to the end: the closing point carries the last limit.
  const late = computeCompositeSchedule({
    installed: [on(1, { id: 3, start: at(60), periods: [[0, 6]] })],
    connectorId: 1,
    start: T0,
    durationSec: 120,
  });
  assert.deepEqual(sampleSchedule(late), [
    { at: at(0), limit: null },
    { at: at(60), limit: 6 },
    { at: at(120), limit: 6 },
  ]);
});
