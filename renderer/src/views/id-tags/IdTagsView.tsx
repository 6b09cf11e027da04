import { Page } from '../../components/Page.js';

export default function IdTagsView() {
  return (
    <Page title="IdTagsView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
