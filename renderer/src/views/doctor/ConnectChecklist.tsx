import { useState } from 'react';
import type { SettingsDto, StatusDto, TlsInfoDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { downloadFile } from '../../components/download.js';
import { Field } from '../../components/Field.js';
import { ErrorBox } from '../../components/Page.js';
import { href } from '../../app/router.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';
import { CopyButton } from './CopyButton.js';

const PLACEHOLDER = '<chargePointId>';

const POLICY_TEXT: Record<SettingsDto['registrationPolicy'], string> = {
  accept: 'unknown chargers are accepted at once',
  pending: 'unknown chargers are admitted as Pending and wait for you to accept them (below)',
  reject: 'unknown chargers are refused (HTTP 404): add each station first',
};

function UrlList({ urls, id, label }: { urls: string[]; id: string; label: string }) {
  const shown = urls.map((u) => (id ? u.replace(PLACEHOLDER, encodeURIComponent(id)) : u));
  return (
    <ul className="doctor-urls" aria-label={label}>
      {shown.map((url) => (
        <li key={url} className="row">
          <code className="mono">{url}</code>
          <CopyButton text={url} label={`Copy ${url}`} />
        </li>
      ))}
    </ul>
  );
}

/**
 * "How to connect": the exact URLs of this PC (one per LAN address, ws and wss), filled in with the charger's id,
 * and the checklist of what a charger must do to get in (OCPP-J §3: the id is the last path segment, subprotocol
 * ocpp1.6; the registration policy; security profiles).
 */
export function ConnectChecklist() {
  const api = useApi();
  const [id, setId] = useState('');
  const status = useLiveQuery<StatusDto>('doctor.status', () => api.status(), { events: eventsOf(['settings.changed']) });
  const settings = useLiveQuery<SettingsDto>('doctor.settings', () => api.getSettings(), { events: eventsOf(['settings.changed']) });
  const tls = useLiveQuery<TlsInfoDto | null>('doctor.tls', () => api.tlsInfo().catch(() => null), {});
  const policy = settings.data?.registrationPolicy;
  const downloadCa = useAsyncAction(async () => downloadFile('csms-ca.pem', await api.caCertificatePem(), 'application/x-pem-file'), {
    onError: (message) => toast.error(`CA certificate: ${message}`),
  });
  return (
    <section className="panel" aria-labelledby="doctor-connect">
      <h2 id="doctor-connect">How to connect a charger</h2>
      <ErrorBox error={status.error} />
      <Field label="Charge point id" hint="fills the URLs in; the id is the last path segment of the URL">
        {(p) => <input {...p} value={id} placeholder="e.g. CP-1" onChange={(e) => setId(e.target.value.trim())} maxLength={64} />}
      </Field>
      {status.data ? (
        <UrlList urls={status.data.ocppUrls} id={id} label="OCPP URLs (ws)" />
      ) : status.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
      {tls.data?.enabled ? (
        <>
          <h3>TLS (security profiles 2 and 3)</h3>
          <UrlList urls={tls.data.urls} id={id} label="OCPP URLs (wss)" />
          <button type="button" onClick={downloadCa.run} disabled={downloadCa.pending}>
            Download CA certificate
          </button>
        </>
      ) : (
        <p className="muted">No wss listener: start with --ocpp-tls-port 8443 for security profiles 2 and 3.</p>
      )}
      <ol className="doctor-checklist">
        <li>
          Give the charger the URL <code>ws://&lt;host&gt;:&lt;port&gt;/ocpp/&lt;chargePointId&gt;</code> from the list above (use the address of the
          network the charger is on). Any prefix works: the id is the last path segment.
        </li>
        <li>
          Choose OCPP 1.6 JSON (the WebSocket subprotocol <code>ocpp1.6</code>); other versions are refused.
        </li>
        <li>
          Registration policy: <strong>{policy ?? '…'}</strong>
          {policy ? ` — ${POLICY_TEXT[policy]}` : ''}. <a href={href('settings')}>Change it in Settings</a>.
        </li>
        <li>If the station has a password (security profile 1), the charger sends it as HTTP Basic auth with its id as user name.</li>
        <li>Open the OCPP port in this PC’s firewall; the charger and this PC must reach each other (same LAN or routed).</li>
        <li>Still nothing below? The charger never reached this PC: check its network, the host and the port.</li>
      </ol>
    </section>
  );
}
