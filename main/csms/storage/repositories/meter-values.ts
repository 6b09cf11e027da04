import type { Db } from '../database.js';

export interface SampledValueRecord {
  chargePointId: string;
  connectorId: number;
  transactionId: number | null;
  timestamp: string;
  value: string;
  measurand: string | null;
  phase: string | null;
  unit: string | null;
  context: string | null;
  location: string | null;
  format: string | null;
  source: 'MeterValues' | 'StopTransaction';
  receivedAt: string;
}

export interface MeterValueRow {
  id: number;
  charge_point_id: string;
  connector_id: number;
  transaction_id: number | null;
  timestamp: string;
  value: string;
  measurand: string | null;
  phase: string | null;
  unit: string | null;
  context: string | null;
  location: string | null;
  format: string | null;
  source: string;
  received_at: string;
}

export class MeterValueRepository {
  private readonly insertStmt;
  private readonly byTransactionStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO meter_values (charge_point_id, connector_id, transaction_id, timestamp, value, measurand, phase, unit, context, location, format, source, received_at)
       VALUES (@chargePointId, @connectorId, @transactionId, @timestamp, @value, @measurand, @phase, @unit, @context, @location, @format, @source, @receivedAt)`,
    );
    this.byTransactionStmt = db.prepare<[number], MeterValueRow>('SELECT * FROM meter_values WHERE transaction_id = ? ORDER BY id');
  }

  insert(record: SampledValueRecord): void {
    this.insertStmt.run(record);
  }

  forTransaction(transactionId: number): MeterValueRow[] {
    return this.byTransactionStmt.all(transactionId);
  }
}
