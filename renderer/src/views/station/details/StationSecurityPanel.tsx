import { useEffect, useRef, useState } from 'react';
import type { ChargePointDto, InstalledCertificatesDto, UploadProtocolSetting } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { Field } from '../../../components/Field.js';
import { ErrorBox } from '../../../components/Page.js';
import { Time } from '../../../components/Time.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { toast } from '../../../store/toasts.js';
import { useRoute } from '../../../app/router.js';
import { SECURITY_SECTION } from './security-alerts.js';

import './station-security.css';

const STATION_CERTIFICATE = 'ChargePointCertificate';

/**
 * The station's own certificate (white paper §2.5: it must identify the charge point for the profile-3 handshake),
 * whether raising it to profile 3 is safe, the security events the central system raised for it (a refused CSR
 * shows as an alert), and how it uploads diagnostics and logs to the built-in file server.
 */
export function StationSecurityPanel({ station }: { station: ChargePointDto }) {
  const api = useApi();
  const id = station.id;
  const settings = useLiveQuery(`security-settings:${id}`, () => api.stationSecuritySettings(id), {
    events: eventsOf(['chargePoint.changed', 'certificates.changed', 'configuration.changed'], id),
  });
  const certificates = useLiveQuery(`certificates:${id}`, () => api.listOperationsState(`charge-points/${encodeURIComponent(id)}/certificates`), {
    events: eventsOf(['certificates.changed'], id),
  });
  const events = useLiveQuery(`security-events:${id}`, () => api.securityEvents(id, { limit: 10 }), {
    events: eventsOf(['station.report'], id),
    throttleMs: 1000,
  });
  // Opened from an alert (securityPanelHref): brought into view, its heading focused for keyboard and screen reader.
  const wanted = useRoute().query.get('section') === SECURITY_SECTION;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!wanted || !headingRef.current) return;
    headingRef.current.scrollIntoView({ block: 'start' });
    headingRef.current.focus({ preventScroll: true });
  }, [wanted]);
  // What the operator just chose, shown at once while it is saved (then the saved settings take over).
  const [pending, setPending] = useState<{ allowForeignCertificateCn?: boolean; uploadProtocol?: UploadProtocolSetting }>({});

  const own = (certificates.data?.items as InstalledCertificatesDto[] | undefined)?.find((c) => c.certificateType === STATION_CERTIFICATE);
  const details = own?.hashData[0] ?? {};
  const refused = own?.status === 'SignCertificate Rejected';

  const save = useAsyncAction(
    async (update: { allowForeignCertificateCn?: boolean; uploadProtocol?: UploadProtocolSetting }) => {
      setPending(update);
      try {
        await api.putStationSecuritySettings(id, update);
      } catch (err) {
        setPending({});
        throw err;
      }
      settings.refresh();
      toast.success(`${id}: saved`);
    },
    { onError: (message) => toast.error(`Saving ${id} failed: ${message}`) },
  );

  const saved = settings.data;
  // Once the saved settings show the choice, they take over; adjusted while rendering, as React advises for state
  // that follows other data (an effect would render the stale value once more first).
  if (saved && Object.keys(pending).length && Object.entries(pending).every(([k, v]) => saved[k as keyof typeof pending] === v)) setPending({});
  const s = saved && { ...saved, ...pending };
  return (
    <section className="panel" aria-labelledby="station-security-title">
      <h2 id="station-security-title" ref={headingRef} tabIndex={-1}>
        Station certificate and uploads
      </h2>
      <ErrorBox error={settings.error ?? certificates.error ?? events.error} />
      {refused ? (
        <p role="alert" className="security-alert">
          Certificate request refused <Time value={own.receivedAt} />: {typeof details.reason === 'string' ? details.reason : ''}
        </p>
      ) : null}
      {!s ? (
        settings.error ? null : (
          <p className="muted">Loading…</p>
        )
      ) : (
        <>
          <dl className="facts">
            <dt>Its certificate</dt>
            <dd>
              {own ? (
                <>
                  {own.status}
                  {typeof details.subject === 'string' ? <span className="mono"> · {details.subject}</span> : null}
                  {typeof details.validTo === 'string' ? (
                    <>
                      {' '}
                      · valid until <Time value={details.validTo} />
                    </>
                  ) : null}
                </>
              ) : (
                'none signed by this central system yet'
              )}
            </dd>
            <dt>Security profile 3</dt>
            <dd>
              <span role="status" aria-label="Security profile 3 readiness">
                <span className={`badge ${s.profile3Ready ? 'tone-ok' : 'tone-bad'}`}>{s.profile3Ready ? 'possible' : 'refused'}</span>{' '}
                {s.profile3Reason}
              </span>
            </dd>
            <dt>Identified by</dt>
            <dd className="mono">{s.certificateCn ? `CN ${s.certificateCn} (or its identity)` : `CN ${id}`}</dd>
          </dl>
          <div className="form-grid">
            <label className="checkbox-field">
              <input
                type="checkbox"
                checked={s.allowForeignCertificateCn}
                disabled={save.pending}
                onChange={(e) => save.run({ allowForeignCertificateCn: e.target.checked })}
              />{' '}
              Sign a CSR whose subject is not the identity (e.g. a serial number); its CN then identifies this station
            </label>
            <Field
              label="Upload protocol (GetDiagnostics, GetLog)"
              hint={`Now: ${s.effectiveUploadProtocol ? s.effectiveUploadProtocol.toUpperCase() : 'none'}, ${s.effectiveUploadReason}. Station advertises: ${s.advertisedProtocols ? s.advertisedProtocols.join(', ') || 'nothing' : 'not known (GetConfiguration)'}.`}
            >
              {(props) => (
                <select
                  {...props}
                  value={s.uploadProtocol}
                  disabled={save.pending}
                  onChange={(e) => save.run({ uploadProtocol: e.target.value as UploadProtocolSetting })}
                >
                  <option value="auto">As the station advertises (FTP only where advertised)</option>
                  <option value="http">HTTP</option>
                  <option value="ftp">FTP</option>
                </select>
              )}
            </Field>
          </div>
        </>
      )}
      {events.data?.items.length ? (
        <>
          <h3>Security events</h3>
          <ul className="security-events" aria-label="Security events">
            {events.data.items.map((e) => (
              <li key={e.id}>
                <Time value={e.receivedAt} /> <strong>{e.type}</strong>{' '}
                <span className="muted">({e.source === 'csms' ? 'raised by the central system' : 'from the station'})</span>
                {e.techInfo ? <span> · {e.techInfo}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
