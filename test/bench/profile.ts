/**
 * Summary of a V8 CPU profile (.cpuprofile) of a server child: where the time goes, by function (self and
 * inclusive time) and by module.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './child-process.js';

const ROOT_URL = pathToFileURL(REPO_ROOT).href.replace(/\/?$/, '/');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  where: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  topSelf: ProfileEntry[];
  /** Inclusive time of the project's own functions (main/, shared/): the call paths that cost the most. */
  topInclusiveProject: ProfileEntry[];
  byModule: Array<{ module: string; ms: number; pct: number }>;
  /**
   * Self time charged to the nearest frame of our own code (a native or Node-internal frame counts for the code that
   * called it), with the storage path split out: the rows a storage worker would take off the thread (README
   * "Performance", "What a storage worker can and cannot give").
   */
  byOwnCode: Array<{ part: string; ms: number; pct: number }>;
}

function shortUrl(url: string): string {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  if (url.startsWith(ROOT_URL)) {
    const path = url.slice(ROOT_URL.length);
    // Server (a) runs the dist/ build: its files are named as their sources are.
    return path.startsWith('dist/') ? path.slice('dist/'.length).replace(/\.js$/, '.ts') : path;
  }
  return url.replace(/^file:\/\//, '');
}

/** The project's own code (tsx-transpiled: V8's line numbers are not the source's, so they are left out). */
function isProject(url: string): boolean {
  return ['main/', 'shared/', 'dist/main/', 'dist/shared/'].some((dir) => url.startsWith(`${ROOT_URL}${dir}`));
}

function moduleOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native: sqlite, sockets, JSON…)';
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  const short = shortUrl(url);
  if (url.includes('/node_modules/')) {
    const parts = short.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return short.split('/').slice(0, 3).join('/');
}

/** What the nearest frame of our own code belongs to; storage is split by what a storage worker would take. */
function ownPart(url: string): string {
  const short = shortUrl(url);
  if (short === 'main/csms/storage/frame-codec/frame-packer.ts') return 'storage: handing rows to the pack worker';
  if (short === 'main/csms/storage/wal-sync.ts') return 'storage: handing the WAL sync to the thread pool';
  if (short === 'main/csms/storage/group-commit.ts' || short === 'main/csms/storage/savepoint.ts') return 'storage: group commit, savepoints, COMMIT';
  if (short.startsWith('main/csms/storage/')) return 'storage: repositories (statements)';
  return moduleOf(url, '');
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frameName = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = isProject(url) ? shortUrl(url) : url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    return { name: functionName || '(anonymous)', where };
  };
  // A native function (better-sqlite3's run/exec/get, a socket write) is named after its JS caller, which says what it did.
  const keyOf = (node: ProfileNode) => {
    const { name, where } = frameName(node);
    if (where || name.startsWith('(')) return `${name}|${where}`;
    const caller = parent.has(node.id) ? byId.get(parent.get(node.id)!) : undefined;
    const from = caller ? frameName(caller) : undefined;
    return `${name} (native)|${from ? `called by ${from.name} ${from.where}` : ''}`;
  };

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const modules = new Map<string, number>();
  const parts = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i] is the time since the previous sample: charge it to this sample.
    const delta = profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    total += delta;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + delta);
    const module = moduleOf(node.callFrame.url, node.callFrame.functionName);
    modules.set(module, (modules.get(module) ?? 0) + delta);
    let part = node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : '(Node and natives outside our code)';
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const url = byId.get(id)!.callFrame.url;
      if (isProject(url) || url.includes('/node_modules/')) {
        part = ownPart(url);
        break;
      }
    }
    parts.set(part, (parts.get(part) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!;
      if (!isProject(frame.callFrame.url)) continue;
      const k = keyOf(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + delta);
    }
  }
  const entries = (map: Map<string, number>): ProfileEntry[] =>
    [...map.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([key, us]) => {
        const [name, where] = key.split('|') as [string, string];
        return { name, where, ms: us / 1000, pct: total > 0 ? (us / total) * 100 : 0 };
      });
  return {
    file,
    totalMs: total / 1000,
    topSelf: entries(self),
    topInclusiveProject: entries(inclusive),
    byModule: [...modules.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 12)
      .map(([module, us]) => ({ module, ms: us / 1000, pct: total > 0 ? (us / total) * 100 : 0 })),
    byOwnCode: [...parts.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 14)
      .map(([part, us]) => ({ part, ms: us / 1000, pct: total > 0 ? (us / total) * 100 : 0 })),
  };
}
