import { useState } from 'react';
import type { SiteDto } from '../../../../shared/api/types.js';
import { href, navigate, useRoute } from '../../app/router.js';
import { useAsyncAction } from '../../components/async-action.js';
import { ErrorBox, Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';
import { LivePanel } from './LivePanel.js';
import { SiteEditor } from './SiteEditor.js';
import { limitText, SiteList } from './SiteList.js';
import './sites.css';

/** What the editor shows: nothing, a new site, or the site of this id. */
type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; siteId: string };

/**
 * Sites (docs/api.md "Sites"): the stations behind one grid supply and the limit shared among their sessions. The
 * list, an editor, and for the site in the route (`#/sites/{id}`) its live power sharing.
 */
export default function SitesView() {
  const api = useApi();
  const route = useRoute();
  const selectedId = route.params[0] ?? null;
  const list = useLiveQuery('sites', () => api.listSites(), { events: eventsOf(['site.changed']), throttleMs: 500 });
  const sites = list.data?.items;
  const selected = sites?.find((s) => s.id === selectedId) ?? null;
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const editedSite = editing.kind === 'edit' ? (sites?.find((s) => s.id === editing.siteId) ?? null) : null;

  const remove = useAsyncAction(
    async (site: SiteDto) => {
      await api.deleteSite(site.id);
      toast.success(`Deleted site “${site.name}”`);
      if (editing.kind === 'edit' && editing.siteId === site.id) setEditing({ kind: 'none' });
      if (site.id === selectedId) navigate(href('sites'));
      list.refresh();
    },
    { onError: (message) => toast.error(`Delete failed: ${message}`) },
  );
  const saved = (site: SiteDto) => {
    setEditing({ kind: 'none' });
    list.refresh();
    navigate(href('sites', site.id));
  };
  const edit = (site: SiteDto) => {
    setEditing({ kind: 'edit', siteId: site.id });
    if (site.id !== selectedId) navigate(href('sites', site.id));
  };

  return (
    <Page
      title="Sites"
      subtitle="Stations behind one grid supply, and the limit shared among their charging sessions."
      actions={
        <button type="button" className="primary" onClick={() => setEditing({ kind: 'new' })}>
          New site
        </button>
      }
    >
      <section className="panel" aria-labelledby="sites-list-title">
        <h2 id="sites-list-title">All sites</h2>
        <SiteList sites={sites} loading={list.loading} error={list.error} selectedId={selectedId} onEdit={edit} onDelete={remove.run} />
      </section>
      {editing.kind === 'new' || editedSite ? (
        <section className="panel" aria-labelledby="site-editor-title">
          <h2 id="site-editor-title">{editedSite ? `Edit site “${editedSite.name}”` : 'New site'}</h2>
          <SiteEditor
            key={editedSite ? `edit:${editedSite.id}` : 'new'}
            site={editedSite}
            sites={sites ?? []}
            onSaved={saved}
            onCancel={() => setEditing({ kind: 'none' })}
          />
        </section>
      ) : null}
      {selectedId && sites && !selected ? <ErrorBox error={`No site ${selectedId}: it may have been deleted.`} /> : null}
      {selected ? (
        <section className="panel" aria-labelledby="site-live-title">
          <h2 id="site-live-title">
            {selected.name}: power sharing{' '}
            <span className="muted site-summary">
              ({limitText(selected)}, {selected.phases} phases, {selected.marginPct} % margin)
            </span>
          </h2>
          <LivePanel key={selected.id} site={selected} />
        </section>
      ) : null}
    </Page>
  );
}
