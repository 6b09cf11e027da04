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
  const { startup } = parseCli(['--ocpp-port', '9000', '--data-dir', '/tmp/x'], {
    CSMS_OCPP_PORT: '7000',
    CSMS_DATA_DIR: '/tmp/y',
    CSMS_API_PORT: '7001',
  });
  assert.deepEqual([startup.ocppPort, startup.dataDir, startup.apiPort], [9000, '/tmp/x', 7001]);
});

test('runtime overrides are validated with clear messages', () => {
  assert.deepEqual(parseCli(['--registration-policy', 'accept', '--timestamp-ms', 'true'], {}).overrides, {
    registrationPolicy: 'accept',
    timestampMilliseconds: true,
  });
  assert.throws(
    () => parseCli(['--ocpp-port', '70000'], {}),
    (e: unknown) => e instanceof CliError && /port number/.test(e.message),
  );
  assert.throws(
    () => parseCli(['--registration-policy', 'maybe'], {}),
    (e: unknown) => e instanceof CliError && e.message === '--registration-policy must be one of pending, accept, reject, got "maybe"',
  );
  assert.throws(
    () => parseCli(['--heartbeat-interval', 'soon'], {}),
    (e: unknown) => e instanceof CliError && e.message === '--heartbeat-interval must be a whole number from 1 to 86,400 s, got "soon"',
  );
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

test('file services options: defaults, flags over environment, off, ranges, validation', () => {
  const defaults = parseCli([], {}).startup;
  assert.deepEqual([defaults.filePort, defaults.ftpPort, defaults.ftpPassivePorts, defaults.advertisedHost], [8182, 2121, [50000, 50019], undefined]);
  const set = parseCli(['--file-port', '0', '--ftp-passive-ports', '40000-40009', '--advertised-host', 'depot.lan'], {
    CSMS_FILE_PORT: '9999',
    CSMS_FTP_PORT: 'off',
  }).startup;
  assert.deepEqual([set.filePort, set.ftpPort, set.ftpPassivePorts, set.advertisedHost], [0, null, [40000, 40009], 'depot.lan']);
  assert.equal(parseCli([], { CSMS_FTP_PORT: '2200', CSMS_ADVERTISED_HOST: '192.168.1.5' }).startup.ftpPort, 2200);
  assert.throws(
    () => parseCli(['--file-port', 'x'], {}),
    (e: unknown) => e instanceof CliError && /--file-port/.test(e.message),
  );
  assert.throws(
    () => parseCli(['--ftp-port', '-1'], {}),
    (e: unknown) => e instanceof CliError && /--ftp-port/.test(e.message),
  );
  assert.throws(
    () => parseCli(['--ftp-passive-ports', '50010-50000'], {}),
    (e: unknown) => e instanceof CliError && /--ftp-passive-ports/.test(e.message),
  );
  assert.throws(() => parseCli(['--ftp-passive-ports', '5000'], {}), CliError);
  assert.throws(
    () => parseCli(['--advertised-host', 'a b'], {}),
    (e: unknown) => e instanceof CliError && /--advertised-host/.test(e.message),
  );
});
