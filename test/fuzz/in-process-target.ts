/** The fuzz target for the test runner: a central system in this process (memory includes the fuzzer's). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FuzzTarget } from './campaign.js';
import type { LimitedCsms } from './server.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function inProcessTarget(h: LimitedCsms): FuzzTarget {
  return {
    url: (identity) => h.url(identity),
    maxFrameBytes: h.csms.limits.maxFrameBytes,
    async register(stations) {
      for (const s of stations) await h.csms.services.stations.upsert({ id: s.id, registrationStatus: s.status });
    },
    async memory() {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const m = process.memoryUsage();
      return { rss: m.rss, heapUsed: m.heapUsed };
    },
  };
}
