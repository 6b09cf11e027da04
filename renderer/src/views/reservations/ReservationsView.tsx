import { Page } from '../../components/Page.js';

export default function ReservationsView() {
  return (
    <Page title="ReservationsView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
