/**
 * The stored side of the soak's reconciliation: the database after the last clean stop, compared with the ledger of
 * what the stations sent and got answered. Per transaction: its start (station, connector, meterStart, timestamp),
 * its stop (meterStop) and its samples (MeterValues and StopTransaction transactionData readings); per station: the
 * status of each connector and a connection history with a disconnect for every connect.
 */
import Database from 'better-sqlite3';
import { CRASH_DISCONNECT_REASON } from '../../main/csms/storage/repositories/connection-events.js';
import type { Ledger } from './ledger.js';

export interface Reconciliation {
  transactionsAcked: number;
  stopsAcked: number;
  samplesAcked: number;
  samplesStored: number;
  transactionsStored: number;
  /** Samples of transactions that also had an unanswered MeterValues: stored may exceed answered by those. */
  samplesWithinUnanswered: number;
  connectorsChecked: number;
  /** Problems, one line each; empty when everything reconciled. */
  problems: string[];
  /** Stored transactions whose StartTransaction went unanswered (allowed: committed, then the reply was lost). */
  storedUnansweredStarts: number;
  impliedDisconnects: number;
  integrity: string;
}

interface TxRow {
  id: number;
  charge_point_id: string;
  connector_id: number;
  meter_start_wh: number;
  started_cp_at: string;
  meter_stop_wh: number | null;
  stop_received_at: string | null;
}

const MAX_PROBLEMS_LISTED = 50;

export function reconcile(file: string, ledger: Ledger, stationPrefix: string): Reconciliation {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const problems: string[] = [];
  const problem = (line: string) => {
    if (problems.length < MAX_PROBLEMS_LISTED) problems.push(line);
    else if (problems.length === MAX_PROBLEMS_LISTED) problems.push('… (more)');
  };
  try {
    const getTx = db.prepare<[number], TxRow>('SELECT * FROM transactions WHERE id = ?');
    const readings = db.prepare<[number], { source: string; n: number }>(
      // source is a code since migration 0012 (1 MeterValues, 2 StopTransaction).
      `SELECT CASE source WHEN 1 THEN 'MeterValues' WHEN 2 THEN 'StopTransaction' ELSE source END AS source, COUNT(*) AS n
       FROM meter_readings WHERE transaction_id = ? GROUP BY 1`,
    );
    const stored = db.prepare<[string], TxRow>("SELECT * FROM transactions WHERE charge_point_id LIKE ? || '%' ORDER BY id").all(stationPrefix);

    let samplesStored = 0;
    let samplesWithinUnanswered = 0;
    for (const [txId, start] of ledger.starts) {
      const tx = getTx.get(txId);
      if (!tx) {
        problem(`transaction ${txId} (${start.station}) was answered but is not stored`);
        continue;
      }
      const sent = [start.station, start.connectorId, start.meterStart, start.timestamp];
      const kept = [tx.charge_point_id, tx.connector_id, tx.meter_start_wh, tx.started_cp_at];
      if (JSON.stringify(sent) !== JSON.stringify(kept))
        problem(`transaction ${txId}: start sent ${JSON.stringify(sent)}, stored ${JSON.stringify(kept)}`);
      const stop = ledger.stops.get(txId);
      const bySource = new Map(readings.all(txId).map((r) => [r.source, r.n]));
      if (stop) {
        if (tx.stop_received_at === null || tx.meter_stop_wh !== stop.meterStop)
          problem(`transaction ${txId}: stop sent meterStop ${stop.meterStop}, stored ${tx.meter_stop_wh} (received ${tx.stop_received_at})`);
        if ((bySource.get('StopTransaction') ?? 0) !== stop.transactionData)
          problem(`transaction ${txId}: ${stop.transactionData} transactionData readings sent, ${bySource.get('StopTransaction') ?? 0} stored`);
      } else if (tx.stop_received_at !== null && !ledger.unansweredStops.has(txId)) {
        // Stopped without an answered or unanswered stop from the station: only the central system may do that.
        const ended = db.prepare<[number], { ended_by: string | null }>('SELECT ended_by FROM transactions WHERE id = ?').get(txId)!.ended_by;
        if (ended === 'station') problem(`transaction ${txId}: stored as stopped by the station, which sent no stop`);
      }
      const answered = ledger.samples.get(txId) ?? 0;
      const unanswered = ledger.unansweredSamples.get(txId) ?? 0;
      const storedSamples = bySource.get('MeterValues') ?? 0;
      samplesStored += storedSamples;
      if (storedSamples < answered || storedSamples > answered + unanswered)
        problem(`transaction ${txId}: ${answered} samples answered (+${unanswered} unanswered), ${storedSamples} stored`);
      else if (unanswered > 0) samplesWithinUnanswered++;
    }

    // Nothing stored that no station sent: every other stored transaction matches an unanswered StartTransaction.
    const unansweredStarts = ledger.unansweredStarts.map((s) => JSON.stringify([s.station, s.connectorId, s.meterStart, s.timestamp]));
    let storedUnansweredStarts = 0;
    for (const tx of stored) {
      if (ledger.starts.has(tx.id)) continue;
      const key = JSON.stringify([tx.charge_point_id, tx.connector_id, tx.meter_start_wh, tx.started_cp_at]);
      const index = unansweredStarts.indexOf(key);
      if (index < 0) problem(`transaction ${tx.id} (${tx.charge_point_id}) is stored but no station sent its start`);
      else {
        unansweredStarts.splice(index, 1);
        storedUnansweredStarts++;
      }
    }
    // A start answered twice would show as two answered transaction ids for one sent start.
    const startKeys = new Set<string>();
    for (const start of ledger.starts.values()) {
      const key = JSON.stringify(start);
      if (startKeys.has(key)) problem(`start ${key} got two transaction ids`);
      startKeys.add(key);
    }

    const connector = db.prepare<[string, number], { status: string }>(
      'SELECT status FROM connectors WHERE charge_point_id = ? AND connector_id = ?',
    );
    let connectorsChecked = 0;
    for (const [station, byConnector] of ledger.statuses) {
      for (const [connectorId, sent] of byConnector) {
        connectorsChecked++;
        const kept = connector.get(station, connectorId)?.status ?? null;
        const allowed = [sent.acked, ...sent.unansweredAfter];
        if (!allowed.includes(kept))
          problem(
            `${station} connector ${connectorId}: last status answered ${sent.acked} (then unanswered: ${sent.unansweredAfter.join(', ') || 'none'}), stored ${kept}`,
          );
      }
    }

    // After the last clean stop every connect has its disconnect, the crash's included.
    const history = db
      .prepare<[string], { id: string; connects: number; disconnects: number }>(
        "SELECT charge_point_id AS id, SUM(event = 'connected') AS connects, SUM(event = 'disconnected') AS disconnects FROM connection_events WHERE charge_point_id LIKE ? || '%' GROUP BY charge_point_id",
      )
      .all(stationPrefix);
    for (const h of history)
      if (h.connects !== h.disconnects) problem(`${h.id}: ${h.connects} connects but ${h.disconnects} disconnects in the connection history`);
    const impliedDisconnects = db
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM connection_events WHERE reason = ?')
      .get(CRASH_DISCONNECT_REASON)!.n;

    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') problem(`integrity_check: ${integrity}`);
    return {
      transactionsAcked: ledger.starts.size,
      stopsAcked: ledger.stops.size,
      samplesAcked: ledger.answeredSampleCount,
      samplesStored,
      transactionsStored: stored.length,
      samplesWithinUnanswered,
      connectorsChecked,
      problems,
      storedUnansweredStarts,
      impliedDisconnects,
      integrity,
    };
  } finally {
    db.close();
  }
}
