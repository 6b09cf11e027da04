/** Open session = a start we answered Accepted whose stop has not arrived; refused starts never count. */
export const ACCEPTED = 'Accepted';

/** A row of `transactions` as SQLite returns it (migration 0001, 0007's `start_note`). */
export interface TransactionRow {
  id: number;
  charge_point_id: string;
  connector_id: number;
  id_tag: string;
  start_status: string;
  reservation_id: number | null;
  meter_start_wh: number;
  started_cp_at: string;
  start_received_at: string;
  meter_stop_wh: number | null;
  stopped_cp_at: string | null;
  stop_received_at: string | null;
  stop_reason: string | null;
  stop_id_tag: string | null;
  ended_by: TransactionEndedBy | null;
  ended_note: string | null;
  last_meter_wh: number | null;
  last_power_w: number | null;
  last_meter_at: string | null;
  /** Why the start was answered as it was, when that needs saying (refusal reason, older sessions of the tag). */
  start_note: string | null;
}

/**
 * Who ended a transaction: the station (its StopTransaction), the central system on evidence that it is over
 * (`superseded`: a new start on its connector; `stale`: its connector reported Available/Preparing since, or it was
 * a refused start the station dropped), or the operator.
 */
export type TransactionEndedBy = 'station' | 'superseded' | 'stale' | 'operator';
