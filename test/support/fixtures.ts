import { SimulatedChargePoint, type SimulatedChargePointOptions } from '../../main/simulator/index.js';
import type { Harness } from './csms-harness.js';

/** The test data OCTT calls `<Configured …>` (OCTT's configured test data), set identically in the CSMS and the simulator. */
export const TAGS = {
  valid: 'VALIDTAG01',
  validSameGroup: 'VALIDTAG02',
  group: 'GROUP-A',
  expired: 'EXPIREDTAG',
  expiredByDate: 'OLDTAG',
  blocked: 'BLOCKEDTAG',
  invalid: 'UNKNOWNTAG',
} as const;

export async function seedIdTags(h: Harness): Promise<void> {
  const csms = h.csms;
  await csms.services.idTags.upsert({ idTag: TAGS.group, status: 'Accepted' });
  await csms.services.idTags.upsert({ idTag: TAGS.valid, status: 'Accepted', parentIdTag: TAGS.group });
  await csms.services.idTags.upsert({ idTag: TAGS.validSameGroup, status: 'Accepted', parentIdTag: TAGS.group });
  await csms.services.idTags.upsert({ idTag: TAGS.expired, status: 'Expired' });
  await csms.services.idTags.upsert({ idTag: TAGS.expiredByDate, status: 'Accepted', expiryDate: '2020-01-01T00:00:00.000Z' });
  await csms.services.idTags.upsert({ idTag: TAGS.blocked, status: 'Blocked' });
}

const stations: SimulatedChargePoint[] = [];

/** A registered, Accepted station played by the project's simulator (not yet connected). */
export async function aStation(h: Harness, identity: string, options: Partial<SimulatedChargePointOptions> = {}): Promise<SimulatedChargePoint> {
  if (!h.csms.repos.chargePoints.get(identity)) await h.csms.services.stations.upsert({ id: identity, registrationStatus: 'Accepted' });
  const cp = new SimulatedChargePoint({
    url: h.endpoint,
    identity,
    connectorCount: 2,
    vendor: 'OCTT-Vendor',
    model: 'OCTT-Model',
    autoMeterValues: false,
    ...options,
  });
  stations.push(cp);
  return cp;
}

/** Booted state (OCTT's "booted" precondition): connected, BootNotification Accepted, StatusNotification for 0..n. */
export async function aBootedStation(
  h: Harness,
  identity: string,
  options: Partial<SimulatedChargePointOptions> = {},
): Promise<SimulatedChargePoint> {
  const cp = await aStation(h, identity, options);
  await cp.connect();
  const conf = await cp.boot();
  if (conf.status !== 'Accepted') throw new Error(`boot not accepted: ${conf.status}`);
  return cp;
}

export async function closeStations(): Promise<void> {
  await Promise.all(stations.splice(0).map((cp) => cp.close().catch(() => {})));
}

/**
 * OCTT's general precondition "no transaction" between test cases: the operator closes whatever
 * the previous case left open, as they would close a stuck transaction.
 */
export function closeOpenTransactions(h: Harness): void {
  const open = h.csms.db.prepare('SELECT id FROM transactions WHERE stop_received_at IS NULL').all() as { id: number }[];
  for (const { id } of open) {
    h.csms.repos.transactions.stop({
      id,
      meterStopWh: null,
      stoppedCpAt: null,
      reason: 'Other',
      idTag: null,
      endedBy: 'operator',
      note: 'closed between test cases',
      receivedAt: new Date().toISOString(),
    });
  }
}
