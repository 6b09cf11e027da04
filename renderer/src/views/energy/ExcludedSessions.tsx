import type { EnergyReport } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { ListTable } from '../../components/ListTable.js';
import { Time } from '../../components/Time.js';

/** Why a session was left out of the sums (docs/api.md "Reports"). */
const REASON_WORDS: Record<string, string> = {
  'meter-below-start': 'the end reading is below the start: the meter was reset or replaced, or rolled over',
  implausible: 'more than one session can take (over 1,000 kWh): a reset, or a value in the wrong unit',
};

/** Sessions the report did not count, each with the API's reason. */
export function ExcludedSessions({ report }: { report: EnergyReport }) {
  if (report.excludedCount === 0) return null;
  return (
    <section className="panel" aria-labelledby="energy-excluded-title">
      <h2 id="energy-excluded-title">Left out ({report.excludedCount})</h2>
      <p className="muted">
        These sessions’ figures cannot be right, so they are not in the sums.
        {report.excludedCount > report.excluded.length ? ` The first ${report.excluded.length} are listed.` : ''}
      </p>
      <ListTable
        rows={report.excluded}
        empty=""
        tableLabel="Sessions left out"
        scrollLabel="Sessions left out table"
        rowKey={(e) => e.transactionId}
        columns={[
          { header: 'Transaction', className: 'num', cell: (e) => <a href={href('transactions', e.transactionId)}>{e.transactionId}</a> },
          { header: 'Station', cell: (e) => `${e.chargePointId} #${e.connectorId}` },
          { header: 'Id tag', className: 'mono', cell: (e) => e.idTag },
          { header: 'Started', cell: (e) => <Time value={e.startReceivedAt} /> },
          { header: 'Difference (Wh)', className: 'num', cell: (e) => e.energyWh },
          {
            header: 'Reason',
            cell: (e) => (
              <>
                <span className="mono">{e.reason}</span>: {REASON_WORDS[e.reason] ?? ''}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
