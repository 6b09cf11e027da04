import { Fragment, useState } from 'react';
import type { AuditClient, AuditEntryDto, AuditQuery, ListResponse } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { downloadFile, fileStamp } from '../../components/download.js';
import { ExportButton } from '../../components/ExportButton.js';
import { JsonView } from '../../components/JsonView.js';
import { Empty, ErrorBox, Page, TableScroll } from '../../components/Page.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { useLiveQuery } from '../../store/live-query.js';
import { countText } from '../../components/count.js';
import './audit.css';

const PAGE_SIZE = 100;

export const CLIENT_LABEL: Record<AuditClient, string> = {
  'console-window': 'Console window',
  'console-browser': 'Console in a browser',
  script: 'Script (API)',
};

/** Any change may have been an operator action: re-read at most once a second while events come. */
const ANY_EVENT = () => true;

function StatusCell({ status }: { status: number }) {
  const tone = status < 300 ? 'ok' : status < 500 ? 'warn' : 'bad';
  return <span className={`badge tone-${tone}`}>{status}</span>;
}

/**
 * What operators did through the operator API (docs/api.md "Audit trail"): every call to a station, setting, id tag
 * and station edit, with the client that did it (this console's window, a console in a browser, a script), when,
 * what was sent and what came back. Newest first; filter by client or station; export as NDJSON.
 */
export default function AuditView() {
  const api = useApi();
  const [client, setClient] = useState<AuditClient | ''>('');
  const [station, setStation] = useState('');
  const [pages, setPages] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const query: AuditQuery = { limit: PAGE_SIZE * pages, client: client || undefined, chargePointId: station.trim() || undefined };
  const list = useLiveQuery<ListResponse<AuditEntryDto>>(`audit:${client}:${station.trim()}:${pages}`, () => api.listAudit(query), {
    events: ANY_EVENT,
    throttleMs: 1000,
  });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const capped = list.data?.totalCapped ?? false;

  const exportNdjson = async () => {
    const text = await api.exportAuditNdjson({ client: query.client, chargePointId: query.chargePointId });
    downloadFile(`audit-${fileStamp()}.ndjson`, text, 'application/x-ndjson;charset=utf-8');
  };

  return (
    <Page
      title="Audit trail"
      subtitle={
        list.data ? `${countText(total, capped)} operator action${total === 1 ? '' : 's'}: calls, settings, id tags, stations, files` : undefined
      }
      actions={<ExportButton label="Export NDJSON" exportFile={exportNdjson} />}
    >
      <div className="row audit-filters">
        <label className="row">
          <span>Client</span>
          <select value={client} onChange={(e) => setClient(e.target.value as AuditClient | '')}>
            <option value="">All clients</option>
            {(Object.keys(CLIENT_LABEL) as AuditClient[]).map((c) => (
              <option key={c} value={c}>
                {CLIENT_LABEL[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          <span>Station</span>
          <input type="search" value={station} onChange={(e) => setStation(e.target.value)} placeholder="exact id" />
        </label>
      </div>
      <ErrorBox error={list.error} />
      {!list.data && list.loading ? <div className="muted">Loading…</div> : null}
      {list.data && items.length === 0 ? <Empty>No operator action recorded{client || station.trim() ? ' for this filter' : ' yet'}.</Empty> : null}
      {items.length ? (
        <TableScroll label="Audit trail, scrollable">
          <table aria-label="Audit trail">
            <thead>
              <tr>
                <th>Time</th>
                <th>Client</th>
                <th>Action</th>
                <th>Station</th>
                <th className="num">Status</th>
                <th className="num">Took</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <Fragment key={e.id}>
                  <tr aria-label={`${e.action} by ${CLIENT_LABEL[e.client]}`}>
                    <td>
                      <Time value={e.at} />
                    </td>
                    <td title={e.clientName ?? undefined}>
                      {CLIENT_LABEL[e.client]}
                      {/* A script's own name says who it is; a browser's User-Agent is long, so it is on hover and in Details. */}
                      {e.clientName && e.client === 'script' ? <div className="muted audit-client-name">{e.clientName}</div> : null}
                    </td>
                    <td>
                      {e.action}
                      <div className="muted mono audit-path">
                        {e.method} {e.path}
                      </div>
                    </td>
                    <td>{e.chargePointId ? <a href={href('stations', e.chargePointId)}>{e.chargePointId}</a> : <span className="muted">—</span>}</td>
                    <td className="num">
                      <StatusCell status={e.status} />
                    </td>
                    <td className="num">{e.durationMs} ms</td>
                    <td>
                      <button
                        type="button"
                        aria-expanded={open === e.id}
                        onClick={() => setOpen(open === e.id ? null : e.id)}
                        aria-label={`Details of action ${e.id}`}
                      >
                        {open === e.id ? 'Hide' : 'Show'}
                      </button>
                    </td>
                  </tr>
                  {open === e.id ? (
                    <tr className="audit-detail">
                      <td colSpan={7}>
                        <div className="audit-detail-grid">
                          <div>
                            <h3>Sent</h3>
                            {e.request === null ? (
                              <p className="muted">No body.</p>
                            ) : (
                              <JsonView value={e.request} label={`Request of action ${e.id}`} />
                            )}
                          </div>
                          <div>
                            <h3>Answered ({e.status})</h3>
                            {e.response === null ? (
                              <p className="muted">No body.</p>
                            ) : (
                              <JsonView value={e.response} label={`Answer of action ${e.id}`} />
                            )}
                          </div>
                        </div>
                        <p className="muted">
                          From {e.remoteAddress ?? 'an unknown address'}
                          {e.clientName ? `, ${e.clientName}` : ''}.
                        </p>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {items.length < total || capped ? (
        <button type="button" onClick={() => setPages(pages + 1)}>
          Show {capped ? PAGE_SIZE : Math.min(PAGE_SIZE, total - items.length)} older
        </button>
      ) : null}
    </Page>
  );
}
