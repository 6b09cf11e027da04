/** Command-line flags → the run plan. `npm run bench -- --help` prints them. */

export type ServerKey = 'a' | 'b' | 'c';
export type ScenarioName = 'storm' | 'idle' | 'steady' | 'saturation' | 'station-day';

export const SERVERS: Record<ServerKey, { label: string; entry: string }> = {
  a: { label: '(a) central system', entry: './servers/csms.ts' },
  b: { label: '(b) bare ws', entry: './servers/bare-ws.ts' },
  c: { label: '(c) ocpp-rpc strict', entry: './servers/ocpp-rpc.ts' },
};

export interface Plan {
  quick: boolean;
  servers: ServerKey[];
  scenarios: ScenarioName[];
  stormStations: number;
  steadyStations: number[];
  saturationStations: number;
  /** Stations that each play one day of traffic, for the bytes stored per station-day. */
  dayStations: number;
  steady: { warmupMs: number; durationMs: number };
  saturation: { warmupMs: number; durationMs: number };
  /** Quiet time after the storm before the idle-memory reading. */
  idleSettleMs: number;
  syncMode: 'FULL' | 'NORMAL';
  sourceAddresses: number;
  /** Run more, CPU-profiled passes of (a) (their figures are kept apart: the profiler costs CPU). */
  profile: boolean;
  /** Total time the run may spend waiting for other processes on the machine to go quiet before a measurement. */
  quietWaitMs: number;
  /** No more waiting or reruns after this long since the start (keeps the default run under 10 minutes). */
  extraTimeUntilMs: number;
  outDir: string;
}

export const USAGE = `npm run bench -- [flags]
  --quick                  small fleet, short windows (under a minute)
  --scenario a,b           storm, idle, steady, saturation, station-day (default: all; storm and idle share
                           one run; station-day measures bytes stored per station-day, central system only)
  --stations N[,M]         steady-fleet sizes; storm/idle use the largest (default 5000,10000; quick 500)
  --storm-stations N       storm/idle size (default 10000; quick 1000)
  --saturation-stations N  closed-loop stations (default 1000; quick 200)
  --day-stations N         stations playing a day each in station-day (default 20; quick 5)
  --servers a,b,c          which servers to measure (default all)
  --duration S             measurement window of steady and saturation, seconds
  --sync FULL|NORMAL       central system's SQLite synchronous mode (default FULL, as shipped)
  --source-addresses K     spread client sockets over 127.0.0.1..K (default 1)
  --profile                extra CPU-profiled runs of (a): saturation, and the smallest steady fleet and the
                           storm when their scenarios are run, summarised in the report
  --quiet-wait S           before each run, wait for the machine to be idle, at most S seconds in all
                           (default 120; quick 0). A run disturbed by other processes (> 25 % of a core)
                           is repeated while the first 6 minutes last; the least disturbed result is kept.
  --out DIR                results folder (default bench-results)`;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive integer, got "${value}"`);
  return n;
}

/**
 * `--name value`, `--name=value` and bare `--name` (true) into a map; anything else, or a flag not in `known`, is an
 * error that shows `usage`. Shared by the benchmark's command lines.
 */
export function readFlags(argv: string[], known: readonly string[], usage: string): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"\n${usage}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(name, argv[++i]!);
    else flags.set(name, true);
  }
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown flag --${name}\n${usage}`);
  return flags;
}

export function parseFlags(argv: string[]): Plan | 'help' {
  const known = [
    'quick',
    'scenario',
    'stations',
    'storm-stations',
    'saturation-stations',
    'day-stations',
    'servers',
    'duration',
    'sync',
    'source-addresses',
    'profile',
    'quiet-wait',
    'out',
    'help',
  ];
  const flags = readFlags(argv, known, USAGE);
  if (flags.has('help')) return 'help';
  const str = (name: string) => (typeof flags.get(name) === 'string' ? (flags.get(name) as string) : undefined);

  const quick = flags.has('quick');
  const scenarios = (
    list(str('scenario')).length ? list(str('scenario')) : ['storm', 'idle', 'steady', 'saturation', 'station-day']
  ) as ScenarioName[];
  for (const s of scenarios) if (!['storm', 'idle', 'steady', 'saturation', 'station-day'].includes(s)) throw new Error(`unknown scenario "${s}"`);
  const servers = (list(str('servers')).length ? list(str('servers')) : ['a', 'b', 'c']) as ServerKey[];
  for (const s of servers) if (!(s in SERVERS)) throw new Error(`unknown server "${s}" (a, b or c)`);
  const steadyStations = list(str('stations')).map((v) => positiveInt('--stations', v));
  const durationMs = str('duration') ? positiveInt('--duration', str('duration')) * 1000 : undefined;
  const sync = (str('sync') ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') throw new Error('--sync is FULL or NORMAL');

  const steady = steadyStations.length ? steadyStations : quick ? [500] : [5000, 10_000];
  return {
    quick,
    servers,
    scenarios,
    steadyStations: steady,
    stormStations: str('storm-stations')
      ? positiveInt('--storm-stations', str('storm-stations'))
      : steadyStations.length
        ? Math.max(...steady)
        : quick
          ? 1000
          : 10_000,
    saturationStations: str('saturation-stations') ? positiveInt('--saturation-stations', str('saturation-stations')) : quick ? 200 : 1000,
    dayStations: str('day-stations') ? positiveInt('--day-stations', str('day-stations')) : quick ? 5 : 20,
    steady: { warmupMs: quick ? 1000 : 4000, durationMs: durationMs ?? (quick ? 4000 : 15_000) },
    saturation: { warmupMs: quick ? 1000 : 3000, durationMs: durationMs ?? (quick ? 3000 : 10_000) },
    idleSettleMs: quick ? 300 : 1000,
    syncMode: sync,
    sourceAddresses: str('source-addresses') ? positiveInt('--source-addresses', str('source-addresses')) : 1,
    profile: flags.has('profile'),
    quietWaitMs: str('quiet-wait') !== undefined ? Number(str('quiet-wait')) * 1000 : quick ? 0 : 120_000,
    extraTimeUntilMs: quick ? 0 : 360_000,
    outDir: str('out') ?? 'bench-results',
  };
}
