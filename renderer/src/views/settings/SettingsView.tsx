import { Page } from '../../components/Page.js';

export default function SettingsView() {
  return (
    <Page title="SettingsView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
