/**
 * Pure parts of the simulator: energy model, configuration store, charging-profile stacking and composite schedule.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ChargingProfileStore, ConfigurationStore, MeterModel, SimulatedChargePoint } from '../../main/simulator/index.js';
import type { ChargingProfile } from '../../shared/ocpp/messages/common.js';

describe('MeterModel', () => {
  test('integrates energy at the charging power with an injected clock; SoC rises; limit caps power', () => {
    let now = 1_000_000;
    const meter = new MeterModel({ initialWh: 500, maxPowerW: 7200, batteryWh: 72_000, initialSoc: 50 }, () => now);
    assert.equal(meter.wh, 500);
    meter.startCharging();
    now += 3_600_000 / 2; // half an hour at 7.2 kW
    assert.equal(meter.wh, 500 + 3600);
    assert.equal(meter.power, 7200);
    assert.equal(Math.round(meter.soc()), 55);
    meter.setLimitW(4600); // 6.7 A per phase on 3 × 230 V
    now += 3_600_000;
    assert.equal(meter.wh, 500 + 3600 + 4600);
    const sample = meter.sample(['Energy.Active.Import.Register', 'Power.Active.Import', 'Current.Import', 'SoC'], 'Sample.Periodic');
    assert.deepEqual(
      sample.map((s) => [s.measurand, s.value, s.unit]),
      [
        ['Energy.Active.Import.Register', '8700', 'Wh'],
        ['Power.Active.Import', '4600', 'W'],
        ['Current.Import', '6.7', 'A'],
        ['SoC', '61', 'Percent'],
      ],
    );
    meter.stopCharging();
    now += 3_600_000;
    assert.equal(meter.wh, 8700);
    assert.equal(meter.power, 0);
  });

  test('a higher limit is ramped up to at the EV’s rate, a lower one applies at once; energy follows the ramp', () => {
    let now = 0;
    const meter = new MeterModel({ maxPowerW: 11_000, rampUpWPerSec: 1_000, batteryWh: 1_000_000 }, () => now);
    meter.startCharging();
    now += 4_000;
    assert.equal(meter.power, 4_000, 'four seconds into a 1 kW/s ramp');
    now += 20_000;
    assert.equal(meter.power, 11_000, 'the EV maximum, reached after 11 s');
    // 0→11 kW over 11 s (a triangle: 16.8 Wh), then 13 s at 11 kW (39.7 Wh).
    assert.equal(meter.wh, Math.floor((11_000 * 11) / 2 / 3600 + (11_000 * 13) / 3600));
    meter.setLimitW(6_900); // 10 A per phase
    assert.equal(meter.power, 6_900, 'a lower limit at once: a site must never be over its limit while an EV ramps down');
    meter.setLimitW(Infinity);
    now += 1_000;
    assert.equal(meter.power, 7_900);
  });

  test('a limit below the least current an EV charges with (6 A) pauses the power, and lifting it resumes', () => {
    let now = 0;
    const meter = new MeterModel({ maxPowerW: 11_000, batteryWh: 1_000_000 }, () => now);
    meter.startCharging();
    meter.setLimitW(5 * 230 * 3);
    assert.equal(meter.power, 0, '5 A per phase: no power');
    now += 60_000;
    assert.equal(meter.wh, 0);
    meter.setLimitW(6 * 230 * 3);
    assert.equal(meter.power, 6 * 230 * 3, '6 A per phase: charging at the limit');
    const pickier = new MeterModel({ maxPowerW: 11_000, minCurrentA: 8 }, () => now);
    pickier.startCharging();
    pickier.setLimitW(7 * 230 * 3);
    assert.equal(pickier.power, 0, 'an EV that needs 8 A');
  });

  test('a full battery stops taking power', () => {
    let now = 0;
    const meter = new MeterModel({ maxPowerW: 10_000, batteryWh: 10_000, initialSoc: 90 }, () => now);
    meter.startCharging();
    now += 3_600_000;
    assert.equal(meter.power, 0);
    assert.ok(meter.soc() >= 100);
  });
});

describe('ConfigurationStore', () => {
  test('validation by kind, readonly, write-only, max list length', () => {
    const store = new ConfigurationStore({ connectorCount: 3, authorizationKeyHex: '00112233445566778899aabbccddeeff' });
    assert.equal(store.get('NumberOfConnectors'), '3');
    assert.equal(store.change('NumberOfConnectors', '2'), 'Rejected');
    assert.equal(store.change('Unknown', '2'), 'NotSupported');
    assert.equal(store.change('ConnectionTimeOut', '1.5'), 'Rejected');
    assert.equal(store.change('ConnectionTimeOut', '90'), 'Accepted');
    assert.equal(store.change('SecurityProfile', '1'), 'Accepted');
    assert.equal(store.change('SecurityProfile', '0'), 'Rejected', 'the security profile can only be raised');
    assert.equal(
      store.list().some((k) => k.key === 'AuthorizationKey'),
      false,
    );
    assert.equal(
      store.change('MeterValuesSampledData', Array.from({ length: 9 }, () => 'Voltage').join(',')),
      'Rejected',
      'longer than MeterValuesSampledDataMaxLength',
    );
    const changes: string[] = [];
    store.onChange = (k, v) => changes.push(`${k}=${v}`);
    assert.equal(store.change('LocalAuthListEnabled', 'TRUE'), 'Accepted');
    assert.deepEqual(changes, ['LocalAuthListEnabled=true']);
  });
});

describe('ChargingProfileStore', () => {
  const el = { voltage: 230, phases: 3 };
  const base = Date.parse('2030-01-01T00:00:00Z');
  const p = (over: Partial<ChargingProfile>): ChargingProfile => ({
    chargingProfileId: 1,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: { chargingRateUnit: 'A', startSchedule: new Date(base).toISOString(), chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
    ...over,
  });

  test('stacking: higher stack level wins; ChargePointMaxProfile caps; composite has the change points', () => {
    const store = new ChargingProfileStore();
    store.install(0, p({ chargingProfileId: 1, stackLevel: 0 }));
    store.install(
      1,
      p({
        chargingProfileId: 2,
        stackLevel: 1,
        chargingSchedule: {
          chargingRateUnit: 'A',
          startSchedule: new Date(base).toISOString(),
          chargingSchedulePeriod: [
            { startPeriod: 0, limit: 10 },
            { startPeriod: 600, limit: 20 },
          ],
        },
      }),
    );
    store.install(
      0,
      p({
        chargingProfileId: 3,
        chargingProfilePurpose: 'ChargePointMaxProfile',
        chargingSchedule: {
          chargingRateUnit: 'W',
          startSchedule: new Date(base).toISOString(),
          chargingSchedulePeriod: [{ startPeriod: 0, limit: 11040 }],
        },
      }),
    );
    assert.equal(store.limitAt(1, base + 1000, 'A', el), 10);
    assert.equal(store.limitAt(2, base + 1000, 'A', el), 16);
    assert.equal(store.limitAt(1, base + 700_000, 'A', el), 16, 'capped by 11040 W = 16 A');
    const composite = store.composite(1, base, 1200, 'A', el, { A: 32, W: 22080 });
    assert.deepEqual(composite.chargingSchedulePeriod, [
      { startPeriod: 0, limit: 10 },
      { startPeriod: 600, limit: 16 },
    ]);
    assert.equal(composite.startSchedule, '2030-01-01T00:00:00.000Z');
    // Same stack level and purpose on the same connector replaces; same id replaces.
    store.install(1, p({ chargingProfileId: 9, stackLevel: 1 }));
    assert.equal(store.profiles.filter((q) => q.connectorId === 1).length, 1);
    assert.equal(store.clear({ connectorId: 1 }), 1);
    assert.equal(store.clear({ id: 12345 }), 0);
  });

  test('recurring daily profile and fallback outside any profile', () => {
    const store = new ChargingProfileStore();
    store.install(
      1,
      p({
        chargingProfileKind: 'Recurring',
        recurrencyKind: 'Daily',
        chargingSchedule: {
          chargingRateUnit: 'A',
          duration: 3600,
          startSchedule: new Date(base - 10 * 86_400_000).toISOString(),
          chargingSchedulePeriod: [{ startPeriod: 0, limit: 8 }],
        },
      }),
    );
    const composite = store.composite(1, base + 1800_000, 3600, 'A', el, { A: 32, W: 22080 });
    assert.deepEqual(composite.chargingSchedulePeriod, [
      { startPeriod: 0, limit: 8 },
      { startPeriod: 1800, limit: 32 },
    ]);
  });
});

describe('SimulatedChargePoint without a connection', () => {
  test('calls reject at once when not connected; state is initialised; close() is harmless', async () => {
    const cp = new SimulatedChargePoint({ url: 'ws://127.0.0.1:9/ocpp', identity: 'X', connectorCount: 3 });
    assert.equal(cp.state.connectors.length, 4);
    assert.equal(cp.state.connectors[2]?.status, 'Available');
    assert.equal(cp.endpoint, 'ws://127.0.0.1:9/ocpp/X');
    await assert.rejects(cp.heartbeat(), /not connected/);
    await cp.close();
  });

  test('connect to a closed port rejects', async () => {
    const cp = new SimulatedChargePoint({ url: 'ws://127.0.0.1:9/ocpp', identity: 'X' });
    await assert.rejects(cp.connect());
    await cp.close();
  });
});
