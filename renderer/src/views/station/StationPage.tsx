import { href } from '../../app/router.js';
import { Empty, ErrorBox, Page } from '../../components/Page.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useStations } from '../../store/stations.js';
import { CommissioningPanel } from './commissioning/CommissioningPanel.js';
import { ConfigurationPanel } from './configuration/ConfigurationPanel.js';
import { AnomaliesPanel } from './details/AnomaliesPanel.js';
import { ConnectionPanel } from './details/ConnectionPanel.js';
import { ConnectorsPanel } from './details/ConnectorsPanel.js';
import { DeleteStation } from './details/DeleteStation.js';
import { IdentityPanel } from './details/IdentityPanel.js';
import { StationSecurityPanel } from './details/StationSecurityPanel.js';
import { StationSettingsForm } from './details/StationSettingsForm.js';
import { StationMessageLog } from './log/StationMessageLog.js';
import { StationOperations } from './operations/StationOperations.js';
import { StationTabs, tabOf } from './StationTabs.js';

/** One station: details, operations, configuration, commissioning and its own message log, each a tab. */
export function StationPage({ chargePointId, tab }: { chargePointId: string; tab: string | undefined }) {
  const station = useStations((s) => s.byId[chargePointId]);
  const loaded = useStations((s) => s.loaded);
  const error = useStations((s) => s.error);
  const current = tabOf(tab);

  if (!station) {
    return (
      <Page title={chargePointId}>
        <ErrorBox error={error} />
        {loaded ? (
          <Empty>
            No station “{chargePointId}” (deleted, or never seen). <a href={href('stations')}>All stations</a>
          </Empty>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </Page>
    );
  }

  return (
    <Page
      title={`Station ${station.id}`}
      subtitle={
        <span className="row">
          <StatusBadge status={station.connected ? 'Online' : 'Offline'} />
          <StatusBadge status={station.registrationStatus} title="Registration status" />
          {station.description ? <span>{station.description}</span> : null}
        </span>
      }
      actions={<a href={href('message-log') + `?chargePointId=${encodeURIComponent(station.id)}`}>Open in the message log</a>}
    >
      <StationTabs chargePointId={station.id} current={current} />
      <div role="tabpanel" id={`station-panel-${current}`} aria-labelledby={`station-tab-${current}`}>
        {current === 'details' ? (
          <div className="station-details">
            <div className="station-columns">
              <IdentityPanel station={station} />
              <ConnectionPanel station={station} />
            </div>
            <ConnectorsPanel station={station} />
            <AnomaliesPanel chargePointId={station.id} />
            <StationSettingsForm station={station} />
            <StationSecurityPanel station={station} />
            <DeleteStation station={station} />
          </div>
        ) : current === 'operations' ? (
          <StationOperations chargePointId={station.id} />
        ) : current === 'configuration' ? (
          <ConfigurationPanel station={station} />
        ) : current === 'commissioning' ? (
          // Keyed: the run shown and the forms belong to one station.
          <CommissioningPanel key={station.id} station={station} />
        ) : (
          <StationMessageLog chargePointId={station.id} />
        )}
      </div>
    </Page>
  );
}
