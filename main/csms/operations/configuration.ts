/**
 * GetConfiguration / ChangeConfiguration (OCPP 1.6 §5.8, §5.4, §9; OCTT TC_019, TC_021, TC_040, TC_073).
 * Keeps the last configuration each station reported, updated by accepted changes; never the AuthorizationKey's
 * value. An accepted AuthorizationKey becomes the station's Basic-auth password (white paper A01.FR.03: the old one
 * stops working). SecurityProfile is never lowered (A00.FR.005) and never raised to 3 while the station holds no
 * certificate the profile-3 handshake accepts (security/station-identity.ts). Nothing is sent on its own after a
 * change: the OCTT test cases fail a CSMS that sends CALLs nobody asked for.
 */
import type { OcppResponse } from '../../../shared/ocpp/actions.js';
import type { ConfigurationEntryDto as ConfigurationEntry } from '../../../shared/api/types.js';
import { CallFailure } from '../rpc/errors.js';
import type { OperatorOperations } from './operator-operations.js';

const SECRET_KEY = /^AuthorizationKey$/i;
const SECURITY_PROFILE_KEY = /^SecurityProfile$/i;
const HEARTBEAT_INTERVAL_KEY = /^HeartbeatInterval$/i;

/** A HeartbeatInterval value (OCPP 1.6 §9.1.10: seconds, an integer) as a number, or null when it is not one. */
function heartbeatSeconds(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d{1,9}\s*$/.test(value)) return null;
  return Number(value);
}

/** The reported keys as kept: never the AuthorizationKey's value. */
function entriesOf(response: OcppResponse<'GetConfiguration'>): ConfigurationEntry[] {
  return (response.configurationKey ?? []).map(({ key, readonly, value }) =>
    value !== undefined && !SECRET_KEY.test(key) ? { key, readonly, value } : { key, readonly },
  );
}

const byKey = (a: ConfigurationEntry, b: ConfigurationEntry) => a.key.localeCompare(b.key);

export function registerConfiguration(ops: OperatorOperations): void {
  const configuration = ops.stores.configuration;

  ops.register('GetConfiguration', {
    async applied(chargePointId, request, response) {
      const requested = request.key && request.key.length > 0 ? request.key : null;
      const reported = entriesOf(response);
      const unknownKeys = response.unknownKey ?? [];
      const now = ops.host.clock.now().toISOString();
      await configuration.record(
        chargePointId,
        (previous) => {
          let entries = reported;
          if (requested && previous) {
            // Some keys only: they update the snapshot we have.
            const merged = new Map(previous.entries.map((e) => [e.key, e]));
            for (const e of reported) merged.set(e.key, e);
            for (const k of unknownKeys) merged.delete(k);
            entries = [...merged.values()];
          }
          return { entries: entries.sort(byKey), unknownKeys, requestedKeys: requested, takenAt: now };
        },
        // The interval the station reports is the one it works with: silence is judged by it.
        { heartbeatIntervalSec: heartbeatSeconds(reported.find((e) => HEARTBEAT_INTERVAL_KEY.test(e.key))?.value) },
      );
    },
  });

  ops.register('ChangeConfiguration', {
    prepare(chargePointId, request) {
      // White paper A00.FR.005: the security profile may be raised over OCPP, never lowered (the operator can
      // still lower what a station is held to in the console, outside OCPP).
      if (typeof request.key === 'string' && SECURITY_PROFILE_KEY.test(request.key) && typeof request.value === 'string') {
        const current = configuration.securityProfile(chargePointId) ?? 0;
        const wanted = Number(request.value);
        if (Number.isInteger(wanted) && wanted < current)
          throw new CallFailure(
            'CSMS_ERR_NOT_ALLOWED',
            `Lowering the security profile over OCPP is not allowed (A00.FR.005): ${chargePointId} is on profile ${current}, asked for ${wanted}`,
          );
        // A station raised to profile 3 without a certificate the handshake accepts could never connect again.
        if (wanted === 3 && current < 3) {
          const readiness = configuration.profile3Readiness(chargePointId, ops.host.tls?.material.caPem);
          if (!readiness.ready)
            throw new CallFailure('CSMS_ERR_NOT_ALLOWED', `Not raising ${chargePointId} to security profile 3: ${readiness.reason}`);
        }
      }
      return request;
    },
    async applied(chargePointId, { key, value }, { status }) {
      if (status !== 'Accepted' && status !== 'RebootRequired') return;
      const secret = SECRET_KEY.test(key);
      await configuration.record(
        chargePointId,
        (snapshot) => {
          const entries = snapshot?.entries ?? [];
          const existing = entries.find((e) => e.key === key);
          const entry: ConfigurationEntry = existing ?? { key, readonly: false };
          if (secret) delete entry.value;
          else entry.value = value;
          if (status === 'RebootRequired') entry.rebootRequired = true;
          else delete entry.rebootRequired;
          if (!existing) entries.push(entry);
          return {
            entries: entries.sort(byKey),
            unknownKeys: (snapshot?.unknownKeys ?? []).filter((k) => k !== key),
            requestedKeys: snapshot?.requestedKeys ?? null,
            takenAt: snapshot?.takenAt ?? null,
          };
        },
        {
          // Accepted means in effect now (§5.4); RebootRequired takes effect at the reboot, whose boot answer sets it.
          heartbeatIntervalSec: status === 'Accepted' && HEARTBEAT_INTERVAL_KEY.test(key) ? heartbeatSeconds(value) : null,
          // Only an Accepted key replaces the password (A01.FR.03/04).
          ...(secret && status === 'Accepted' ? { authorizationKey: value } : {}),
        },
      );
    },
  });
}
