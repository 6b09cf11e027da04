import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError, parseCli } from '../../main/csms/config/cli.js';
import { DEFAULT_OCPP_PORT, resolveRuntimeSettings, DEFAULT_RUNTIME_SETTINGS } from '../../main/csms/config/settings.js';
import { defaultDataDir } from '../../main/csms/config/app-paths.js';

test('defaults: OCPP on all interfaces at the documented port, API on loopback, FULL durability', () => {
  const { startup, overrides } = parseCli([], {});
  assert.equal(startup.ocppHost, '0.0.0.0');
  assert.equal(startup.ocppPort, DEFAULT_OCPP_PORT);
  assert.equal(startup.apiHost, '127.0.0.1');
  assert.equal(startup.syncMode, 'FULL');
  assert.deepEqual(overrides, {});
});

test('flags win over environment variables', () => {
  const { startup } = parseCli(['--ocpp-port', '9000', '--data-dir', '/tmp/x'], { CSMS_OCPP_PORT: '7000', CSMS_DATA_DIR: '/tmp/y', CSMS_API_PORT: '7001' });
  assert.deepEqual([startup.ocppPort, startup.dataDir, startup.apiPort], [9000, '/tmp/x', 7001]);
});

test('runtime overrides are validated with clear messages', () => {
  assert.deepEqual(parseCli(['--registration-policy', 'accept', '--timestamp-ms', 'true'], {}).overrides, { registrationPolicy: 'accept', timestampMilliseconds: true });
  assert.throws(() => parseCli(['--ocpp-port', '70000'], {}), (e: unknown) => e instanceof CliError && /port number/.test(e.message));
  assert.throws(() => parseCli(['--registration-policy', 'maybe'], {}), (e: unknown) => e instanceof CliError && /registrationPolicy/.test(e.message));
  assert.throws(() => parseCli(['--heartbeat-interval', 'soon'], {}), CliError);
  assert.throws(() => parseCli(['--no-such-flag'], {}), CliError);
});

test('stored settings that no longer validate fall back to the defaults', () => {
  const resolved = resolveRuntimeSettings({ heartbeatIntervalSec: -5, callTimeoutMs: 5_000, junk: 1 });
  assert.equal(resolved.heartbeatIntervalSec, DEFAULT_RUNTIME_SETTINGS.heartbeatIntervalSec);
  assert.equal(resolved.callTimeoutMs, 5_000);
});

test('the data folder defaults to the OS app-data location', () => {
  assert.match(defaultDataDir({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux'), /^\/home\/u\/\.config\/ocpp-operator-console$/);
  assert.match(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32'), /ocpp-operator-console$/);
  assert.match(defaultDataDir({}, 'darwin'), /Library\/Application Support\/ocpp-operator-console$/);
});
