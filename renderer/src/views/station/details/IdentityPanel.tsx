import type { ReactNode } from 'react';
import type { ChargePointDto } from '../../../../../shared/api/types.js';
import { Time } from '../../../components/Time.js';

/** What the station said about itself in its last BootNotification (OCPP 1.6 §4.2), plus firmware/diagnostics state. */
export function IdentityPanel({ station }: { station: ChargePointDto }) {
  const b = station.boot;
  const rows: [string, ReactNode][] = [
    ['Identity', <span className="mono">{station.id}</span>],
    ['Vendor', b.vendor],
    ['Model', b.model],
    ['Charge point serial', b.chargePointSerial],
    ['Charge box serial', b.chargeBoxSerial],
    ['Firmware version', b.firmwareVersion],
    ['ICCID', b.iccid],
    ['IMSI', b.imsi],
    ['Meter type', b.meterType],
    ['Meter serial', b.meterSerial],
    ['Last boot', <Time value={b.lastBootAt} fallback="never booted" />],
    ['Firmware status', station.firmwareStatus],
    ['Diagnostics status', station.diagnosticsStatus],
    ['Known since', <Time value={station.createdAt} />],
  ];
  return (
    <section className="panel" aria-labelledby="identity-title">
      <h2 id="identity-title">Identity and boot</h2>
      <dl className="facts" aria-label="Boot info">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value ?? <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
