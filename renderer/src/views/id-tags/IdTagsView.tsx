import { useDeferredValue, useMemo, useState } from 'react';
import type { IdTagDto, ListResponse } from '../../../../shared/api/types.js';
import { errorMessage } from '../../components/error-message.js';
import { Field } from '../../components/Field.js';
import { Empty, ErrorBox, Page, TableScroll } from '../../components/Page.js';
import { useNowMs } from '../../store/clock.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';
import { IdTagCsv } from './IdTagCsv.js';
import { IdTagForm } from './IdTagForm.js';
import { IdTagRow } from './IdTagRow.js';
import { draftOf, EMPTY_DRAFT } from './validate.js';
import './id-tags.css';

const PAGE_SIZE = 500;

/** Id tags (the central system's authorization data, OCPP 1.6 §3.4): create, edit, block, expire, group, CSV. */
export default function IdTagsView() {
  const api = useApi();
  const nowMs = useNowMs();
  const [page, setPage] = useState(0);
  const [search, setSearch] = useState('');
  // The search runs on the server, through every tag, not only the page that is loaded.
  const needle = useDeferredValue(search.trim());
  const [editing, setEditing] = useState<IdTagDto | 'new' | null>(null);
  const list = useLiveQuery<ListResponse<IdTagDto>>(
    `id-tags:${page}:${needle}`,
    () => api.listIdTags({ limit: PAGE_SIZE, offset: page * PAGE_SIZE, search: needle || undefined }),
    {
      events: eventsOf(['idTag.changed']),
      throttleMs: 500,
    },
  );
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const total = list.data?.total ?? items.length;
  const shown = items;

  return (
    <Page
      title="Id tags"
      subtitle={list.data ? `${total} tag${total === 1 ? '' : 's'}${needle ? ` matching “${needle}”` : ''}` : undefined}
      actions={
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New id tag
        </button>
      }
    >
      {editing ? (
        <IdTagForm
          key={editing === 'new' ? 'new' : editing.idTag}
          initial={editing === 'new' ? EMPTY_DRAFT : draftOf(editing)}
          editing={editing !== 'new'}
          knownTags={items.map((t) => t.idTag)}
          onDone={() => setEditing(null)}
          onEditExisting={(idTag) => {
            void api.getIdTag(idTag).then(setEditing, (err: unknown) => toast.error(`${idTag}: ${errorMessage(err)}`));
          }}
        />
      ) : null}
      <IdTagCsv />
      <ErrorBox error={list.error} />
      <div className="row">
        <Field label="Search">
          {(p) => (
            <input
              {...p}
              type="search"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setPage(0);
              }}
              placeholder="tag, parent or description"
            />
          )}
        </Field>
      </div>
      {!list.data && list.loading ? <div className="muted">Loading…</div> : null}
      {list.data && shown.length === 0 ? (
        <Empty>{needle ? `No tag matches “${needle}”.` : 'No id tags yet: create one or import a CSV.'}</Empty>
      ) : null}
      {shown.length ? (
        <TableScroll label="Id tags, scrollable">
          <table aria-label="Id tags">
            <thead>
              <tr>
                <th>Id tag</th>
                <th>Status</th>
                <th>Expires</th>
                <th>Parent</th>
                <th className="num">Members</th>
                <th>Description</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((t) => (
                <IdTagRow key={t.idTag} tag={t} members={t.memberCount ?? 0} nowMs={nowMs} onEdit={() => setEditing(t)} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {total > PAGE_SIZE ? (
        <nav className="row" aria-label="Pages">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {page + 1} of {Math.ceil(total / PAGE_SIZE)}
          </span>
          <button type="button" disabled={(page + 1) * PAGE_SIZE >= total} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      ) : null}
    </Page>
  );
}
