/**
 * The start's integrity check in a process of its own (storage/startup-integrity.ts): its verdict within the start's
 * budget, the critical storage alert when it finds damage after the start went on, and a stop that does not wait for
 * it (README "Backups and restore", integrity check at start).
 */
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from '../../main/csms/storage/database.js';
import { StartupIntegrityCheck } from '../../main/csms/storage/startup-integrity.js';

const folders: string[] = [];
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A database built by the app holding `rows` rows of ~1 KB, closed cleanly. */
function buildDatabase(rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'csms-integrity-'));
  folders.push(dir);
  const file = join(dir, 'csms.sqlite');
  const db = openDatabase({ file, syncMode: 'NORMAL' });
  const insert = db.prepare(
    "INSERT INTO audit_log (at, client, method, path, action, status, request, duration_ms) VALUES (?, 'script', 'POST', '/api/x', 'x', 200, ?, 1)",
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(new Date(1.7e12 + i * 1000).toISOString(), 'r'.repeat(1000));
  })();
  db.close();
  return file;
}

/** Garbage over three pages in the middle of the file: what a torn write or a bad sector leaves. */
function damage(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
}

function recordingLogger() {
  const lines: { level: 'info' | 'error'; text: string }[] = [];
  return {
    lines,
    info: (text: string) => lines.push({ level: 'info', text }),
    error: (text: string) => lines.push({ level: 'error', text }),
  };
}

async function settled(check: StartupIntegrityCheck): Promise<void> {
  while (check.state().state === 'running') await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('integrity check of the start', () => {
  test('a sound database: no problems within the budget, no alert', async () => {
    const check = StartupIntegrityCheck.begin(buildDatabase(500));
    assert.deepEqual(await check.resultWithin(30_000), []);
    assert.equal(check.state().state, 'ok');
    assert.deepEqual(check.alerts(), []);
  });

  test('a damaged database found within the budget: the problems are returned, as the start refuses it', async () => {
    const file = buildDatabase(3000);
    damage(file);
    const problems = await StartupIntegrityCheck.begin(file).resultWithin(30_000);
    assert.ok(problems && problems.length > 0, 'quick_check must report the damage');
  });

  test('damage found after the start went on: logged as an error and shown as a critical storage alert', async () => {
    const file = buildDatabase(3000);
    damage(file);
    const check = StartupIntegrityCheck.begin(file);
    // No time at all: the check's process has not even started, so the start goes on without its verdict.
    assert.equal(await check.resultWithin(0), undefined);
    const logger = recordingLogger();
    check.continueInBackground(logger);
    await settled(check);
    assert.equal(check.state().state, 'problems');
    const [alert] = check.alerts();
    assert.equal(alert?.kind, 'integrity');
    assert.equal(alert?.level, 'critical');
    assert.match(alert?.text ?? '', /damaged.*restore/s);
    assert.equal(logger.lines.filter((l) => l.level === 'error').length, 1, JSON.stringify(logger.lines));
  });

  test('stopping ends a check still running at once, without an alert', async () => {
    const check = StartupIntegrityCheck.begin(buildDatabase(3000));
    const started = performance.now();
    await check.stop();
    assert.ok(performance.now() - started < 5_000);
    assert.deepEqual(check.alerts(), []);
  });
});
