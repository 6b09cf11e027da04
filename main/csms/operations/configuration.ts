/**
 * GetConfiguration / ChangeConfiguration (OCPP 1.6 §5.8, §5.4, §9; OCTT TC_019, TC_021, TC_040, TC_073).
 * Keeps the last configuration each station reported, updated by accepted changes; never the AuthorizationKey's
 * value. An accepted AuthorizationKey becomes the station's Basic-auth password (white paper A01.FR.03: the old one
 * stops working). SecurityProfile is never lowered (A00.FR.005) and never raised to 3 while the station holds no
 * certificate the profile-3 handshake accepts (security/station-identity.ts). Nothing is sent on its own after a
 * change: the OCTT test cases fail a CSMS that sends CALLs nobody asked for.
 */
import type { JsonObject } from '../../../shared/ocpp/rpc-frames.js';
import { secretsForAuthorizationKey } from '../domain/passwords.js';
import type { ConfigurationEntry } from '../storage/repositories/station-operations.js';
import { CallFailure } from '../rpc/errors.js';
import { profile3Readiness } from '../security/station-identity.js';
import type { OperatorOperations } from './operator-operations.js';
import { nowIso, statusOf } from './support.js';

const SECRET_KEY = /^AuthorizationKey$/i;
const SECURITY_PROFILE_KEY = /^SecurityProfile$/i;
const HEARTBEAT_INTERVAL_KEY = /^HeartbeatInterval$/i;

/** A HeartbeatInterval value (OCPP 1.6 §9.1.10: seconds, an integer) as a number, or null when it is not one. */
function heartbeatSeconds(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\s*\d{1,9}\s*$/.test(value)) return null;
  return Number(value);
}

function entriesOf(response: JsonObject): ConfigurationEntry[] {
  const list = Array.isArray(response.configurationKey) ? response.configurationKey : [];
  const entries: ConfigurationEntry[] = [];
  for (const item of list as Array<Record<string, unknown>>) {
    if (!item || typeof item.key !== 'string') continue;
    const entry: ConfigurationEntry = { key: item.key, readonly: item.readonly === true };
    if (typeof item.value === 'string' && !SECRET_KEY.test(item.key)) entry.value = item.value;
    entries.push(entry);
  }
  return entries;
}

export function registerConfiguration(ops: OperatorOperations): void {
  const csms = ops.csms;
  const changed = (chargePointId: string) => csms.events.emit('configuration.changed', { chargePointId });

  ops.register('GetConfiguration', {
    async applied(chargePointId, request, response) {
      const requested = Array.isArray(request.key) && request.key.length > 0 ? (request.key as string[]) : null;
      const reported = entriesOf(response);
      const unknownKeys = Array.isArray(response.unknownKey)
        ? (response.unknownKey as unknown[]).filter((k): k is string => typeof k === 'string')
        : [];
      const heartbeatSec = heartbeatSeconds(reported.find((e) => HEARTBEAT_INTERVAL_KEY.test(e.key))?.value);
      const now = nowIso(csms);
      await csms.groupCommit.run(() => {
        const previous = csms.repos.configurationSnapshots.get(chargePointId);
        let entries = reported;
        if (requested && previous) {
          // Some keys only: they update the snapshot we have.
          const byKey = new Map(previous.entries.map((e) => [e.key, e]));
          for (const e of reported) byKey.set(e.key, e);
          for (const k of unknownKeys) byKey.delete(k);
          entries = [...byKey.values()];
        }
        entries.sort((a, b) => a.key.localeCompare(b.key));
        csms.repos.configurationSnapshots.save({ chargePointId, entries, unknownKeys, requestedKeys: requested, takenAt: now }, now);
        if (heartbeatSec !== null) csms.repos.chargePoints.setHeartbeatInterval(chargePointId, heartbeatSec);
      });
      // The interval the station reports is the one it works with: silence is judged by it.
      if (heartbeatSec !== null) csms.events.emit('chargePoint.changed', { chargePointId });
      changed(chargePointId);
    },
  });

  ops.register('ChangeConfiguration', {
    prepare(chargePointId, request) {
      // White paper A00.FR.005: the security profile may be raised over OCPP, never lowered (the operator can
      // still lower what a station is held to in the console, outside OCPP).
      if (typeof request.key === 'string' && SECURITY_PROFILE_KEY.test(request.key) && typeof request.value === 'string') {
        const current = csms.repos.chargePoints.get(chargePointId)?.security_profile ?? 0;
        const wanted = Number(request.value);
        if (Number.isInteger(wanted) && wanted < current)
          throw new CallFailure(
            'CSMS_ERR_NOT_ALLOWED',
            `Lowering the security profile over OCPP is not allowed (A00.FR.005): ${chargePointId} is on profile ${current}, asked for ${wanted}`,
          );
        // A station raised to profile 3 without a certificate the handshake accepts could never connect again.
        if (wanted === 3 && current < 3) {
          const readiness = profile3Readiness(csms.repos, csms.tls?.material.caPem, chargePointId, csms.clock.now());
          if (!readiness.ready)
            throw new CallFailure('CSMS_ERR_NOT_ALLOWED', `Not raising ${chargePointId} to security profile 3: ${readiness.reason}`);
        }
      }
      return request;
    },
    async applied(chargePointId, request, response) {
      const status = statusOf(response);
      if ((status !== 'Accepted' && status !== 'RebootRequired') || typeof request.key !== 'string' || typeof request.value !== 'string') return;
      const key = request.key;
      const value = request.value;
      const secret = SECRET_KEY.test(key);
      // Hash outside the write (scrypt takes a while); only an Accepted key replaces the password (A01.FR.03/04).
      const secrets = secret && status === 'Accepted' ? secretsForAuthorizationKey(value) : undefined;
      // Accepted means in effect now (§5.4); RebootRequired takes effect at the reboot, whose boot answer sets it.
      const heartbeatSec = status === 'Accepted' && HEARTBEAT_INTERVAL_KEY.test(key) ? heartbeatSeconds(value) : null;
      const now = nowIso(csms);
      await csms.groupCommit.run(() => {
        const snapshot = csms.repos.configurationSnapshots.get(chargePointId);
        const entries = snapshot?.entries ?? [];
        const existing = entries.find((e) => e.key === key);
        const entry: ConfigurationEntry = existing ?? { key, readonly: false };
        if (secret) delete entry.value;
        else entry.value = value;
        if (status === 'RebootRequired') entry.rebootRequired = true;
        else delete entry.rebootRequired;
        if (!existing) entries.push(entry);
        entries.sort((a, b) => a.key.localeCompare(b.key));
        csms.repos.configurationSnapshots.save(
          {
            chargePointId,
            entries,
            unknownKeys: (snapshot?.unknownKeys ?? []).filter((k) => k !== key),
            requestedKeys: snapshot?.requestedKeys ?? null,
            takenAt: snapshot?.takenAt ?? null,
          },
          now,
        );
        if (secrets) {
          const row = csms.repos.chargePoints.get(chargePointId);
          if (row) csms.repos.chargePoints.update(chargePointId, { authSecrets: secrets, securityProfile: Math.max(row.security_profile, 1) }, now);
        }
        if (heartbeatSec !== null) csms.repos.chargePoints.setHeartbeatInterval(chargePointId, heartbeatSec);
      });
      if (secrets) csms.forgetVerifiedPassword(chargePointId);
      if (secrets || heartbeatSec !== null) csms.events.emit('chargePoint.changed', { chargePointId });
      changed(chargePointId);
    },
  });
}
