import type { SimulatorStartRequest } from '../../../../shared/api/types.js';

/** The start form as typed, and its checks (the same ranges as the API: main/services/simulator-fleet.ts). */
export interface StartDraft {
  idPrefix: string;
  count: string;
  connectorCount: string;
  maxPowerKw: string;
  meterValueSampleIntervalSec: string;
  autoReconnect: boolean;
}

export const DEFAULT_START: StartDraft = {
  idPrefix: 'SIM-',
  count: '2',
  connectorCount: '2',
  maxPowerKw: '11',
  meterValueSampleIntervalSec: '10',
  autoReconnect: true,
};

function intIn(text: string, min: number, max: number): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'must be a whole number';
  const n = Number(t);
  return n < min || n > max ? `must be from ${min} to ${max}` : undefined;
}

export function checkStart(d: StartDraft): Record<string, string> {
  const p: Record<string, string> = {};
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(d.idPrefix)) p.idPrefix = '1 to 40 characters: letters, digits, . _ -';
  const count = intIn(d.count, 1, 100);
  if (count) p.count = count;
  const connectors = intIn(d.connectorCount, 1, 10);
  if (connectors) p.connectorCount = connectors;
  const kw = Number(d.maxPowerKw.trim().replace(',', '.'));
  if (d.maxPowerKw.trim() === '' || !Number.isFinite(kw) || kw < 1 || kw > 350) p.maxPowerW = 'must be from 1 to 350 kW';
  const interval = intIn(d.meterValueSampleIntervalSec, 0, 3600);
  if (interval) p.meterValueSampleIntervalSec = interval;
  return p;
}

export function requestOf(d: StartDraft): SimulatorStartRequest {
  return {
    idPrefix: d.idPrefix,
    count: Number(d.count),
    connectorCount: Number(d.connectorCount),
    maxPowerW: Math.round(Number(d.maxPowerKw.trim().replace(',', '.')) * 1000),
    meterValueSampleIntervalSec: Number(d.meterValueSampleIntervalSec),
    autoReconnect: d.autoReconnect,
  };
}
