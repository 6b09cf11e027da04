import { useState } from 'react';
import type { CallResponse, FirmwareFileDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { errorMessage } from '../../components/error-message.js';
import { CallAnswer } from '../../components/CallAnswer.js';
import { Field } from '../../components/Field.js';
import { useApi } from '../../store/connection.js';
import { useStations } from '../../store/stations.js';
import { localInputToIso } from '../../components/local-datetime.js';
import { optionalCount } from './format.js';

interface Outcome {
  chargePointId: string;
  response?: CallResponse;
  error?: string;
}

/**
 * UpdateFirmware (OCPP 1.6 §6.53) to one or many stations. The location defaults to the built-in server's URL of
 * the chosen file (the central system fills it in from `firmwareFile`); a typed location overrides it.
 */
export function UpdateFirmwareForm({ files }: { files: FirmwareFileDto[] }) {
  const api = useApi();
  const ids = useStations((s) => s.ids);
  const byId = useStations((s) => s.byId);
  const [firmwareFile, setFirmwareFile] = useState('');
  const [location, setLocation] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [retrieveDate, setRetrieveDate] = useState('');
  const [retries, setRetries] = useState('');
  const [retryInterval, setRetryInterval] = useState('');
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const chosen = files.find((f) => f.name === firmwareFile);

  const errors = {
    firmware: !firmwareFile && !location.trim() ? 'Choose a firmware file or give a location.' : null,
    location:
      location.trim() && !/^(https?|ftps?):\/\/\S+$/i.test(location.trim())
        ? 'A URL the station can fetch: http(s):// or ftp(s):// — not a path on this PC.'
        : null,
    retrieveDate: retrieveDate && !localInputToIso(retrieveDate) ? 'Not a valid date and time.' : null,
    retries: Number.isNaN(optionalCount(retries) ?? 0) ? 'A whole number, 0 or more.' : null,
    retryInterval: Number.isNaN(optionalCount(retryInterval) ?? 0) ? 'Whole seconds, 0 or more.' : null,
    stations: selected.length === 0 ? 'Choose at least one station.' : null,
  };
  const invalid = Object.values(errors).some(Boolean);

  const send = useAsyncAction(async () => {
    setOutcomes([]);
    const payload: Record<string, unknown> = {
      // An empty retrieve date means now: the central system fills it in (it is required by §6.53).
      ...(retrieveDate ? { retrieveDate: localInputToIso(retrieveDate) } : {}),
      ...(optionalCount(retries) !== undefined ? { retries: optionalCount(retries) } : {}),
      ...(optionalCount(retryInterval) !== undefined ? { retryInterval: optionalCount(retryInterval) } : {}),
      ...(location.trim() ? { location: location.trim() } : { firmwareFile }),
    };
    const results = await Promise.all(
      selected.map(async (chargePointId): Promise<Outcome> => {
        try {
          return { chargePointId, response: await api.call(chargePointId, 'UpdateFirmware', payload) };
        } catch (err) {
          return { chargePointId, error: errorMessage(err) };
        }
      }),
    );
    setOutcomes(results);
  });

  return (
    <div className="update-firmware">
      <div className="form-grid">
        <Field label="Firmware to install" error={errors.firmware}>
          {(p) => (
            <select {...p} value={firmwareFile} onChange={(e) => setFirmwareFile(e.target.value)}>
              <option value="">Choose a file</option>
              {files.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Location (optional)"
          error={errors.location}
          hint={chosen ? `Default: ${chosen.url}` : 'Default: the built-in server’s URL of the chosen file'}
        >
          {(p) => <input {...p} value={location} placeholder={chosen?.url ?? 'http://…'} onChange={(e) => setLocation(e.target.value)} />}
        </Field>
        <Field label="Retrieve date" error={errors.retrieveDate} hint="Empty = now (local time)">
          {(p) => <input {...p} type="datetime-local" step={1} value={retrieveDate} onChange={(e) => setRetrieveDate(e.target.value)} />}
        </Field>
        <Field label="Retries" error={errors.retries} hint="Optional">
          {(p) => <input {...p} inputMode="numeric" value={retries} onChange={(e) => setRetries(e.target.value)} />}
        </Field>
        <Field label="Retry interval (s)" error={errors.retryInterval} hint="Optional">
          {(p) => <input {...p} inputMode="numeric" value={retryInterval} onChange={(e) => setRetryInterval(e.target.value)} />}
        </Field>
      </div>
      <fieldset className="station-choice">
        <legend>Stations to update</legend>
        <div className="row">
          <button type="button" onClick={() => setSelected(ids.filter((id) => byId[id]?.connected))}>
            All connected
          </button>
          <button type="button" onClick={() => setSelected([])}>
            None
          </button>
        </div>
        <div className="station-checkboxes">
          {ids.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                checked={selected.includes(id)}
                onChange={(e) => setSelected(e.target.checked ? [...selected, id] : selected.filter((s) => s !== id))}
              />{' '}
              {id}
              {byId[id]?.connected ? '' : ' (offline)'}
            </label>
          ))}
        </div>
        {errors.stations ? <div className="field-hint">{errors.stations}</div> : null}
      </fieldset>
      <button type="button" className="primary" disabled={invalid || send.pending} onClick={send.run}>
        {send.pending ? 'Sending…' : `Schedule update${selected.length > 1 ? ` on ${selected.length} stations` : ''}`}
      </button>
      {outcomes.length ? (
        <ul className="outcomes" aria-label="Update answers">
          {outcomes.map((o) => (
            <li key={o.chargePointId}>
              <strong>{o.chargePointId}</strong>
              <CallAnswer response={o.response} error={o.error} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
