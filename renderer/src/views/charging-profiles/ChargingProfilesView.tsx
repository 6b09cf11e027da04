import { useMemo, useState } from 'react';
import type { LibraryProfileDto, ProfileProblemDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';
import { CompositePanel } from './CompositePanel.js';
import { InstallPanel } from './InstallPanel.js';
import { LibraryList } from './LibraryList.js';
import { ProblemList } from './ProblemList.js';
import { ProfileEditor } from './ProfileEditor.js';
import { buildProfile, EMPTY_FORM, formFromProfile, type ProfileForm } from './profile-form.js';
import './charging-profiles.css';

/**
 * Smart charging (OCPP 1.6 §3.13): build a ChargingProfile with every field explained, keep it in the library,
 * install it on a station's connector, and compare what the station says it will follow with what it draws.
 */
export default function ChargingProfilesView() {
  const api = useApi();
  const library = useLiveQuery('charging-profile-library', () => api.listLibraryProfiles(), { throttleMs: 1000 });
  const [form, setForm] = useState<ProfileForm>(EMPTY_FORM);
  const [savedName, setSavedName] = useState<string | null>(null);
  const [savedSnapshot, setSavedSnapshot] = useState<string | null>(null);
  const [saveProblems, setSaveProblems] = useState<ProfileProblemDto[]>([]);
  const [target, setTarget] = useState({ chargePointId: '', connectorId: '1' });
  const { profile, errors } = useMemo(() => buildProfile(form), [form]);
  const dirty = savedSnapshot !== JSON.stringify(form);

  const edit = (item: LibraryProfileDto) => {
    const next = formFromProfile(item.name, item.description, item.profile);
    setForm(next);
    setSavedName(item.name);
    setSavedSnapshot(JSON.stringify(next));
    setSaveProblems([]);
    save.clearError();
  };
  const startNew = () => {
    setForm(EMPTY_FORM);
    setSavedName(null);
    setSavedSnapshot(null);
    setSaveProblems([]);
    save.clearError();
  };
  const save = useAsyncAction(async () => {
    if (!profile) return;
    const name = form.name.trim();
    const stored = await api.putLibraryProfile(name, { description: form.description, profile });
    setSavedName(stored.name);
    setSavedSnapshot(JSON.stringify(form));
    setSaveProblems(stored.problems);
    toast.success(`Saved “${stored.name}” to the library`);
    library.refresh();
  });
  const remove = useAsyncAction(
    async (name: string) => {
      await api.deleteLibraryProfile(name);
      toast.success(`Deleted “${name}”`);
      if (name === savedName) startNew();
      library.refresh();
    },
    { onError: (message) => toast.error(`Delete failed: ${message}`) },
  );
  const errorCount = Object.keys(errors).length;
  const connectorId = Number(target.connectorId) || 0;

  return (
    <Page
      title="Charging profiles"
      subtitle="Build, keep and install OCPP 1.6 charging profiles; see the schedule a station follows."
      actions={
        <button type="button" onClick={startNew}>
          New profile
        </button>
      }
    >
      <section className="panel" aria-labelledby="library-heading">
        <h2 id="library-heading">Library</h2>
        <LibraryList
          items={library.data?.items}
          loading={library.loading}
          error={library.error}
          selectedName={savedName}
          onEdit={edit}
          onDelete={remove.run}
        />
      </section>
      <section className="panel" aria-labelledby="editor-heading">
        <h2 id="editor-heading">{savedName ? `Editing “${savedName}”` : 'New profile'}</h2>
        <ProfileEditor
          form={form}
          onChange={setForm}
          checkConnectorId={form.purpose === 'ChargePointMaxProfile' ? 0 : Math.max(connectorId, form.purpose === 'TxProfile' ? 1 : 0)}
        />
        <div className="row editor-actions">
          <button type="button" className="primary" disabled={!profile || save.pending} onClick={save.run}>
            {save.pending ? 'Saving…' : 'Save to library'}
          </button>
          {errorCount ? (
            <span className="field-error">{errorCount === 1 ? 'One field needs attention.' : `${errorCount} fields need attention.`}</span>
          ) : dirty && savedName ? (
            <span className="muted">Unsaved changes</span>
          ) : null}
        </div>
        {save.error ? (
          <div className="error-box" role="alert">
            {save.error}
          </div>
        ) : null}
        <ProblemList problems={saveProblems} label="Advice on the saved profile" />
      </section>
      <section className="panel" aria-labelledby="install-heading">
        <h2 id="install-heading">Install on a station</h2>
        <InstallPanel name={savedName} target={target} onTarget={setTarget} dirty={dirty} />
      </section>
      <section className="panel" aria-labelledby="composite-heading">
        <h2 id="composite-heading">Composite schedule</h2>
        <CompositePanel chargePointId={target.chargePointId} connectorId={connectorId} />
      </section>
    </Page>
  );
}
