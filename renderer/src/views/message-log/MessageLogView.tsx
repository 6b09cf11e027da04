import { Page } from '../../components/Page.js';

export default function MessageLogView() {
  return (
    <Page title="MessageLogView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
