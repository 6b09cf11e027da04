import { Page } from '../../components/Page.js';

export default function OverviewView() {
  return (
    <Page title="OverviewView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
