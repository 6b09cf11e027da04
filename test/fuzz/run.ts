/**
 * The long fuzz run: `npm run fuzz -- --frames 1000000 [--seed N] [--lanes 64]`. The central system runs in a child
 * process (its memory measured alone, a crash is its exit); the result goes to bench-results/fuzz-latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchChild, REPO_ROOT } from '../bench/child-process.js';
import type { ServerSnapshot } from '../bench/servers/runtime.js';
import { memoryGrowthMiB, runCampaign, type CampaignResult } from './campaign.js';

const { values } = parseArgs({
  options: { frames: { type: 'string' }, seed: { type: 'string' }, lanes: { type: 'string' }, out: { type: 'string' } },
});
const frames = Number(values.frames ?? 1_000_000);
const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
const lanes = Number(values.lanes ?? 64);
const maxFrameBytes = 256 * 1024;
console.log(`fuzz: ${frames} frames, ${lanes} connections, seed ${seed} (replay with --seed ${seed} --lanes ${lanes})`);

const child = BenchChild.spawn({
  entry: '../fuzz/server-child.ts',
  nodeFlags: ['--expose-gc'],
  config: { limits: { badMessageBudget: 0, maxFrameBytes }, overrides: { registrationPolicy: 'pending' } },
});
const { port } = await child.waitForEvent<{ port: number }>('ready');
const snapshot = () => child.request<ServerSnapshot>('snapshot', { gc: true });
const started = new Date();
let result: CampaignResult;
try {
  result = await runCampaign(
    {
      url: (identity) => `ws://127.0.0.1:${port}/ocpp/${encodeURIComponent(identity)}`,
      maxFrameBytes,
      register: (stations) => child.request('register', stations),
      memory: async () => {
        const s = await snapshot();
        return { rss: s.rss, heapUsed: s.heapUsed };
      },
    },
    {
      seed,
      frames,
      lanes,
      sampleEveryMs: 10_000,
      onProgress: (sent, ms) => console.log(`  ${sent} frames, ${Math.round(sent / (ms / 1000))}/s`),
    },
  );
} catch (err) {
  console.error('fuzz run failed:', err);
  await child.kill();
  process.exit(1);
}
const alive = child.alive;
const final = await snapshot();
await child.request('stop').catch(() => {});
await child.exited;

const growth = memoryGrowthMiB(result);
const first = result.memory[0]!;
const last = result.memory.at(-1)!;
const mib = (n: number) => (n / 2 ** 20).toFixed(1);
const heartbeatOk = Array.isArray(result.heartbeatAfter) && result.heartbeatAfter[0] === 3;
const pass = result.failureCount === 0 && alive && heartbeatOk && growth.heapUsed < 48;
const table = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `| \`${k}\` | ${v} |`)
    .join('\n');
const md = `# Fuzz run (README "Fuzzing and soak")

- Started ${started.toISOString()}, ${(result.elapsedMs / 1000).toFixed(0)} s; Node ${process.version}; command \`npm run fuzz -- --frames ${frames} --seed ${seed} --lanes ${lanes}\`
- **${result.framesSent.toLocaleString('en')} frames** from ${lanes} connections at once (${Math.round(result.framesPerSec)} frames/s), every protocol state: ${Object.entries(
  result.perState,
)
  .map(([k, v]) => `${k} ${v}`)
  .join(', ')}
- Oracle failures: **${result.failureCount}**${result.failureCount ? ` (first: \`${JSON.stringify(result.failures[0])}\`)` : ''}
- Server process alive at the end: **${alive ? 'yes' : 'NO'}**; a valid Heartbeat afterwards: **${heartbeatOk ? 'answered (CALLRESULT)' : `NOT answered: ${JSON.stringify(result.heartbeatAfter)}`}**; ${result.reconnects} reconnects after the expected closes
- Server memory after forced GC: RSS ${mib(first.rss)} → ${mib(last.rss)} MiB, heap ${mib(first.heapUsed)} → ${mib(last.heapUsed)} MiB; growth after warm-up (a fifth of the frames): RSS ${growth.rss.toFixed(1)} MiB, heap ${growth.heapUsed.toFixed(1)} MiB; open fds at the end ${String((final.extra as { fds?: number }).fds)}
- Verdict: **${pass ? 'PASS' : 'FAIL'}**

Server limits for the run: maxFrameBytes ${maxFrameBytes}, bad-message budget off (so each connection keeps its protocol state; the budget has its own tests in test/integration/limits.test.ts).

## Memory samples (server, after GC)

| t (s) | frames | RSS MiB | heap MiB |
|---:|---:|---:|---:|
${result.memory.map((m) => `| ${(m.atMs / 1000).toFixed(0)} | ${m.sent} | ${mib(m.rss)} | ${mib(m.heapUsed)} |`).join('\n')}

## Answers by code

| code | count |
|---|---:|
${table(result.codes)}

Connection closes expected by the generator: ${JSON.stringify(result.closes)} (1007 invalid UTF-8 in a text frame, 1009 frame over maxFrameBytes).

## Frames by mutation

| mutation | frames |
|---|---:|
${table(result.perMutation)}
`;
const dir = join(REPO_ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(values.out ?? join(dir, 'fuzz-latest.md'), md);
console.log(md.split('\n').slice(0, 9).join('\n'));
process.exit(pass ? 0 : 1);
