/**
 * The central system's log (README "The log"): one JSON line per thing an operator or a service manager wants to
 * know, written with pino. Stations connecting, booting, being refused and disconnecting, operator calls and how
 * they ended, and the central system's own warnings and errors. Quiet at steady state: heartbeats, meter values and
 * status notifications are not logged (they are in the message log), unless the level is `debug`.
 */
import { format } from 'node:util';
import pino, { type Logger } from 'pino';
import type { CentralSystem } from '../csms/central-system.js';
import type { OperatorOperations, SettledCall } from '../csms/operations/operator-operations.js';
import type { LogLevel } from '../csms/log-levels.js';
import { CallFailure } from '../csms/rpc/errors.js';

export type { Logger } from 'pino';

/** WebSocket close codes of an orderly goodbye (RFC 6455 §7.4.1): anything else is logged as a warning. */
const ORDERLY_CLOSE_CODES = new Set([1000, 1001]);

/**
 * A logger writing JSON lines to `destination` (default stdout): `level` as a word, `time` in ISO 8601 UTC, `pid`,
 * `msg`, and the fields of the line. Written synchronously: the volume is low, and a line is never lost in a crash.
 */
export function createLogger(options: { level?: LogLevel; destination?: NodeJS.WritableStream | number } = {}): Logger {
  const destination =
    typeof options.destination === 'object' ? options.destination : pino.destination({ dest: options.destination ?? 1, sync: true });
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/**
 * The central system's own messages ("[csms] commit failed: …") as log lines with `component` and, for an Error
 * argument, `err` (message and stack), for the parts that take a console-like logger.
 */
export function consoleLikeLogger(log: Logger): Pick<Console, 'info' | 'warn' | 'error'> {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const err = args.find((a): a is Error => a instanceof Error);
      const text = format(...args.filter((a) => a !== err));
      const tagged = /^\[(\w+)\]\s*/.exec(text);
      const fields = { component: tagged ? tagged[1] : 'csms', ...(err ? { err } : {}) };
      log[level](fields, tagged ? text.slice(tagged[0].length) : text);
    };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

/** Log what happens to stations and operator calls; returns a function that stops logging. */
export function attachActivityLog(services: { csms: CentralSystem; operations: OperatorOperations }, log: Logger): () => void {
  const { csms } = services;
  const stops = [
    csms.events.on('chargePoint.connected', ({ chargePointId, remoteAddress }) =>
      log.info({ event: 'connect', chargePointId, remoteAddress }, `${chargePointId} connected from ${remoteAddress ?? 'an unknown address'}`),
    ),
    csms.events.on('chargePoint.booted', ({ chargePointId, status }) => {
      const station = csms.services.stations.get(chargePointId);
      const fields = {
        event: 'boot',
        chargePointId,
        status,
        vendor: station?.vendor ?? null,
        model: station?.model ?? null,
        firmwareVersion: station?.firmware_version ?? null,
      };
      (status === 'Accepted' ? log.info : log.warn).call(
        log,
        fields,
        `${chargePointId} booted (${[fields.vendor, fields.model].filter(Boolean).join(' ') || 'vendor unknown'}): ${status}`,
      );
    }),
    csms.events.on('handshake.refused', ({ identity, reason, httpStatus, remoteAddress, detail }) =>
      log.warn(
        { event: 'refused', chargePointId: identity, reason, httpStatus, remoteAddress, detail },
        `refused a connection${identity ? ` of ${identity}` : ''} from ${remoteAddress ?? 'an unknown address'}: ${reason} (HTTP ${httpStatus})`,
      ),
    ),
    csms.events.on('chargePoint.disconnected', ({ chargePointId, code, reason }) =>
      (ORDERLY_CLOSE_CODES.has(code) ? log.info : log.warn).call(
        log,
        { event: 'disconnect', chargePointId, code, reason },
        `${chargePointId} disconnected: close code ${code}${reason ? ` (${reason})` : ''}`,
      ),
    ),
    services.operations.onSettled((settled) => logOperatorCall(log, settled)),
  ];
  if (log.isLevelEnabled('debug')) {
    stops.push(
      csms.events.on('message.logged', ({ chargePointId, direction, action, messageType, errorCode }) =>
        log.debug(
          { event: 'frame', chargePointId, direction, action, messageType, errorCode },
          `${direction === 'in' ? 'from' : 'to'} ${chargePointId}: ${action ?? `message type ${messageType}`}`,
        ),
      ),
    );
  }
  return () => {
    for (const stop of stops) stop();
  };
}

function logOperatorCall(log: Logger, { chargePointId, action, outcome, failure }: SettledCall): void {
  const base = { event: 'call', chargePointId, action };
  if (outcome?.kind === 'result') {
    const status = typeof outcome.payload.status === 'string' ? outcome.payload.status : null;
    const fields = { ...base, outcome: 'result', status, violations: outcome.violations.length };
    const answer = `${status ?? 'answered'}${outcome.violations.length ? ` (${outcome.violations.length} schema violations in the answer)` : ''}`;
    (outcome.violations.length ? log.warn : log.info).call(log, fields, `${action} to ${chargePointId}: ${answer}`);
  } else if (outcome?.kind === 'error') {
    log.warn(
      { ...base, outcome: 'error', errorCode: outcome.error.code, description: outcome.error.description },
      `${action} to ${chargePointId}: CALLERROR ${outcome.error.code}${outcome.error.description ? ` (${outcome.error.description})` : ''}`,
    );
  } else if (failure instanceof CallFailure) {
    log.warn({ ...base, outcome: 'failed', code: failure.code }, `${action} to ${chargePointId} failed: ${failure.message}`);
  } else {
    log.error(
      { ...base, outcome: 'failed', err: failure },
      `${action} to ${chargePointId} failed: ${failure instanceof Error ? failure.message : String(failure)}`,
    );
  }
}
