/**
 * The budget a site shares at a minute of its day (main/csms/sites/site-budget.ts): the limit in force, W → A per
 * phase, the margin, rounding down to 0.1 A (OCPP 1.6 §7 ChargingSchedulePeriod.limit takes one decimal).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limitInForceA, limitPerPhaseA, periodCoversMinute, siteBudgetA, type SiteLimits } from '../../../main/csms/sites/index.js';

const hhmm = (h: number, m: number) => h * 60 + m;

test('a limit in A per phase less a 10 % margin', () => {
  assert.equal(siteBudgetA({ limitA: 100, phases: 3, marginPct: 10 }, 0), 90);
  assert.equal(siteBudgetA({ limitA: 100, phases: 1, marginPct: 0 }, 0), 100);
});

test('W become A per phase: W / (V × phases), 230 V by default', () => {
  // 69 kW over 3 phases at 230 V is 100 A per phase.
  assert.equal(limitPerPhaseA({ limitW: 69_000 }, 3), 100);
  assert.equal(siteBudgetA({ limitW: 69_000, phases: 3, marginPct: 10 }, 0), 90);
  // The same power on one phase is three times the current.
  assert.equal(siteBudgetA({ limitW: 69_000, phases: 1, marginPct: 0 }, 0), 300);
  // Another voltage: 120 V × 1 phase.
  assert.equal(siteBudgetA({ limitW: 12_000, phases: 1, voltageV: 120, marginPct: 0 }, 0), 100);
});

test('the budget is rounded down to 0.1 A, never up', () => {
  // 11 kW / (230 V × 3) = 15.942… A.
  assert.equal(siteBudgetA({ limitW: 11_000, phases: 3, marginPct: 0 }, 0), 15.9);
  // 100 A less 7.5 % = 92.5 A exactly; 8.9 A must not turn into 8.8 A through float noise.
  assert.equal(siteBudgetA({ limitA: 100, phases: 3, marginPct: 7.5 }, 0), 92.5);
  assert.equal(siteBudgetA({ limitA: 8.9, phases: 3, marginPct: 0 }, 0), 8.9);
  // 33.33 A less 3 % = 32.3301 → 32.3.
  assert.equal(siteBudgetA({ limitA: 33.33, phases: 3, marginPct: 3 }, 0), 32.3);
});

test('a schedule period that wraps midnight, in W at 3 phases and 230 V', () => {
  const limits: SiteLimits = {
    limitA: 100,
    phases: 3,
    marginPct: 0,
    // 22:00 to 06:00, 41.4 kW = 60 A per phase.
    schedule: [{ fromMinute: hhmm(22, 0), toMinute: hhmm(6, 0), limitW: 41_400 }],
  };
  assert.equal(siteBudgetA(limits, hhmm(21, 59)), 100);
  assert.equal(siteBudgetA(limits, hhmm(22, 0)), 60);
  assert.equal(siteBudgetA(limits, hhmm(23, 59)), 60);
  assert.equal(siteBudgetA(limits, hhmm(0, 0)), 60);
  assert.equal(siteBudgetA(limits, hhmm(5, 59)), 60);
  assert.equal(siteBudgetA(limits, hhmm(6, 0)), 100, 'toMinute is exclusive');
  assert.equal(siteBudgetA({ ...limits, marginPct: 10 }, hhmm(3, 0)), 54);
});

test('where periods overlap the lowest limit wins; outside them the base limit applies', () => {
  const limits: SiteLimits = {
    limitA: 100,
    phases: 3,
    marginPct: 0,
    schedule: [
      { fromMinute: hhmm(7, 0), toMinute: hhmm(20, 0), limitA: 80 },
      { fromMinute: hhmm(17, 0), toMinute: hhmm(19, 0), limitA: 50 },
      { fromMinute: hhmm(18, 0), toMinute: hhmm(18, 30), limitW: 48_300 }, // 70 A: higher, does not win
    ],
  };
  assert.equal(limitInForceA(limits, hhmm(6, 59)), 100);
  assert.equal(limitInForceA(limits, hhmm(8, 0)), 80);
  assert.equal(limitInForceA(limits, hhmm(18, 15)), 50);
  assert.equal(limitInForceA(limits, hhmm(19, 30)), 80);
  assert.equal(limitInForceA(limits, hhmm(20, 0)), 100);
});

test('a period replaces the base limit (it may be higher) and a 0 limit stops charging', () => {
  const limits: SiteLimits = {
    limitA: 50,
    phases: 3,
    marginPct: 0,
    schedule: [
      { fromMinute: 0, toMinute: hhmm(6, 0), limitA: 120 },
      { fromMinute: hhmm(17, 0), toMinute: hhmm(19, 0), limitA: 0 },
    ],
  };
  assert.equal(siteBudgetA(limits, hhmm(3, 0)), 120);
  assert.equal(siteBudgetA(limits, hhmm(18, 0)), 0);
  assert.equal(siteBudgetA(limits, hhmm(12, 0)), 50);
});

test('a period covers [from, to); minutes outside one day are taken modulo the day', () => {
  const period = { fromMinute: 600, toMinute: 660 };
  assert.equal(periodCoversMinute(period, 600), true);
  assert.equal(periodCoversMinute(period, 659.5), true);
  assert.equal(periodCoversMinute(period, 660), false);
  assert.equal(periodCoversMinute(period, 600 + 1440), true);
  assert.equal(periodCoversMinute(period, 600 - 1440), true);
  assert.equal(periodCoversMinute({ fromMinute: 0, toMinute: 1440 }, 1439), true);
});
