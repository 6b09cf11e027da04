import type { TransactionDto } from '../../shared/api/types.js';
import { unconfirmedAfterMs } from '../csms/config/settings.js';
import { isUnconfirmed } from '../csms/domain/concurrent-tx.js';
import type { TransactionRow } from '../csms/storage/repositories/transactions.js';
import type { ApiContext } from './context.js';
import { transactionDto } from './dto.js';

/**
 * Transactions as the operator sees them: each open one is flagged unconfirmed when its station has been unheard for
 * longer than `unconfirmedAfterSec` (the same rule that stops it from blocking its tag, domain/concurrent-tx.ts), and
 * carries the count of anomalies recorded against it. Station times are read once per station per answer.
 */
export function transactionViews(ctx: ApiContext, rows: readonly TransactionRow[]): TransactionDto[] {
  const csms = ctx.csms;
  const nowMs = csms.clock.now().getTime();
  const limitMs = unconfirmedAfterMs(csms.settings());
  const silent = new Map<string, boolean>();
  const stationSilent = (chargePointId: string): boolean => {
    let value = silent.get(chargePointId);
    if (value === undefined) {
      const stored = csms.repos.chargePoints.get(chargePointId)?.last_seen_at ?? null;
      value = isUnconfirmed(csms.lastHeard.latest(chargePointId, stored), nowMs, limitMs);
      silent.set(chargePointId, value);
    }
    return value;
  };
  return rows.map((row) =>
    transactionDto(row, {
      unconfirmed: row.stop_received_at === null && stationSilent(row.charge_point_id),
      anomalyCount: csms.repos.anomalies.count({ transactionId: row.id }),
    }),
  );
}

export function transactionView(ctx: ApiContext, row: TransactionRow): TransactionDto {
  return transactionViews(ctx, [row])[0]!;
}
