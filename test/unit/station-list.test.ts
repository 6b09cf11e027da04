/**
 * The station list (`GET /api/charge-points`) is built in one pass over every station and every connector
 * (storage/reader/station-list.ts `stationListBody`, run by the reader worker): it must say exactly what building each
 * station on its own says (its record with the time heard in memory, its connectors read by station, connected or
 * not), whatever the order in which stations and connectors were written.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chargePointDto, stationListBody, type StationLiveState } from '../../main/csms/storage/reader/station-list.js';
import { laterHeard } from '../../main/csms/storage/repositories/stored-times.js';
import { openDatabase } from '../../main/csms/storage/database.js';
import { createRepositories } from '../../main/csms/storage/repositories/index.js';
import { SeededRandom } from '../support/seeded-random.js';
import { LastHeard } from '../../main/csms/domain/last-heard.js';
import { CsmsEvents } from '../../main/csms/domain/events.js';
import { StationDirectory } from '../../main/csms/services/station-directory.js';
import { GroupCommit } from '../../main/csms/storage/group-commit.js';
import type { DatabaseReader } from '../../main/csms/storage/reader/database-reader.js';
import type { StationLiveState as LiveState } from '../../main/csms/storage/reader/station-list.js';

/** Ids whose text order differs from their creation order and from their numeric order. */
const IDS = ['CP-10', 'CP-9', 'cp-a', 'CP-A', 'A', 'Z-1', 'CP-100', 'b', 'CP-1', 'CP-2', 'x y', 'CP-3'];

describe('the station list in one pass', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    test(`is what each station built on its own says (seed ${seed})`, () => {
      const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
      const repos = createRepositories(db);
      const rnd = new SeededRandom(seed);
      let second = 0;
      const at = () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString();
      const ids = rnd.shuffled(IDS);
      for (const id of ids) repos.chargePoints.create({ id, registrationStatus: 'Accepted', now: at() });
      // Connectors reported in a random order across stations; some stations never report any.
      for (let i = 0; i < 40; i++) {
        const id = rnd.pick(ids.slice(0, ids.length - 3));
        repos.connectors.recordStatus({
          chargePointId: id,
          connectorId: rnd.below(4),
          status: rnd.pick(['Available', 'Charging', 'Faulted']),
          errorCode: 'NoError',
          receivedAt: at(),
        });
      }
      for (const id of ids) if (rnd.chance(0.6)) repos.chargePoints.markSeen(id, at());
      // Heard in memory: some later than stored, some earlier, some not at all.
      const heardMs: StationLiveState['heardMs'] = ids
        .filter(() => rnd.chance(0.7))
        .map((id) => [id, Date.UTC(2026, 0, 1, 0, 0, rnd.below(second + 20))]);
      const live: StationLiveState = { connected: ids.filter(() => rnd.chance(0.5)), heardMs };

      const listed = stationListBody(repos.chargePoints.list(), repos.connectors.listAll(), live);

      const heard = new Map(heardMs);
      const connected = new Set(live.connected);
      const oneByOne = repos.chargePoints.list().map((row) => {
        const lastSeenAt = laterHeard(heard.get(row.id), row.last_seen_at);
        return chargePointDto({ ...row, last_seen_at: lastSeenAt }, connected.has(row.id), repos.connectors.list(row.id));
      });
      assert.deepEqual(listed, { items: oneByOne, total: IDS.length });
      assert.ok(
        listed.items.some((item) => item.connectors.length > 1),
        'some stations have several connectors',
      );
      assert.ok(
        listed.items.some((item) => item.connectors.length === 0),
        'some have none',
      );
      assert.ok(
        heardMs.some(([id, ms]) => listed.items.find((item) => item.id === id)?.lastSeenAt === new Date(ms).toISOString()),
        'a time heard in memory shows',
      );
      db.close();
    });
  }

  test('a time heard in memory shows only when it is later than the stored one', () => {
    assert.equal(laterHeard(undefined, null), null);
    assert.equal(laterHeard(undefined, '2026-01-01T00:00:05.000Z'), '2026-01-01T00:00:05.000Z');
    assert.equal(laterHeard(Date.parse('2026-01-01T00:00:06.000Z'), '2026-01-01T00:00:05.000Z'), '2026-01-01T00:00:06.000Z');
    assert.equal(laterHeard(Date.parse('2026-01-01T00:00:04.000Z'), '2026-01-01T00:00:05.000Z'), '2026-01-01T00:00:05.000Z');
    assert.equal(laterHeard(Date.parse('2026-01-01T00:00:04.000Z'), null), '2026-01-01T00:00:04.000Z');
  });

  test('is read again when a station connected or left while it was read, at most three times', async () => {
    const db = openDatabase({ file: ':memory:', syncMode: 'NORMAL' });
    const repos = createRepositories(db);
    const clock = { now: () => new Date('2026-01-01T00:00:00.000Z') };
    const connected = new Set<string>();
    const registry = { ids: () => [...connected], changeCount: 0 };
    // Each read is answered as the worker would, but a station connects while the first ones run.
    const asked: LiveState[] = [];
    let connectDuringReads = 1;
    const reader = {
      run: (_name: string, { live }: { live: LiveState }) => {
        asked.push(live);
        if (connectDuringReads-- > 0) {
          connected.add(`CP-${asked.length}`);
          registry.changeCount++;
        }
        return Promise.resolve(new TextEncoder().encode(JSON.stringify(live.connected)));
      },
    } as unknown as DatabaseReader;
    const lastHeard = new LastHeard(clock, () => undefined);
    const stations = new StationDirectory(repos, new GroupCommit(db), new CsmsEvents(), clock, lastHeard, console, reader, registry);

    const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as string[];
    assert.deepEqual(decode(await stations.listJson()), ['CP-1'], 'the second read, made with the station connected');
    assert.equal(asked.length, 2);

    asked.length = 0;
    connectDuringReads = 10;
    await stations.listJson();
    assert.equal(asked.length, 3, 'while stations keep connecting, three reads and no more');

    asked.length = 0;
    connectDuringReads = 0;
    await stations.listJson();
    assert.equal(asked.length, 1, 'a quiet read is answered at once');

    // Some stations only: the live state sent along is theirs alone.
    asked.length = 0;
    for (const id of ['CP-1', 'CP-5', 'CP-9']) lastHeard.heard(id);
    assert.deepEqual(decode(await stations.listJson(['CP-9', 'CP-1', 'CP-7'])), ['CP-1']);
    assert.deepEqual(
      asked[0]!.heardMs.map(([id]) => id),
      ['CP-1', 'CP-9'],
    );
    db.close();
  });
});
