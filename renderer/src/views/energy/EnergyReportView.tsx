import { useState } from 'react';
import { ApiRequestError } from '../../../../shared/api/errors.js';
import type { EnergyReport, EnergyReportQuery } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { downloadFile, fileStamp } from '../../components/download.js';
import { ExportButton } from '../../components/ExportButton.js';
import { ListTable } from '../../components/ListTable.js';
import { Empty, ErrorBox, Page } from '../../components/Page.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { EnergyBars } from './EnergyBars.js';
import { EnergyReportForm } from './EnergyReportForm.js';
import { buildEnergyQuery, defaultEnergyForm, energyFieldOf, formatKwh, keyLabel, type EnergyForm, type EnergyFormErrors } from './energy-query.js';
import { ExcludedSessions } from './ExcludedSessions.js';
import './energy.css';

const GROUP_HEADER = { site: 'Site', station: 'Station', connector: 'Connector', idTag: 'Id tag', parentIdTag: 'Parent id tag' } as const;

/** Energy charged per day or month and per station, connector or tag (docs/api.md "Reports"), as a table, bars and CSV. */
export default function EnergyReportView() {
  const api = useApi();
  const [form, setForm] = useState<EnergyForm>(() => defaultEnergyForm(Date.now()));
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<EnergyFormErrors>({});
  const [shown, setShown] = useState<{ query: EnergyReportQuery; report: EnergyReport } | null>(null);
  const { query, errors } = buildEnergyQuery(form);
  const fieldErrors: EnergyFormErrors = { ...serverErrors, ...(tried ? errors : {}) };

  const run = useAsyncAction(async () => {
    setTried(true);
    setServerErrors({});
    if (!query) return;
    try {
      setShown({ query, report: await api.energyReport(query) });
    } catch (err) {
      const fields = err instanceof ApiRequestError && err.status === 422 ? (err.details?.fields ?? {}) : null;
      if (!fields) throw err;
      const placed: EnergyFormErrors = {};
      const rest: string[] = [];
      for (const [path, message] of Object.entries(fields)) {
        const field = energyFieldOf(path);
        if (field) placed[field] = message;
        else rest.push(`${path}: ${message}`);
      }
      setServerErrors(placed);
      if (rest.length) throw new Error(rest.join('; '), { cause: err });
    }
  });

  const report = shown?.report;
  return (
    <Page
      title="Energy reports"
      subtitle="Energy charged per day or month, by station, connector or tag."
      actions={
        shown ? (
          <ExportButton
            label="Download CSV"
            exportFile={async () => {
              const csv = await api.exportEnergyReportCsv(shown.query);
              downloadFile(`energy-${shown.query.groupBy}-${fileStamp()}.csv`, csv, 'text/csv;charset=utf-8');
            }}
          />
        ) : null
      }
    >
      <EnergyReportForm
        form={form}
        errors={fieldErrors}
        pending={run.pending}
        onChange={(next) => {
          setForm(next);
          setServerErrors({});
        }}
        onSubmit={run.submit}
      />
      <ErrorBox error={run.error} />
      {report ? (
        <section className="panel" aria-labelledby="energy-result-title">
          <h2 id="energy-result-title">
            {formatKwh(report.totalWh)} kWh in {report.sessions} session{report.sessions === 1 ? '' : 's'}
          </h2>
          <p className="muted">
            Sessions started from <Time value={report.from} /> to <Time value={report.to} /> (not included), days of {report.timeZone}.
          </p>
          {report.items.length === 0 ? (
            <Empty>No energy charged in these days{shown.query.chargePointId ? ` at ${shown.query.chargePointId}` : ''}.</Empty>
          ) : (
            <>
              <EnergyBars report={report} />
              <ListTable
                rows={report.items}
                empty=""
                tableLabel="Energy by period"
                scrollLabel="Energy table"
                rowKey={(i) => `${i.period}|${JSON.stringify(i.key)}`}
                columns={[
                  { header: report.period === 'day' ? 'Day' : 'Month', cell: (i) => i.period },
                  { header: GROUP_HEADER[report.groupBy], cell: (i) => keyLabel(i.key, report.groupBy) },
                  { header: 'Energy (kWh)', className: 'num', cell: (i) => formatKwh(i.energyWh) },
                  { header: 'Sessions', className: 'num', cell: (i) => i.sessions },
                ]}
              />
            </>
          )}
        </section>
      ) : (
        <Empty>Choose the days and press “Show report”.</Empty>
      )}
      {report ? <ExcludedSessions report={report} /> : null}
    </Page>
  );
}
