/**
 * Bytes stored per station-day: what one station's day of ordinary traffic costs the central system's data folder.
 * A few stations each play a whole day as fast as the server answers (timestamps follow the simulated day):
 * MeterValues every 60 s all day (the mix's 7 sampled values), a Heartbeat every 300 s (the default interval), and
 * four charging sessions (Authorize, StatusNotification Preparing, StartTransaction, Charging; then
 * StopTransaction, Finishing, Available). The database + WAL are measured after a TRUNCATE checkpoint before and
 * after the day; the growth divided by the stations is the figure.
 */
import WebSocket from 'ws';
import { checkpointedBytes, endSession, startSession } from './scenarios.js';
import type { Plan } from './config.js';
import { bootNotification, meterValue } from './load/traffic.js';

const IDENTITY_PREFIX = 'BENCH-DAY-';
const ID_TAG_PREFIX = 'TAG';
const MINUTES_PER_DAY = 1440;
const METER_VALUES_EVERY_MIN = 1;
const HEARTBEAT_EVERY_MIN = 5;
/** Session start hours and length: a depot's morning, midday, evening and night charge. */
const SESSION_START_HOURS = [7, 12, 17, 21] as const;
const SESSION_MINUTES = 90;
const DAY_START_MS = Date.UTC(2026, 0, 15);

export interface StationDayFigures {
  stations: number;
  /** CALLs one station sent in its day (each got its answer). */
  messagesPerStationDay: number;
  bytesPerStationDay: number;
  bytesPerMessage: number;
  /** 1 − (answered / sent); must be 0. */
  unanswered: number;
  elapsedSec: number;
}

type DayCall = [action: string, payload: (state: DayState, at: string) => object];

interface DayState {
  idTag: string;
  meterWh: number;
  transactionId: number | undefined;
}

/** One station's day, in order: what to send at each simulated minute. */
function dayPlan(): Array<{ minute: number; call: DayCall }> {
  const plan: Array<{ minute: number; call: DayCall }> = [];
  const status = (s: string): DayCall => ['StatusNotification', (_st, at) => ({ connectorId: 1, errorCode: 'NoError', status: s, timestamp: at })];
  plan.push({ minute: 0, call: status('Available') });
  for (let minute = 0; minute < MINUTES_PER_DAY; minute++) {
    const startsSession = SESSION_START_HOURS.some((h) => h * 60 === minute);
    const endsSession = SESSION_START_HOURS.some((h) => h * 60 + SESSION_MINUTES === minute);
    if (startsSession) {
      plan.push({ minute, call: ['Authorize', (st) => ({ idTag: st.idTag })] });
      plan.push({ minute, call: status('Preparing') });
      plan.push({
        minute,
        call: ['StartTransaction', (st, at) => ({ connectorId: 1, idTag: st.idTag, meterStart: Math.round(st.meterWh), timestamp: at })],
      });
      plan.push({ minute, call: status('Charging') });
    }
    if (endsSession) {
      plan.push({
        minute,
        call: [
          'StopTransaction',
          (st, at) => ({ transactionId: st.transactionId ?? 0, idTag: st.idTag, meterStop: Math.round(st.meterWh), timestamp: at, reason: 'Local' }),
        ],
      });
      plan.push({ minute, call: status('Finishing') });
      plan.push({ minute, call: status('Available') });
    }
    if (minute % METER_VALUES_EVERY_MIN === 0) plan.push({ minute, call: ['MeterValues', (st, at) => meterValue(st, at)] });
    if (minute % HEARTBEAT_EVERY_MIN === 0) plan.push({ minute, call: ['Heartbeat', () => ({})] });
  }
  return plan;
}

/** One station: connect, boot, then the day, one CALL at a time (OCPP-J §4.1.1). Resolves with the CALLs answered. */
async function playDay(url: string, index: number, plan: ReturnType<typeof dayPlan>): Promise<{ sent: number; answered: number }> {
  const ws = new WebSocket(`${url}/${IDENTITY_PREFIX}${index}`, ['ocpp1.6']);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let seq = 0;
  const waiting = new Map<string, (payload: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString('utf8')) as unknown[];
    const settle = waiting.get(String(frame[1]));
    if (!settle) return;
    waiting.delete(String(frame[1]));
    settle(frame[0] === 3 ? (frame[2] as Record<string, unknown>) : { callError: frame[2] });
  });
  const call = (action: string, payload: object) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = String(++seq);
      waiting.set(id, resolve);
      ws.send(JSON.stringify([2, id, action, payload]));
    });
  const state: DayState = { idTag: `${ID_TAG_PREFIX}${index}`, meterWh: 1000, transactionId: undefined };
  let sent = 0;
  let answered = 0;
  const count = (reply: Record<string, unknown>) => {
    sent++;
    if (!('callError' in reply)) answered++;
    return reply;
  };
  count(await call('BootNotification', bootNotification(`${IDENTITY_PREFIX}${index}`)));
  for (const {
    minute,
    call: [action, build],
  } of plan) {
    const at = new Date(DAY_START_MS + minute * 60_000).toISOString();
    if (action === 'MeterValues' && state.transactionId !== undefined) state.meterWh += 7000 / 60;
    const reply = count(await call(action, build(state, at)));
    if (action === 'StartTransaction') state.transactionId = reply.transactionId as number;
    if (action === 'StopTransaction') state.transactionId = undefined;
  }
  ws.close(1000);
  return { sent, answered };
}

export async function stationDayScenario(plan: Plan, stations: number): Promise<StationDayFigures> {
  const session = await startSession('a', plan, stations);
  try {
    const day = dayPlan();
    const before = await checkpointedBytes(session.server);
    const t0 = Date.now();
    const played = await Promise.all(Array.from({ length: stations }, (_, i) => playDay(session.url, i, day)));
    const elapsedSec = (Date.now() - t0) / 1000;
    const after = await checkpointedBytes(session.server);
    const sent = played.reduce((n, p) => n + p.sent, 0);
    const answered = played.reduce((n, p) => n + p.answered, 0);
    const grown = after - before;
    return {
      stations,
      messagesPerStationDay: sent / stations,
      bytesPerStationDay: grown / stations,
      bytesPerMessage: grown / Math.max(1, sent),
      unanswered: sent - answered,
      elapsedSec,
    };
  } finally {
    await endSession(session);
  }
}
