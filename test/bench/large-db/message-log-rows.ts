/**
 * The message-log part of the large database, written through `MessageLogRepository.insert` (never raw SQL), so the
 * generated rows follow whatever layout the repository stores (README "Performance", large database).
 *
 * The mix is a depot's day: heartbeats and meter values from every station, status changes, starts and stops, now
 * and then a CALLERROR and an operator's call. Each exchange is the CALL and its answer, a few milliseconds apart.
 */
import type { Db } from '../../../main/csms/storage/database.js';
import type { MessageLogRepository } from '../../../main/csms/storage/repositories/message-log.js';
import type { SeededRandom } from '../../support/seeded-random.js';

export interface MessageLogPlan {
  rows: number;
  stationIds: readonly string[];
  idTags: readonly string[];
  /** First and last time of the log (ms since the epoch). */
  fromMs: number;
  toMs: number;
}

/** Rows per transaction: big enough that the commit cost vanishes, small enough to show progress. */
const BATCH_ROWS = 100_000;

type Exchange = { action: string; direction: 'in' | 'out'; call: (cp: string) => unknown; reply: () => unknown };

function exchanges(random: SeededRandom, idTags: readonly string[]): Array<{ weight: number; exchange: Exchange }> {
  const at = () => new Date().toISOString();
  return [
    { weight: 35, exchange: { action: 'Heartbeat', direction: 'in', call: () => ({}), reply: () => ({ currentTime: at() }) } },
    {
      weight: 40,
      exchange: {
        action: 'MeterValues',
        direction: 'in',
        call: () => ({
          connectorId: random.int(1, 2),
          transactionId: random.int(1, 1_000_000),
          meterValue: [
            {
              timestamp: at(),
              sampledValue: [
                { value: String(random.int(1_000, 90_000)), measurand: 'Energy.Active.Import.Register', unit: 'Wh', context: 'Sample.Periodic' },
                { value: String(random.int(0, 22_000)), measurand: 'Power.Active.Import', unit: 'W', context: 'Sample.Periodic' },
              ],
            },
          ],
        }),
        reply: () => ({}),
      },
    },
    {
      weight: 12,
      exchange: {
        action: 'StatusNotification',
        direction: 'in',
        call: () => ({
          connectorId: random.int(0, 2),
          errorCode: 'NoError',
          status: random.pick(['Available', 'Preparing', 'Charging', 'SuspendedEV', 'Finishing']),
          timestamp: at(),
        }),
        reply: () => ({}),
      },
    },
    {
      weight: 4,
      exchange: {
        action: 'Authorize',
        direction: 'in',
        call: () => ({ idTag: random.pick(idTags) }),
        reply: () => ({ idTagInfo: { status: 'Accepted' } }),
      },
    },
    {
      weight: 4,
      exchange: {
        action: 'StartTransaction',
        direction: 'in',
        call: () => ({ connectorId: random.int(1, 2), idTag: random.pick(idTags), meterStart: random.int(0, 9_000_000), timestamp: at() }),
        reply: () => ({ transactionId: random.int(1, 1_000_000), idTagInfo: { status: 'Accepted' } }),
      },
    },
    {
      weight: 4,
      exchange: {
        action: 'StopTransaction',
        direction: 'in',
        call: () => ({ transactionId: random.int(1, 1_000_000), meterStop: random.int(0, 9_000_000), timestamp: at(), reason: 'Local' }),
        reply: () => ({ idTagInfo: { status: 'Accepted' } }),
      },
    },
    {
      weight: 1,
      exchange: {
        action: random.pick(['GetConfiguration', 'TriggerMessage', 'RemoteStartTransaction', 'Reset']),
        direction: 'out',
        call: () => ({ requestedMessage: 'StatusNotification' }),
        reply: () => ({ status: 'Accepted' }),
      },
    },
  ];
}

/** Insert `plan.rows` rows through the repository, in order of time (ids grow with time, as in a real log). */
export function generateMessageLogRows(
  db: Db,
  repository: MessageLogRepository,
  random: SeededRandom,
  plan: MessageLogPlan,
  progress: (done: number) => void,
): void {
  const mix = exchanges(random, plan.idTags);
  const totalWeight = mix.reduce((sum, m) => sum + m.weight, 0);
  const pickExchange = (): Exchange => {
    let r = random.next() * totalWeight;
    for (const m of mix) if ((r -= m.weight) < 0) return m.exchange;
    return mix[0]!.exchange;
  };
  const stepMs = (plan.toMs - plan.fromMs) / Math.max(1, plan.rows / 2);
  let done = 0;
  let messageSeq = 0;
  const batch = db.transaction((count: number) => {
    for (let i = 0; i < count; i += 2) {
      const exchange = pickExchange();
      const cp = plan.stationIds[random.skewed(plan.stationIds.length, 1.5)]!;
      const callAtMs = plan.fromMs + (done + i) * 0.5 * stepMs;
      const messageId = `${(++messageSeq).toString(36)}-${cp}`;
      const failed = random.chance(0.004);
      const inbound = exchange.direction === 'in';
      // One row per exchange (the CALL with its answer), as the central system writes them: each counts as two of
      // the log's entries (frames), which is what `plan.rows` counts.
      repository.insert({
        at: new Date(callAtMs),
        chargePointId: cp,
        action: exchange.action,
        outbound: !inbound,
        first: { messageType: 2, errorCode: null, frame: JSON.stringify([2, messageId, exchange.action, exchange.call(cp)]) },
        answer:
          i + 1 >= count
            ? undefined
            : {
                at: new Date(callAtMs + random.int(2, 40)),
                messageType: failed ? 4 : 3,
                errorCode: failed ? 'FormationViolation' : null,
                frame: JSON.stringify(
                  failed ? [4, messageId, 'FormationViolation', 'payload does not match the schema', {}] : [3, messageId, exchange.reply()],
                ),
              },
      });
    }
  });
  while (done < plan.rows) {
    const count = Math.min(BATCH_ROWS, plan.rows - done);
    batch(count);
    done += count;
    progress(done);
  }
}
