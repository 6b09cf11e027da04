import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meterDetailCutoff } from '../../main/csms/storage/budget-pruning.js';
import { defaultBudgetMiB, firstStartBudgetMiB, MIN_DEFAULT_BUDGET_MIB } from '../../main/csms/storage/disk-budget.js';
import { validateRuntimeSettings } from '../../main/csms/config/settings.js';

const GIB = 1024 ** 3;

test('the default budget is a quarter of the free space, never below its floor', () => {
  assert.equal(defaultBudgetMiB(100 * GIB), 25 * 1024);
  assert.equal(defaultBudgetMiB(3 * GIB + 123), 768);
  assert.equal(defaultBudgetMiB(200 * 1024 * 1024), MIN_DEFAULT_BUDGET_MIB);
});

test('the budget is recorded once: a stored value (also 0 = no budget) wins over the free space', () => {
  const space = () => ({ freeBytes: 8 * GIB, totalBytes: 64 * GIB });
  assert.equal(firstStartBudgetMiB({}, '/data', space), 2048);
  assert.equal(firstStartBudgetMiB({ dataFolderBudgetMiB: 500 }, '/data', space), null);
  assert.equal(firstStartBudgetMiB({ dataFolderBudgetMiB: 0 }, '/data', space), null);
  assert.equal(
    firstStartBudgetMiB({}, '/data', () => {
      throw new Error('statfs failed');
    }),
    MIN_DEFAULT_BUDGET_MIB,
  );
});

test('meter detail: calendar months back from now, across a year; 0 months = never', () => {
  const now = new Date('2026-03-15T10:00:00.000Z');
  assert.equal(meterDetailCutoff(now, 6), '2025-09-15T10:00:00.000Z');
  assert.equal(meterDetailCutoff(now, 24), '2024-03-15T10:00:00.000Z');
  assert.equal(meterDetailCutoff(now, 0), null);
});

test('the budget settings are checked like the others', () => {
  assert.deepEqual(validateRuntimeSettings({ dataFolderBudgetMiB: 20_480, meterDetailPruneAfterMonths: 24 }), {});
  assert.deepEqual(Object.keys(validateRuntimeSettings({ dataFolderBudgetMiB: -1, meterDetailPruneAfterMonths: 1.5 })).sort(), [
    'dataFolderBudgetMiB',
    'meterDetailPruneAfterMonths',
  ]);
  assert.equal(validateRuntimeSettings({ dataFolderBudgetMiB: '1 GB' }).dataFolderBudgetMiB, 'must be a whole number from 0 to 1,073,741,824 MiB');
});
