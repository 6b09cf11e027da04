import { Page } from '../../components/Page.js';
import { ConnectChecklist } from './ConnectChecklist.js';
import { ConnectionEvents } from './ConnectionEvents.js';
import { FormatRefusals } from './FormatRefusals.js';
import { PendingStations } from './PendingStations.js';
import { RefusedHandshakes } from './RefusedHandshakes.js';
import './doctor.css';

/** "Why does my charger not connect": the URLs to give it, what the central system refused and why, who waits. */
export default function DoctorView() {
  return (
    <Page
      title="Connection doctor"
      subtitle="The URLs chargers use, refused connections with their fix, stations waiting to be accepted, messages refused for their format"
    >
      <div className="doctor-columns">
        <ConnectChecklist />
        <PendingStations />
      </div>
      <RefusedHandshakes />
      <FormatRefusals />
      <ConnectionEvents />
    </Page>
  );
}
