/**
 * Every list, search and first export page the operator API offers, each as a case of paths with varied
 * parameters (stations, tags, periods, pages), so that repeated calls do not measure one cached answer.
 */
import type { SeededRandom } from '../../support/seeded-random.js';

export interface QueryCase {
  name: string;
  /** The path of one call (the generator varies its parameters). */
  path: () => string;
}

export interface CaseData {
  stationIds: readonly string[];
  idTags: readonly string[];
  transactions: number;
  nowMs: number;
  /** The newest message-log id, for a page deep in the log. */
  maxMessageLogId: number;
  maxAuditId: number;
  maxAnomalyId: number;
}

const DAY_MS = 86_400_000;

export function queryCases(random: SeededRandom, data: CaseData): QueryCase[] {
  const station = () => encodeURIComponent(random.pick(data.stationIds));
  const tag = () => encodeURIComponent(random.pick(data.idTags));
  const txId = () => random.int(1, Math.max(1, data.transactions));
  /** A month-long window somewhere in the 3 years. */
  const month = () => {
    const to = data.nowMs - random.int(0, 34 * 30) * DAY_MS;
    return `from=${new Date(to - 30 * DAY_MS).toISOString()}&to=${new Date(to).toISOString()}`;
  };
  const deepTxId = () => random.int(1, Math.max(1, data.transactions));
  return [
    { name: 'transactions: first page', path: () => '/api/transactions?limit=100' },
    { name: 'transactions: station', path: () => `/api/transactions?chargePointId=${station()}&limit=100` },
    { name: 'transactions: active=true', path: () => '/api/transactions?active=true&limit=100' },
    { name: 'transactions: active=false', path: () => '/api/transactions?active=false&limit=100' },
    { name: 'transactions: month (from/to)', path: () => `/api/transactions?${month()}&limit=100` },
    { name: 'transactions: station + month', path: () => `/api/transactions?chargePointId=${station()}&${month()}&limit=100` },
    { name: 'transactions: station + active=false', path: () => `/api/transactions?chargePointId=${station()}&active=false&limit=100` },
    { name: 'transactions: page 50 (offset 5000)', path: () => '/api/transactions?limit=100&offset=5000' },
    { name: 'transactions: next page (beforeId)', path: () => `/api/transactions?limit=100&beforeId=${deepTxId()}` },
    {
      name: 'transactions: station next page (beforeId)',
      path: () => `/api/transactions?chargePointId=${station()}&limit=100&beforeId=${deepTxId()}`,
    },
    { name: 'transactions.csv: station + month', path: () => `/api/transactions.csv?chargePointId=${station()}&${month()}` },
    { name: 'transaction detail (meter values, anomalies)', path: () => `/api/transactions/${txId()}` },
    { name: 'transaction unassigned meter values', path: () => `/api/transactions/${txId()}/unassigned-meter-values` },
    { name: 'id tags: first page', path: () => '/api/id-tags?limit=100' },
    { name: 'id tags: search', path: () => `/api/id-tags?limit=100&search=${random.pick(['tag00', 'fleet', 'driver 12', 'TAG04', 'x'])}` },
    { name: 'id-tags.csv', path: () => '/api/id-tags.csv' },
    { name: 'id tag transactions', path: () => `/api/id-tags/${tag()}/transactions?limit=100` },
    { name: 'id tag transactions: month', path: () => `/api/id-tags/${tag()}/transactions?${month()}&limit=100` },
    { name: 'stations list', path: () => '/api/charge-points' },
    { name: 'station detail', path: () => `/api/charge-points/${station()}` },
    { name: 'reservations', path: () => '/api/reservations' },
    { name: 'reservations: station', path: () => `/api/reservations?chargePointId=${station()}` },
    { name: 'reservations: status Active', path: () => '/api/reservations?status=Active' },
    { name: 'anomalies: first page', path: () => '/api/anomalies?limit=100' },
    { name: 'anomalies: station', path: () => `/api/anomalies?chargePointId=${station()}&limit=100` },
    {
      name: 'anomalies: since (overview)',
      path: () => `/api/anomalies?since=${new Date(data.nowMs - random.int(1, 30) * DAY_MS).toISOString()}&limit=100`,
    },
    { name: 'anomalies: transaction', path: () => `/api/anomalies?transactionId=${txId()}` },
    { name: 'anomalies: next page (beforeId)', path: () => `/api/anomalies?limit=100&beforeId=${random.int(1, Math.max(1, data.maxAnomalyId))}` },
    { name: 'audit: first page', path: () => '/api/audit?limit=100' },
    { name: 'audit: client', path: () => `/api/audit?limit=100&client=${random.pick(['script', 'console-browser'])}` },
    { name: 'audit: station', path: () => `/api/audit?limit=100&chargePointId=${station()}` },
    { name: 'audit: next page (before)', path: () => `/api/audit?limit=100&before=${random.int(1, Math.max(1, data.maxAuditId))}` },
    { name: 'audit.ndjson: station', path: () => `/api/audit.ndjson?chargePointId=${station()}` },
    { name: 'connection history', path: () => `/api/charge-points/${station()}/connection-events?limit=100` },
    { name: 'refused handshakes', path: () => '/api/handshakes/refused?limit=100' },
    { name: 'security events', path: () => '/api/security-events?limit=100' },
    { name: 'security events: source csms', path: () => '/api/security-events?source=csms&limit=100' },
    {
      name: 'security events: since',
      path: () => `/api/security-events?since=${new Date(data.nowMs - random.int(1, 30) * DAY_MS).toISOString()}&limit=100`,
    },
    { name: 'security events: station', path: () => `/api/charge-points/${station()}/security-events` },
    { name: 'local lists', path: () => '/api/local-lists' },
    { name: 'charging profiles (library)', path: () => '/api/charging-profiles' },
    { name: 'charging profiles installed', path: () => `/api/charge-points/${station()}/charging-profiles` },
    { name: 'file jobs', path: () => `/api/charge-points/${station()}/file-jobs` },
    { name: 'file status', path: () => `/api/charge-points/${station()}/file-status?kind=firmware` },
    { name: 'message log: first page', path: () => '/api/message-log?limit=200' },
    { name: 'message log: station', path: () => `/api/message-log?chargePointId=${station()}&limit=200` },
    { name: 'message log: action', path: () => `/api/message-log?action=${random.pick(['StartTransaction', 'Authorize', 'Reset'])}&limit=200` },
    { name: 'message log: errors only', path: () => '/api/message-log?errorsOnly=true&limit=200' },
    {
      name: 'message log: next page (beforeId)',
      path: () => `/api/message-log?limit=200&beforeId=${random.int(1, Math.max(1, data.maxMessageLogId))}`,
    },
    { name: 'doctor: format refusals', path: () => '/api/doctor/format-refusals' },
    { name: 'status', path: () => '/api/status' },
    { name: 'storage', path: () => '/api/storage' },
  ];
}
