import type { SettingsDto } from '../../../../shared/api/types.js';
import { ErrorBox, Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveCache, useLiveQuery } from '../../store/live-query.js';
import '../doctor/doctor.css';
import { ApiTokenPanel } from './ApiTokenPanel.js';
import { BackupsPanel } from './BackupsPanel.js';
import { RuntimeSettingsForm } from './RuntimeSettingsForm.js';
import { StartupOptions } from './StartupOptions.js';
import { StoragePanel } from './StoragePanel.js';
import './settings.css';

const KEY = 'settings.runtime';

export default function SettingsView() {
  const api = useApi();
  const settings = useLiveQuery<SettingsDto>(KEY, () => api.getSettings(), { events: eventsOf(['settings.changed']) });
  return (
    <Page title="Settings">
      <ErrorBox error={settings.error} />
      {settings.data ? (
        <RuntimeSettingsForm settings={settings.data} onSaved={(saved) => useLiveCache.getState().put(KEY, { data: saved })} />
      ) : settings.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
      <div className="settings-columns">
        <ApiTokenPanel />
        <BackupsPanel />
      </div>
      <StoragePanel />
      <StartupOptions />
    </Page>
  );
}
