/**
 * How long a station waits for its answers while the operator's heaviest reads run (README "Performance", large
 * database): one station sends Heartbeats back to back, first alone, then while two clients run text searches of
 * the message log, the connection doctor's refusal count and transaction CSV exports without pause. On the thread
 * that answers stations each such read would hold every answer up; read by the reader worker they should not.
 */
import WebSocket from 'ws';

export interface AnswerTimes {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export interface AnswersUnderReads {
  quiet: AnswerTimes;
  underReads: AnswerTimes;
  /** Heavy reads completed while the station was timed. */
  heavyReads: number;
  heavyReadErrors: number;
}

const PHASE_MS = 8_000;
const READ_CLIENTS = 2;
const STATION_ID = 'BENCH-LIVE';

function summary(times: number[]): AnswerTimes {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { samples: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? NaN };
}

async function heartbeatsFor(socket: WebSocket, durationMs: number): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + durationMs;
  let n = 0;
  while (performance.now() < until) {
    const id = `hb-${n++}`;
    const sent = performance.now();
    await new Promise<void>((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData) => {
        // Text frames arrive as one Buffer (ws's default binaryType, 'nodebuffer').
        const text = (data as Buffer).toString('utf8');
        if (!text.includes(`"${id}"`)) return;
        socket.off('message', onMessage);
        if (!text.startsWith('[3,')) reject(new Error(`Heartbeat answered with ${text}`));
        else resolve();
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify([2, id, 'Heartbeat', {}]));
    });
    times.push(performance.now() - sent);
    // A station's pace, not a flood: the answers are what is timed, not the server's capacity.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return times;
}

export async function measureAnswersUnderReads(options: {
  apiUrl: string;
  ocppPort: number;
  token: string;
  /** Heavy read paths, taken in turn by each client. */
  heavyPaths: () => string;
}): Promise<AnswersUnderReads> {
  const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
  const put = await fetch(`${options.apiUrl}/api/charge-points/${STATION_ID}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ registrationStatus: 'Accepted', securityProfile: 0 }),
  });
  if (!put.ok) throw new Error(`PUT ${STATION_ID}: HTTP ${put.status} ${await put.text()}`);
  const socket = new WebSocket(`ws://127.0.0.1:${options.ocppPort}/ocpp/${STATION_ID}`, 'ocpp1.6');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  try {
    await heartbeatsFor(socket, 1_000);
    const quiet = await heartbeatsFor(socket, PHASE_MS);
    let reading = true;
    let heavyReads = 0;
    let heavyReadErrors = 0;
    const clients = Array.from({ length: READ_CLIENTS }, async () => {
      while (reading) {
        const res = await fetch(`${options.apiUrl}${options.heavyPaths()}`, { headers });
        await res.arrayBuffer();
        if (res.ok) heavyReads++;
        else heavyReadErrors++;
      }
    });
    const underReads = await heartbeatsFor(socket, PHASE_MS);
    reading = false;
    await Promise.all(clients);
    return { quiet: summary(quiet), underReads: summary(underReads), heavyReads, heavyReadErrors };
  } finally {
    socket.close();
  }
}
