import type { Db } from '../database.js';

export type UploadProtocolSetting = 'auto' | 'ftp' | 'http';

export interface StationSecuritySettings {
  chargePointId: string;
  /** The operator allows signing a CSR whose subject CN is not the charge point identity. */
  allowForeignCertificateCn: boolean;
  /** The CN of the signed certificate that identifies this station in the profile-3 handshake (when not the identity). */
  certificateCn: string | null;
  uploadProtocol: UploadProtocolSetting;
  updatedAt: string | null;
}

interface Row {
  charge_point_id: string;
  allow_foreign_certificate_cn: number;
  certificate_cn: string | null;
  upload_protocol: UploadProtocolSetting;
  updated_at: string;
}

/**
 * Per-station choices of the operator about certificates and uploads (README "Security profiles", "Firmware and
 * diagnostics files"). A station without a row has the defaults: foreign CNs refused, upload protocol `auto`.
 */
export class StationSecurityRepository {
  private readonly byId;
  private readonly byCn;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[string], Row>('SELECT * FROM station_security_settings WHERE charge_point_id = ?');
    this.byCn = db.prepare<[string], { charge_point_id: string }>('SELECT charge_point_id FROM station_security_settings WHERE certificate_cn = ?');
  }

  get(chargePointId: string): StationSecuritySettings {
    const row = this.byId.get(chargePointId);
    return {
      chargePointId,
      allowForeignCertificateCn: row ? row.allow_foreign_certificate_cn === 1 : false,
      certificateCn: row?.certificate_cn ?? null,
      uploadProtocol: row?.upload_protocol ?? 'auto',
      updatedAt: row?.updated_at ?? null,
    };
  }

  /** Stations whose certificate CN is `cn` (a CN identifies at most one station: see the SignCertificate handler). */
  stationsWithCertificateCn(cn: string): string[] {
    return this.byCn.all(cn).map((r) => r.charge_point_id);
  }

  update(
    chargePointId: string,
    fields: Partial<Pick<StationSecuritySettings, 'allowForeignCertificateCn' | 'certificateCn' | 'uploadProtocol'>>,
    now: string,
  ): void {
    const current = this.get(chargePointId);
    const next = { ...current, ...fields };
    this.db
      .prepare(
        `INSERT INTO station_security_settings (charge_point_id, allow_foreign_certificate_cn, certificate_cn, upload_protocol, updated_at)
         VALUES (@id, @allow, @cn, @protocol, @now)
         ON CONFLICT(charge_point_id) DO UPDATE SET allow_foreign_certificate_cn = excluded.allow_foreign_certificate_cn,
           certificate_cn = excluded.certificate_cn, upload_protocol = excluded.upload_protocol, updated_at = excluded.updated_at`,
      )
      .run({ id: chargePointId, allow: next.allowForeignCertificateCn ? 1 : 0, cn: next.certificateCn, protocol: next.uploadProtocol, now });
  }
}
