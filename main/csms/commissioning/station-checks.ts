/**
 * Checks of the station itself: how it is connected, what it said at boot, its heartbeat, its connectors, its
 * clock, its configuration against its baseline, its local list. OCPP 1.6 sections are cited per check.
 */
import type { ConfigurationEntryDto } from '../../../shared/api/types.js';
import { stationUrlOf } from '../server/handshake-facts.js';
import { statusOf, type CheckContext, type CheckOutcome, type CommissioningCheck } from './check-context.js';

/** A station clock further off than this is a failure: transactions and meter values would carry wrong times. */
const MAX_CLOCK_OFFSET_SEC = 60;

function stationRow(ctx: CheckContext) {
  return ctx.services.stations.get(ctx.chargePointId);
}

export const connectionCheck: CommissioningCheck = {
  id: 'connection',
  run(ctx) {
    const row = stationRow(ctx);
    const connection = ctx.services.connections.get(ctx.chargePointId);
    const handshake = connection?.handshake ?? null;
    const tls = handshake?.tls ?? null;
    const values = {
      connected: connection !== undefined,
      registrationStatus: row?.registration_status ?? null,
      securityProfile: row?.security_profile ?? null,
      remoteAddress: row?.last_remote_address ?? null,
      connectedSince: row?.last_connected_at ?? null,
      url: handshake ? stationUrlOf(handshake, ctx.chargePointId) : null,
      hostHeaderSent: handshake?.hostSent ?? null,
      subprotocol: connection?.subprotocol ?? null,
      tls: tls && {
        protocol: tls.protocol,
        cipher: tls.cipher,
        serverCertificate: tls.serverCertificate,
        clientCertificate: tls.clientCertificate.presented
          ? {
              commonName: tls.clientCertificate.commonName ?? null,
              authorized: tls.clientCertificate.authorized,
              authorizationError: tls.clientCertificate.authorizationError ?? null,
              fingerprint256: tls.clientCertificate.fingerprint256 ?? null,
            }
          : null,
      },
    };
    if (!connection) return { status: 'failed', summary: 'The station is not connected: nothing else can be checked.', values };
    if (row?.registration_status !== 'Accepted')
      return { status: 'failed', summary: `Connected, but its registration is ${row?.registration_status}: accept it first.`, values };
    const how = tls ? `over ${tls.protocol ?? 'TLS'}${tls.clientCertificate.presented ? ' with a client certificate' : ''}` : 'without TLS';
    return {
      status: 'passed',
      summary: `Connected from ${values.remoteAddress ?? 'an unknown address'} to ${values.url ?? 'this central system'} ${how}, subprotocol ${values.subprotocol ?? 'unknown'}, security profile ${values.securityProfile}.`,
      values,
    };
  },
};

export const bootCheck: CommissioningCheck = {
  id: 'boot',
  run(ctx) {
    const row = stationRow(ctx);
    const values = {
      vendor: row?.vendor ?? null,
      model: row?.model ?? null,
      chargePointSerial: row?.charge_point_serial ?? null,
      chargeBoxSerial: row?.charge_box_serial ?? null,
      firmwareVersion: row?.firmware_version ?? null,
      meterType: row?.meter_type ?? null,
      lastBootAt: row?.last_boot_at ?? null,
    };
    if (!values.lastBootAt) return { status: 'failed', summary: 'The station has not sent a BootNotification (OCPP 1.6 §4.2).', values };
    const missing = (['chargePointSerial', 'firmwareVersion'] as const).filter((k) => !values[k]);
    const who = `${values.vendor} ${values.model}`;
    return {
      status: 'passed',
      summary: missing.length
        ? `${who}; it does not report ${missing.join(' or ')} (optional in §6.3, useful in a report).`
        : `${who}, serial ${values.chargePointSerial}, firmware ${values.firmwareVersion}.`,
      values,
    };
  },
};

export const heartbeatCheck: CommissioningCheck = {
  id: 'heartbeat',
  run(ctx) {
    const row = stationRow(ctx);
    const intervalSec = row?.heartbeat_interval_sec ?? null;
    const values = { heartbeatIntervalSec: intervalSec, lastSeenAt: row?.last_seen_at ?? null };
    if (intervalSec === null) return { status: 'failed', summary: 'The heartbeat interval the station works with is not known.', values };
    if (intervalSec <= 0) return { status: 'failed', summary: `HeartbeatInterval is ${intervalSec}: the station sends no heartbeats.`, values };
    return { status: 'passed', summary: `Heartbeat every ${intervalSec} s.`, values };
  },
};

export const connectorStatusCheck: CommissioningCheck = {
  id: 'connector-status',
  async run(ctx) {
    const row = stationRow(ctx);
    const askedAt = ctx.now().toISOString();
    const watch = ctx.watch('connector.status', (e) => e.chargePointId === ctx.chargePointId);
    const answer = await ctx.call('TriggerMessage', { requestedMessage: 'StatusNotification' });
    if (answer?.status !== 'Accepted') {
      watch.stop();
      return { status: 'failed', summary: `TriggerMessage StatusNotification was answered ${statusOf(answer)} (§5.17).` };
    }
    // Every connector (and 0) reports; wait until each has a status newer than the trigger, or the time is up.
    const deadline = Date.now() + ctx.waits.statusWaitMs;
    const fresh = () => ctx.services.stations.connectors(ctx.chargePointId).filter((c) => c.updated_at >= askedAt);
    while (Date.now() < deadline && fresh().length < ctx.services.stations.connectors(ctx.chargePointId).length)
      await watch.next(deadline - Date.now());
    watch.stop();
    const connectors = ctx.services.stations.connectors(ctx.chargePointId);
    const values = {
      connectors: connectors.map((c) => ({
        connectorId: c.connector_id,
        status: c.status,
        errorCode: c.error_code,
        reportedAfterTrigger: c.updated_at >= askedAt,
      })),
      registration: row?.registration_status ?? null,
    };
    const faulted = connectors.filter((c) => c.status === 'Faulted' || c.error_code !== 'NoError');
    if (faulted.length)
      return {
        status: 'failed',
        summary: `Connector ${faulted.map((c) => `${c.connector_id}: ${c.status} ${c.error_code}`).join(', ')}.`,
        values,
      };
    const silent = connectors.filter((c) => c.updated_at < askedAt);
    if (silent.length)
      return { status: 'failed', summary: `Connector ${silent.map((c) => c.connector_id).join(', ')} did not report after the trigger.`, values };
    return { status: 'passed', summary: connectors.map((c) => `${c.connector_id}: ${c.status}`).join(', '), values };
  },
};

export const clockCheck: CommissioningCheck = {
  id: 'clock',
  run(ctx) {
    // The station's own timestamps of its newest status reports against when they arrived here.
    const offsets = ctx.services.stations
      .connectors(ctx.chargePointId)
      .filter((c) => c.status_cp_at)
      .map((c) => ({
        connectorId: c.connector_id,
        stationTime: c.status_cp_at!,
        receivedAt: c.updated_at,
        offsetSec: (Date.parse(c.status_cp_at!) - Date.parse(c.updated_at)) / 1000,
      }))
      .filter((o) => Number.isFinite(o.offsetSec));
    if (offsets.length === 0)
      return { status: 'skipped', summary: 'The station sends no timestamps with its status reports: its clock cannot be compared.' };
    const newest = offsets.reduce((a, b) => (a.receivedAt >= b.receivedAt ? a : b));
    const values = {
      offsetSec: Math.round(newest.offsetSec * 10) / 10,
      stationTime: newest.stationTime,
      receivedAt: newest.receivedAt,
      maxOffsetSec: MAX_CLOCK_OFFSET_SEC,
    };
    const words = `${Math.abs(values.offsetSec)} s ${values.offsetSec >= 0 ? 'ahead of' : 'behind'} the central system`;
    if (Math.abs(values.offsetSec) > MAX_CLOCK_OFFSET_SEC)
      return { status: 'failed', summary: `The station's clock is ${words}: set its time (the BootNotification answer carries ours, §6.4).`, values };
    return { status: 'passed', summary: `The station's clock is ${words}.`, values };
  },
};

export const configurationCheck: CommissioningCheck = {
  id: 'configuration',
  async run(ctx): Promise<CheckOutcome> {
    const answer = await ctx.call('GetConfiguration', {});
    if (!answer) return { status: 'failed', summary: 'GetConfiguration got no answer (§5.8).' };
    const keys = (answer.configurationKey as ConfigurationEntryDto[] | undefined) ?? [];
    ctx.state.configuration = keys.map(({ key, readonly, value }) => ({ key, readonly, ...(value !== undefined ? { value } : {}) }));
    const drift = ctx.services.baselines.drift(ctx.chargePointId);
    const values: Record<string, unknown> = { keys: keys.length, baseline: drift?.baseline ?? null };
    if (!drift || drift.baseline === null) return { status: 'passed', summary: `${keys.length} keys read; the station follows no baseline.`, values };
    const off = drift.entries.filter((e) => e.state !== 'matches');
    values.offBaseline = off.map((e) => ({ key: e.key, expected: e.expected, actual: e.actual, state: e.state }));
    if (off.length)
      return {
        status: 'failed',
        summary: `${off.length} of ${drift.entries.length} keys are off baseline ${drift.baseline}: ${off.map((e) => e.key).join(', ')}.`,
        values,
      };
    return { status: 'passed', summary: `${keys.length} keys read; all ${drift.entries.length} keys of baseline ${drift.baseline} match.`, values };
  },
};

export const localListCheck: CommissioningCheck = {
  id: 'local-list',
  async run(ctx) {
    const answer = await ctx.call('GetLocalListVersion', {});
    if (!answer) return { status: 'failed', summary: 'GetLocalListVersion got no answer (§5.10).' };
    const version = Number(answer.listVersion);
    const values = { listVersion: version };
    if (version === -1) return { status: 'skipped', summary: 'The station does not support a local list (version -1).', values };
    return { status: 'passed', summary: version === 0 ? 'The local list is empty (version 0).' : `The local list is at version ${version}.`, values };
  },
};
