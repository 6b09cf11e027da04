import type { CommissioningRunDto, ListResponse } from '../../../../../shared/api/types.js';
import { ListTable } from '../../../components/ListTable.js';
import { Time } from '../../../components/Time.js';
import { countByStatus, RUN_STATUS_WORDS, statusTone } from './commissioning-model.js';

/** The station's runs, newest first (as GET .../commissioning-runs gives them); "Show" puts one in the run view. */
export function RunHistory({
  runs,
  shownRunId,
  onShow,
}: {
  runs: ListResponse<CommissioningRunDto> | undefined;
  shownRunId: number | null;
  onShow: (runId: number) => void;
}) {
  return (
    <section className="panel" aria-labelledby="commissioning-history-title">
      <h2 id="commissioning-history-title">Runs of this station</h2>
      <ListTable
        rows={runs?.items}
        tableLabel="Commissioning runs"
        scrollLabel="Commissioning runs, scrollable"
        empty="No run yet."
        rowKey={(r) => r.id}
        rowLabel={(r) => `Run ${r.id}`}
        columns={[
          { header: 'Run', className: 'num', cell: (r) => `#${r.id}` },
          {
            header: 'Status',
            cell: (r) => <span className={`badge tone-${statusTone(r.status)}`}>{RUN_STATUS_WORDS[r.status]}</span>,
          },
          { header: 'Template', cell: (r) => r.template ?? <span className="muted">checks chosen one by one</span> },
          { header: 'Checks', cell: (r) => countByStatus(r.checks) },
          { header: 'Run by', cell: (r) => r.operator ?? <span className="muted">not given</span> },
          { header: 'Started', cell: (r) => <Time value={r.startedAt} /> },
          {
            header: <span className="visually-hidden">Show</span>,
            cell: (r) =>
              r.id === shownRunId ? (
                <span className="muted">Shown above</span>
              ) : (
                <button type="button" onClick={() => onShow(r.id)} aria-label={`Show run ${r.id}`}>
                  Show
                </button>
              ),
          },
        ]}
      />
    </section>
  );
}
