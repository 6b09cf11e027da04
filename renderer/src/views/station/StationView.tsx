import { Page } from '../../components/Page.js';

export default function StationView() {
  return (
    <Page title="StationView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
