/**
 * The benchmark's CPU-profile summary (test/bench/profile.ts): self time charged to the nearest frame of our own
 * code, natives to their caller, and the storage path split into what a storage worker would take.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { REPO_ROOT } from '../bench/child-process.js';
import { summariseProfile } from '../bench/profile.js';

const root = pathToFileURL(REPO_ROOT).href.replace(/\/?$/, '/');
const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, lineNumber: 0 },
  children,
});

test('self time goes to the nearest own frame; natives and Node internals count for their caller', () => {
  const nodes = [
    frame(1, '(root)', '', [2, 3, 4, 10, 11]),
    frame(2, '(idle)', ''),
    frame(3, '(garbage collector)', ''),
    // dispatch (rpc) → savepoint → handler → repository → native run: the native is the repository's.
    frame(4, 'dispatch', `${root}dist/main/csms/rpc/call-dispatcher.js`, [5]),
    frame(5, 'run', `${root}dist/main/csms/storage/savepoint.js`, [6, 12]),
    frame(6, 'meterValues', `${root}dist/main/csms/handlers/meter-values.js`, [7]),
    frame(7, 'insertStaged', `${root}dist/main/csms/storage/repositories/meter-values.js`, [8]),
    frame(8, 'run', '', [9]),
    frame(9, 'someInternal', 'node:internal/x'),
    frame(10, 'send', `${root}node_modules/ws/lib/sender.js`),
    frame(11, 'writev', ''),
    frame(12, 'postMessage', 'node:internal/worker', [13]),
    frame(13, 'post', `${root}dist/main/csms/storage/frame-codec/frame-packer.js`),
  ];
  // Sample → node, each 1 ms: the handler 2, the native under the repository 3, its internal callee 1, idle 4,
  // GC 1, ws 2, a native with no own caller 1, the savepoint itself 1, a pack hand-over frame 1.
  const samples = [6, 6, 8, 8, 8, 9, 2, 2, 2, 2, 3, 10, 10, 11, 5, 13];
  const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const file = join(dir, 'p.cpuprofile');
  writeFileSync(file, JSON.stringify({ nodes, startTime: 0, endTime: 16_000, samples, timeDeltas: samples.map(() => 1000) }));
  const parts = Object.fromEntries(summariseProfile(file).byOwnCode.map((p) => [p.part, p.ms]));
  assert.deepEqual(parts, {
    '(idle)': 4,
    'storage: repositories (statements)': 4,
    'main/csms/handlers': 2,
    ws: 2,
    '(garbage collector)': 1,
    '(Node and natives outside our code)': 1,
    'storage: group commit, savepoints, COMMIT': 1,
    'storage: handing rows to the pack worker': 1,
  });
});
