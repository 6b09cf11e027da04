import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorageDto } from '../../../shared/api/storage.js';
import type { SettingsDto, StatusDto } from '../../../shared/api/types.js';
import { ocppUrls } from '../../csms/network.js';
import { readJsonObject, validationFailed } from '../http.js';
import { HANDLED, type Router } from '../router.js';
import { rotateApiToken } from '../token.js';

let packageInfo: { name: string; version: string } | undefined;
/** name and version from package.json (found upwards from this file, in the sources and in dist alike). */
function appPackage(): { name: string; version: string } {
  if (packageInfo) return packageInfo;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ocpp-operator-console') return (packageInfo = { name: pkg.name, version: pkg.version ?? '0.0.0' });
    } catch {
      /* keep looking */
    }
  }
  return (packageInfo = { name: 'ocpp-operator-console', version: 'unknown' });
}

export function settingsRoutes(router: Router): void {
  router.get('/api/settings', ({ ctx }): SettingsDto => ({ ...ctx.settings.current() }));

  router.patch('/api/settings', async ({ req, ctx }): Promise<SettingsDto> => {
    const body = await readJsonObject(req);
    // Every problem at once (unknown keys and bad values, shared/api/settings.ts); nothing changes while there is any.
    const refused = ctx.settings.update(body);
    if (Object.keys(refused).length) throw validationFailed(refused);
    return { ...ctx.settings.current() };
  });

  router.post('/api/settings/api-token/rotate', async ({ ctx }) => {
    const token = await rotateApiToken(ctx.settings);
    ctx.token.current = token;
    // Streams opened with the old token end; EventSource clients must reconnect with the new one.
    ctx.sse.closeAll();
    return { token };
  });

  router.get('/api/status', ({ ctx }): StatusDto => {
    const { name, version } = appPackage();
    return {
      name,
      version,
      ocppUrls: ocppUrls(ctx.central.startup.ocppHost, ctx.central.ocppAddress.port),
      connectedCount: ctx.connections.ids().length,
      chargePointCount: ctx.stations.count(),
      startedAt: ctx.startedAt.toISOString(),
      uptimeSec: Math.floor((Date.now() - ctx.startedAt.getTime()) / 1000),
      alerts: ctx.dataFolder.storageAlerts(),
    };
  });

  router.get('/api/storage', ({ ctx }): StorageDto => {
    const s = ctx.dataFolder.diskStatus();
    const { usedBytes, totalBytes: _total, ...breakdown } = s.usage;
    return {
      dataDir: ctx.dataFolder.dataDir,
      budgetBytes: s.budgetBytes,
      usedBytes,
      breakdown,
      disk: s.disk,
      alertAboveBytes: s.alertAboveBytes,
      pruneDownToBytes: s.pruneDownToBytes,
      pruning: {
        messageLogRows: s.prunable.messageLogRows,
        messageLogProtectedRows: s.prunable.messageLogProtectedRows,
        oldestMessageLogAt: s.prunable.oldestMessageLogAt,
        meterDetailAfterMonths: s.meterDetailAfterMonths,
        meterDetailCutoff: s.prunable.meterDetailCutoff,
        meterDetailTransactions: s.prunable.meterDetailTransactions,
        meterDetailReadings: s.prunable.meterDetailReadings,
      },
      growthBytesPerDay: s.growthBytesPerDay,
      checkedAt: s.checkedAt,
      lastPrune: s.lastPrune,
      alerts: ctx.dataFolder.storageAlerts(),
    };
  });

  router.get('/api/events', ({ req, res, query, ctx }) => {
    ctx.sse.open(req, res, query);
    return HANDLED;
  });
}
