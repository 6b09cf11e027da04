/**
 * The commissioning report as a printable HTML page: the station's identity, each check with its result and evidence,
 * the configuration read, who ran it and when, and what changed since the previous run. Self-contained (inline CSS,
 * no script), so it prints to PDF from any browser or from the desktop shell. Everything shown is escaped.
 */
import type { CommissioningCheckResult, CommissioningRunDto } from '../../../shared/api/types.js';

const escape = (value: string | number | null | undefined): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STATUS_WORDS: Record<CommissioningCheckResult['status'], string> = {
  pending: 'Not run',
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
  skipped: 'Skipped',
  'needs-technician': 'Needs the technician',
};

function json(value: unknown): string {
  return escape(JSON.stringify(value, null, 2));
}

function check(result: CommissioningCheckResult, previous: string | undefined): string {
  const evidence = result.exchanges
    .map(
      (x) =>
        `<details><summary>${escape(x.action)} at ${escape(x.at)}${x.error ? ` — ${escape(x.error)}` : ''}</summary><pre>${json(x.request)}</pre>${
          x.response ? `<pre>${json(x.response)}</pre>` : ''
        }</details>`,
    )
    .join('');
  const values = Object.keys(result.values).length ? `<pre>${json(result.values)}</pre>` : '';
  const changed = previous
    ? `<p class="changed">Was ${escape(STATUS_WORDS[previous as CommissioningCheckResult['status']] ?? previous)} in the previous run.</p>`
    : '';
  return `<section class="check ${escape(result.status)}"><h3><span class="status">${escape(STATUS_WORDS[result.status])}</span> ${escape(result.title)}</h3>
<p>${escape(result.summary)}</p>${changed}${values}${evidence}</section>`;
}

export function renderReportHtml(run: CommissioningRunDto): string {
  const counts = run.checks.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.status]: (acc[c.status] ?? 0) + 1 }), {});
  const summary = Object.entries(counts)
    .map(([status, n]) => `${n} ${escape(STATUS_WORDS[status as CommissioningCheckResult['status']].toLowerCase())}`)
    .join(', ');
  const configuration = run.configuration
    ? `<h2>Configuration read</h2><table><thead><tr><th>Key</th><th>Value</th><th>Read-only</th></tr></thead><tbody>${run.configuration
        .map((e) => `<tr><td>${escape(e.key)}</td><td>${escape(e.value ?? '')}</td><td>${e.readonly ? 'yes' : 'no'}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const s = run.station;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Commissioning report ${escape(run.chargePointId)} #${run.id}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin-top:1.5rem}h3{font-size:1rem;margin:0 0 .25rem}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}
.check{border:1px solid #bbb;border-left-width:6px;padding:.5rem .75rem;margin:.5rem 0;break-inside:avoid}
.passed{border-left-color:#1a7f37}.failed,.needs-technician{border-left-color:#b42318}.skipped,.pending{border-left-color:#888}
.status{display:inline-block;min-width:9rem}.changed{font-style:italic}
pre{background:#f4f4f4;padding:.4rem;overflow-x:auto;font-size:12px;white-space:pre-wrap}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;font-size:12px}
@media print{details{display:block}details>summary{list-style:none}details:not([open])>pre{display:block}}
</style></head><body>
<h1>Commissioning report: ${escape(run.chargePointId)}</h1>
<p><strong>${escape(run.status === 'passed' ? 'Passed' : run.status === 'failed' ? 'Failed' : run.status === 'running' ? 'Running' : 'Stopped before the end')}</strong>: ${summary}.</p>
<dl>
<dt>Station</dt><dd>${escape(s.vendor)} ${escape(s.model)}</dd>
<dt>Serial</dt><dd>${escape(s.serial ?? 'not reported')}</dd>
<dt>Firmware</dt><dd>${escape(s.firmware ?? 'not reported')}</dd>
<dt>Security profile</dt><dd>${s.securityProfile}</dd>
<dt>Run</dt><dd>#${run.id}${run.template ? `, template ${escape(run.template)}` : ''}, connector ${run.connectorId}, test tag ${escape(run.testIdTag)}</dd>
<dt>Run by</dt><dd>${escape(run.operator ?? 'not given')}</dd>
<dt>Started</dt><dd>${escape(run.startedAt)}</dd>
<dt>Finished</dt><dd>${escape(run.finishedAt ?? 'not yet')}</dd>
${run.previousRunId !== null ? `<dt>Previous run</dt><dd>#${run.previousRunId}; ${Object.keys(run.changedSincePrevious ?? {}).length} check(s) changed</dd>` : ''}
</dl>
<h2>Checks</h2>
${run.checks.map((c) => check(c, run.changedSincePrevious?.[c.id])).join('\n')}
${configuration}
</body></html>
`;
}
