import { Page } from '../../components/Page.js';

export default function LocalListsView() {
  return (
    <Page title="LocalListsView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
