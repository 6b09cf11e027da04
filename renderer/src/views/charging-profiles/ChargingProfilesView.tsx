import { Page } from '../../components/Page.js';

export default function ChargingProfilesView() {
  return (
    <Page title="ChargingProfilesView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
