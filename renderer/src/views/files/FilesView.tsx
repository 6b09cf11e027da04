import { useState } from 'react';
import { Field } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { useStations } from '../../store/stations.js';
import { DiagnosticsForm } from './DiagnosticsForm.js';
import { defaultUploadText, FileServerInfo } from './FileServerInfo.js';
import { FirmwareLibrary } from './FirmwareLibrary.js';
import { StationFileJobs } from './StationFileJobs.js';
import { UpdateFirmwareForm } from './UpdateFirmwareForm.js';
import { UploadsList } from './UploadsList.js';
import './files.css';

/**
 * Firmware management (OCPP 1.6 §3.12.1–3.12.2, §6.33, §6.53): firmware files served by the central system itself,
 * updates to many stations at once, each station's status timeline, diagnostics requests and the uploaded files.
 */
export default function FilesView() {
  const api = useApi();
  const ids = useStations((s) => s.ids);
  const [stationChoice, setStationChoice] = useState('');
  const chargePointId = stationChoice || ids[0] || '';
  const firmware = useLiveQuery('firmware-files', () => api.listFirmware(), { events: eventsOf(['file.stored']), throttleMs: 1000 });
  const info = useLiveQuery(`file-services-info:${chargePointId}`, () => api.fileServicesInfo({ chargePointId: chargePointId || undefined }), {
    events: eventsOf(['settings.changed']),
  });

  return (
    <Page title="Firmware & diagnostics" subtitle="Served by this central system: no external FTP or HTTP server needed.">
      <section className="panel" aria-labelledby="file-server-heading">
        <h2 id="file-server-heading">Built-in file server</h2>
        <FileServerInfo info={info.data} error={info.error} />
      </section>
      <section className="panel" aria-labelledby="firmware-heading">
        <h2 id="firmware-heading">Firmware files</h2>
        <FirmwareLibrary items={firmware.data?.items} loading={firmware.loading} error={firmware.error} onChanged={firmware.refresh} />
      </section>
      <section className="panel" aria-labelledby="update-heading">
        <h2 id="update-heading">Update firmware</h2>
        <UpdateFirmwareForm files={firmware.data?.items ?? []} />
      </section>
      <section className="panel" aria-labelledby="station-files-heading">
        <h2 id="station-files-heading">Per station</h2>
        <div className="form-grid">
          <Field label="Station">
            {(p) => (
              <select {...p} value={chargePointId} onChange={(e) => setStationChoice(e.target.value)}>
                {ids.length === 0 ? <option value="">No stations yet</option> : null}
                {ids.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {chargePointId ? (
          <div className="station-files">
            <div>
              <h3>Status timeline</h3>
              <StationFileJobs chargePointId={chargePointId} />
            </div>
            <div>
              <h3>Request diagnostics</h3>
              <DiagnosticsForm chargePointId={chargePointId} defaultUpload={info.data ? defaultUploadText(info.data) : undefined} />
              <h3>Uploaded files</h3>
              <UploadsList chargePointId={chargePointId} />
            </div>
          </div>
        ) : (
          <p className="muted">No station has connected yet.</p>
        )}
      </section>
    </Page>
  );
}
