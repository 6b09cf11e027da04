/**
 * The log's own lines (main/services/activity-log.ts): the central system's console-style warnings and errors become
 * JSON lines with level, component and the exception, and the level chosen filters them.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { consoleLikeLogger, createLogger } from '../../main/services/activity-log.js';

function capture(level: 'info' | 'warn' | 'error' | 'debug' = 'info') {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => (text += d));
  const log = createLogger({ level, destination: stream });
  return {
    log,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

test("the central system's error with an exception: one JSON line with level, component, message and the error's stack", () => {
  const { log, lines } = capture();
  consoleLikeLogger(log).error('[csms] handler StartTransaction failed for CP-1:', new Error('disk I/O error'));
  const [line] = lines();
  assert.equal(line!.level, 'error');
  assert.equal(line!.component, 'csms');
  assert.equal(line!.msg, 'handler StartTransaction failed for CP-1:');
  assert.equal((line!.err as { message: string }).message, 'disk I/O error');
  assert.match((line!.err as { stack: string }).stack, /disk I\/O error/);
  assert.match(String(line!.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(line!.pid, process.pid);
});

test('format arguments are joined as the console would, and the level filters what is written', () => {
  const { log, lines } = capture('warn');
  const console = consoleLikeLogger(log);
  console.info('[csms] backup %s written', 'csms-x.sqlite');
  console.warn('[api] request failed:', 'socket hang up');
  assert.deepEqual(
    lines().map((l) => [l.level, l.component, l.msg]),
    [['warn', 'api', 'request failed: socket hang up']],
  );
});
