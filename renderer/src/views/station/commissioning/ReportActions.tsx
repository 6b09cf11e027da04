import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CommissioningRunDto } from '../../../../../shared/api/types.js';
import type { SaveReportPdfOutcome } from '../../../../../shared/api/ipc.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { downloadFile } from '../../../components/download.js';
import { errorMessage } from '../../../components/error-message.js';
import { ExportButton } from '../../../components/ExportButton.js';
import { ErrorBox } from '../../../components/Page.js';
import { useApi } from '../../../store/connection.js';
import { pdfOutcomeText } from './pdf-outcome.js';
import { reportDocumentOf, type ReportDocument } from './report-document.js';

const PRINTING_CLASS = 'printing-commissioning-report';

function reportPath(run: CommissioningRunDto, file: 'report.html' | 'report.json'): string {
  return `/api/charge-points/${encodeURIComponent(run.chargePointId)}/commissioning-runs/${run.id}/${file}`;
}

/**
 * The run's report: shown in the console ("Open report"), as the JSON file (report.json), or as PDF: the desktop
 * shell renders and saves it (window.desktopShell); a browser prints the report shown, its print dialog saves PDF.
 */
export function ReportActions({ run }: { run: CommissioningRunDto }) {
  const api = useApi();
  const [report, setReport] = useState<ReportDocument | null>(null);
  const [open, setOpen] = useState(false);
  const [pdfOutcome, setPdfOutcome] = useState<SaveReportPdfOutcome | null>(null);
  const desktopShell = window.desktopShell;
  // The report follows the run while it goes on: fetched again as checks end.
  const version = `${run.status}:${run.checks.filter((c) => c.finishedAt).length}`;

  const load = useAsyncAction(async () => {
    const html = await api.request<string>('GET', reportPath(run, 'report.html'));
    setReport(reportDocumentOf(html));
  });
  useEffect(() => {
    if (open) load.run();
    // `load` runs the latest render's fetch; only opening and the run's progress fetch again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, version]);

  const savePdf = useAsyncAction(async () => {
    setPdfOutcome(null);
    if (desktopShell) {
      try {
        setPdfOutcome(await desktopShell.saveCommissioningReportPdf({ chargePointId: run.chargePointId, runId: run.id }));
      } catch (err) {
        setPdfOutcome({ kind: 'failed', message: errorMessage(err) });
      }
      return;
    }
    // Print once the report is on screen (flushSync renders it now); the print stylesheet shows only it.
    const shown = reportDocumentOf(await api.request<string>('GET', reportPath(run, 'report.html')));
    flushSync(() => {
      setReport(shown);
      setOpen(true);
    });
    document.body.classList.add(PRINTING_CLASS);
    try {
      window.print();
    } finally {
      document.body.classList.remove(PRINTING_CLASS);
    }
  });

  return (
    <div className="commissioning-report-actions">
      <div className="row">
        <button type="button" aria-expanded={open} aria-controls={`commissioning-report-${run.id}`} onClick={() => setOpen(!open)}>
          {open ? 'Close report' : 'Open report'}
        </button>
        <button type="button" onClick={savePdf.run} disabled={savePdf.pending}>
          {savePdf.pending ? 'Saving…' : 'Save as PDF'}
        </button>
        <ExportButton
          label="Download JSON"
          exportFile={async () => {
            const json = await api.request<unknown>('GET', reportPath(run, 'report.json'));
            downloadFile(`commissioning-${run.chargePointId}-${run.id}.json`, JSON.stringify(json, null, 2), 'application/json;charset=utf-8');
          }}
        />
        {!desktopShell ? <span className="muted">Save as PDF opens the report and your browser's print dialog: choose “Save as PDF”.</span> : null}
      </div>
      {pdfOutcome ? (
        <p
          role={pdfOutcome.kind === 'failed' ? 'alert' : 'status'}
          className={pdfOutcome.kind === 'failed' ? 'field-error' : 'muted'}
          aria-label="PDF outcome"
        >
          {pdfOutcomeText(pdfOutcome)}
        </p>
      ) : null}
      {open ? (
        <div id={`commissioning-report-${run.id}`}>
          <ErrorBox error={load.error} />
          {report ? (
            <article
              className="commissioning-report"
              aria-label={report.title || 'Commissioning report'}
              // Inert markup only (see report-document.ts): what the server's report page shows.
              dangerouslySetInnerHTML={{ __html: report.bodyHtml }}
            />
          ) : (
            <p className="muted">Loading…</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
