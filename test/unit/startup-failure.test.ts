/**
 * What a failed start tells the operator (headless prints it, the desktop shell shows it in a dialog) and the
 * data-folder lock inside one process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliError } from '../../main/csms/config/cli.js';
import { LISTENERS, listenOn } from '../../main/csms/network.js';
import { DataFolderInUseError, DataFolderLock } from '../../main/csms/storage/data-folder-lock.js';
import { StorageError } from '../../main/csms/storage/storage-error.js';
import { describeStartupFailure, EXIT_CODES } from '../../main/services/startup-failure.js';

test('a port held in this very process: the ListenError names the listener, port, flag and this process as holder', async () => {
  const holder = createServer();
  const { port } = await listenOn(holder, { port: 0, host: '127.0.0.1' });
  const second = createServer();
  try {
    const err = await listenOn(second, { port, host: '127.0.0.1' }, LISTENERS.api).then(
      () => assert.fail('the second listen must fail'),
      (e: unknown) => e,
    );
    const failure = describeStartupFailure(err);
    assert.equal(failure.exitCode, EXIT_CODES.portUnavailable);
    assert.equal(failure.title, `Port ${port} is already in use`);
    assert.match(failure.message, new RegExp(`operator API and console cannot listen: port ${port} on 127\\.0\\.0\\.1 is already in use`));
    assert.match(failure.message, new RegExp(`held by PID ${process.pid} \\(this process\\)`));
    assert.match(failure.message, /--api-port \(or CSMS_API_PORT\)/);
  } finally {
    holder.close();
  }
});

test('listenOn without a listener name passes the bind error on unchanged', async () => {
  const holder = createServer();
  const { port } = await listenOn(holder, { port: 0, host: '127.0.0.1' });
  try {
    await assert.rejects(
      listenOn(createServer(), { port, host: '127.0.0.1' }),
      (err: NodeJS.ErrnoException) => err.code === 'EADDRINUSE' && !(err instanceof StorageError),
    );
  } finally {
    holder.close();
  }
});

test('a second lock on one data folder in the same process is refused, and free again once released', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csms-lock-'));
  try {
    const first = DataFolderLock.acquire(dir);
    assert.throws(
      () => DataFolderLock.acquire(dir),
      (err: unknown) =>
        err instanceof DataFolderInUseError && err.holder?.pid === process.pid && describeStartupFailure(err).exitCode === EXIT_CODES.dataFolderInUse,
    );
    first.release();
    DataFolderLock.acquire(dir).release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('other failures: invalid options 2, storage 3, anything else 1 with its message', () => {
  assert.equal(describeStartupFailure(new CliError('--ocpp-port: not a port')).exitCode, EXIT_CODES.invalidOption);
  const storage = describeStartupFailure(new StorageError('corrupt', 'The database x is corrupt'));
  assert.equal(storage.exitCode, EXIT_CODES.storage);
  assert.match(storage.message, /\(corrupt\)/);
  const other = describeStartupFailure(new Error('boom'));
  assert.equal(other.exitCode, EXIT_CODES.failure);
  assert.match(other.message, /boom/);
});

test('the desktop shell shows a failed start in a dialog with the same words and exits with the same code', () => {
  const main = readFileSync(new URL('../../main/app/electron-main.ts', import.meta.url), 'utf8');
  assert.match(main, /const failure = describeStartupFailure\(err\);/);
  assert.match(main, /dialog\.showErrorBox\(failure\.title, failure\.message\);/);
  assert.match(main, /app\.exit\(failure\.exitCode\);/);
});
