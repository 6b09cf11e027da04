/**
 * `npm run bench:console -- --cpu-profile`: a CPU profile of the page during each view's window, taken with the
 * DevTools protocol's sampling profiler, written as a `.cpuprofile` (open it in Chromium's DevTools, Performance
 * panel) and summarised as the functions with the most self time, so a slow view points at its own code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CDPSession } from '@playwright/test';

/** A node of the sampling profile, as the DevTools protocol's Profiler domain returns it. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface HotFunction {
  /** `name (file:line)`, the line 1-based. */
  where: string;
  selfMs: number;
  selfPct: number;
}

/** Sampling every 250 µs: fine enough for frames of 16 ms, light enough not to change them much. */
const SAMPLING_INTERVAL_US = 250;

export async function startCpuProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await cdp.send('Profiler.start');
}

/** Stops the profiler, writes the profile to `file` and returns the `top` functions by self time. */
export async function stopCpuProfile(cdp: CDPSession, file: string, top = 15): Promise<HotFunction[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.send('Profiler.disable');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profile));
  const samples = profile.samples?.length ?? 0;
  if (samples === 0) return [];
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / samples;
  const bySite = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.slice(url.lastIndexOf('/') + 1) : '';
    const where = `${functionName || '(anonymous)'}${file ? ` (${file}:${lineNumber + 1})` : ''}`;
    bySite.set(where, (bySite.get(where) ?? 0) + hits);
  }
  return [...bySite]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, hits]) => ({ where, selfMs: hits * msPerSample, selfPct: (100 * hits) / samples }));
}
