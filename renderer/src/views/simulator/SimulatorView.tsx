import { Page } from '../../components/Page.js';

export default function SimulatorView() {
  return (
    <Page title="SimulatorView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
