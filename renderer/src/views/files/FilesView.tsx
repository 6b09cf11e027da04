import { Page } from '../../components/Page.js';

export default function FilesView() {
  return (
    <Page title="FilesView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
