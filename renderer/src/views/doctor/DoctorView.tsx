import { Page } from '../../components/Page.js';

export default function DoctorView() {
  return (
    <Page title="DoctorView">
      <p className="muted">Not built yet.</p>
    </Page>
  );
}
