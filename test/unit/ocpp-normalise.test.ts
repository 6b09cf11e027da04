import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ocppMessages } from '../../shared/ocpp/actions.js';
import { normalisePayload } from '../../shared/ocpp/normalise.js';
import { createOcppValidator } from '../../shared/ocpp/validator.js';

const validator = createOcppValidator();

test('a sloppy StatusNotification is put right field by field and then validates; the input is left as it was', () => {
  const sloppy = { connectorId: '2', errorCode: 'NOERROR', status: 'suspendedEV', timestamp: '2026-03-01 08:00:00.250' };
  const copy = structuredClone(sloppy);
  const { value, changes } = normalisePayload(ocppMessages.StatusNotification.request, sloppy);
  assert.deepEqual(value, { connectorId: 2, errorCode: 'NoError', status: 'SuspendedEV', timestamp: '2026-03-01T08:00:00.250Z' });
  assert.deepEqual(changes.map((c) => c.path).sort(), ['/connectorId', '/errorCode', '/status', '/timestamp']);
  assert.deepEqual(sloppy, copy);
  assert.deepEqual(validator.request('StatusNotification', value), { ok: true });
});

test('what cannot be read without guessing is left for the validator: unknown enum values, fractions for integers, times with a zone, text that is not a number', () => {
  const payload = { connectorId: '1.5', errorCode: 'Broken', status: 'Available', timestamp: '2026-03-01T08:00:00+02:00' };
  const { value, changes } = normalisePayload(ocppMessages.StatusNotification.request, payload);
  assert.deepEqual(changes, []);
  assert.equal(value, payload, 'nothing changed: the same object');
  const meter = normalisePayload(ocppMessages.StartTransaction.request, {
    connectorId: 1,
    idTag: 'T',
    meterStart: '12 kWh',
    timestamp: '2026-03-01T08:00:00Z',
  });
  assert.deepEqual(meter.changes, []);
});

test('nested arrays are walked: sampled values given as numbers become strings, measurands get their case', () => {
  const { value, changes } = normalisePayload(ocppMessages.MeterValues.request, {
    connectorId: 1,
    meterValue: [{ timestamp: '2026-03-01T08:00:00', sampledValue: [{ value: 12.5, unit: 'kwh' }, { value: '7' }] }],
  });
  assert.deepEqual(value, {
    connectorId: 1,
    meterValue: [{ timestamp: '2026-03-01T08:00:00Z', sampledValue: [{ value: '12.5', unit: 'kWh' }, { value: '7' }] }],
  });
  assert.deepEqual(
    changes.map((c) => c.path),
    ['/meterValue/0/timestamp', '/meterValue/0/sampledValue/0/value', '/meterValue/0/sampledValue/0/unit'],
  );
});
