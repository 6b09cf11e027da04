import { useState } from 'react';
import type { ConfigurationBaselineDto } from '../../../../shared/api/types.js';
import { href, navigate, useRoute } from '../../app/router.js';
import { useAsyncAction } from '../../components/async-action.js';
import { ErrorBox, Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';
import { BaselineEditor } from './BaselineEditor.js';
import { BaselineList } from './BaselineList.js';
import { FleetDrift } from './FleetDrift.js';
import './baselines.css';

/**
 * Configuration baselines (docs/api.md "Configuration baselines"): the configuration keys and values stations should
 * hold, who follows each (stations, sites), and the fleet's drift from them. `#/baselines/{name}` opens one in the
 * editor.
 */
export default function BaselinesView() {
  const api = useApi();
  const route = useRoute();
  const selectedName = route.params[0] ?? null;
  const list = useLiveQuery('configuration-baselines', () => api.listConfigurationBaselines(), {
    events: eventsOf(['baseline.changed']),
    throttleMs: 300,
  });
  const sites = useLiveQuery('sites', () => api.listSites(), { events: eventsOf(['site.changed']), throttleMs: 500 });
  const baselines = list.data?.items;
  const selected = baselines?.find((b) => b.name === selectedName) ?? null;
  const [creating, setCreating] = useState(false);

  const remove = useAsyncAction(
    async (baseline: ConfigurationBaselineDto) => {
      await api.deleteConfigurationBaseline(baseline.name);
      toast.success(`Deleted baseline “${baseline.name}”`);
      if (baseline.name === selectedName) navigate(href('baselines'));
      list.refresh();
    },
    { onError: (message) => toast.error(`Delete failed: ${message}`) },
  );
  const close = () => {
    setCreating(false);
    if (selectedName) navigate(href('baselines'));
  };
  const saved = () => {
    list.refresh();
    close();
  };
  const startNew = () => {
    setCreating(true);
    if (selectedName) navigate(href('baselines'));
  };
  const editorOpen = selected !== null || (creating && selectedName === null);

  return (
    <Page
      title="Configuration baselines"
      subtitle="The configuration keys and values stations should hold, who follows them, and which stations are off."
      actions={
        <button type="button" className="primary" onClick={startNew}>
          New baseline
        </button>
      }
    >
      <section className="panel" aria-labelledby="baselines-list-title">
        <h2 id="baselines-list-title">All baselines</h2>
        <BaselineList baselines={baselines} loading={list.loading} error={list.error} selected={selectedName} onDelete={remove.run} />
      </section>
      {selectedName && baselines && !selected ? <ErrorBox error={`No baseline ${selectedName}: it may have been deleted.`} /> : null}
      {editorOpen ? (
        <section className="panel" aria-labelledby="baseline-editor-title">
          <h2 id="baseline-editor-title">{selected ? `Edit baseline “${selected.name}”` : 'New baseline'}</h2>
          <ErrorBox error={sites.error} />
          <BaselineEditor
            key={selected ? `edit:${selected.name}` : 'new'}
            baseline={selected}
            baselines={baselines ?? []}
            sites={sites.data?.items ?? []}
            onSaved={saved}
            onCancel={close}
          />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="fleet-drift-title">
        <h2 id="fleet-drift-title">Fleet drift</h2>
        <p className="muted">
          Every station that follows a baseline, against its last GetConfiguration. Open one to see its keys or apply its baseline.
        </p>
        <FleetDrift />
      </section>
    </Page>
  );
}
