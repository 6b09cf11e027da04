import { Page } from '../../components/Page.js';

export default function TransactionsView() {
  return (
    <Page title="TransactionsView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
