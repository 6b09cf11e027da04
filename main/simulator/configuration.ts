/**
 * The simulated station's configuration key store (OCPP 1.6 §9 standard keys, plus the keys of the
 * "Improved security for OCPP 1.6-J" whitepaper). GetConfiguration / ChangeConfiguration work on this.
 */

import type { Measurand } from '../../shared/ocpp/messages/common.js';

/** Measurands this simulator can actually produce values for. */
export const SUPPORTED_MEASURANDS: readonly Measurand[] = [
  'Energy.Active.Import.Register',
  'Power.Active.Import',
  'Power.Offered',
  'Current.Import',
  'Current.Offered',
  'Voltage',
  'SoC',
  'Temperature',
  'Frequency',
];

export type ConfigValueKind =
  | 'boolean'
  | 'integer'
  /** A non-negative integer. */
  | 'uint'
  | 'string'
  /** Comma separated list of measurands. */
  | 'measurands'
  /** Comma separated list of anything. */
  | 'csl'
  /** Write-only hex string (AuthorizationKey). */
  | 'hexkey';

export interface ConfigKeyDefinition {
  key: string;
  kind: ConfigValueKind;
  value: string;
  readonly?: boolean;
  /** Never returned by GetConfiguration (AuthorizationKey). */
  writeOnly?: boolean;
  /** Name of a key that holds the max list length for CSL values. */
  maxLengthKey?: string;
  /** Extra validation: return false to reject. */
  validate?: (value: string, store: ConfigurationStore) => boolean;
  /** ChangeConfiguration answers RebootRequired for this key. */
  rebootRequired?: boolean;
}

export type ChangeConfigurationStatus = 'Accepted' | 'Rejected' | 'RebootRequired' | 'NotSupported';

export interface KeyValue {
  key: string;
  readonly: boolean;
  value?: string;
}

export interface ConfigurationInit {
  connectorCount: number;
  featureProfiles?: string[];
  /** Values to override (or extra keys to add as read-write strings). */
  overrides?: Record<string, string>;
  /** Hex-encoded AuthorizationKey matching the password given to the constructor, if any. */
  authorizationKeyHex?: string;
}

export const DEFAULT_FEATURE_PROFILES = ['Core', 'FirmwareManagement', 'LocalAuthListManagement', 'Reservation', 'SmartCharging', 'RemoteTrigger'];

function defaultKeys(init: ConfigurationInit): ConfigKeyDefinition[] {
  const profiles = (init.featureProfiles ?? DEFAULT_FEATURE_PROFILES).join(',');
  const bool = (key: string, value: boolean, readonly = false): ConfigKeyDefinition => ({
    key,
    kind: 'boolean',
    value: String(value),
    readonly,
  });
  const uint = (key: string, value: number, readonly = false): ConfigKeyDefinition => ({
    key,
    kind: 'uint',
    value: String(value),
    readonly,
  });
  return [
    // Core profile
    bool('AllowOfflineTxForUnknownId', false),
    bool('AuthorizationCacheEnabled', true),
    bool('AuthorizeRemoteTxRequests', true),
    uint('BlinkRepeat', 3),
    uint('ClockAlignedDataInterval', 0),
    uint('ConnectionTimeOut', 60),
    {
      key: 'ConnectorPhaseRotation',
      kind: 'csl',
      value: Array.from({ length: init.connectorCount + 1 }, (_, i) => `${i}.RST`).join(','),
      maxLengthKey: 'ConnectorPhaseRotationMaxLength',
    },
    uint('ConnectorPhaseRotationMaxLength', init.connectorCount + 1, true),
    uint('GetConfigurationMaxKeys', 100, true),
    { ...uint('HeartbeatInterval', 300), validate: (v) => Number(v) > 0 },
    uint('LightIntensity', 50),
    bool('LocalAuthorizeOffline', true),
    bool('LocalPreAuthorize', false),
    uint('MaxEnergyOnInvalidId', 0),
    { key: 'MeterValuesAlignedData', kind: 'measurands', value: 'Energy.Active.Import.Register', maxLengthKey: 'MeterValuesAlignedDataMaxLength' },
    uint('MeterValuesAlignedDataMaxLength', 8, true),
    {
      key: 'MeterValuesSampledData',
      kind: 'measurands',
      value: 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,SoC',
      maxLengthKey: 'MeterValuesSampledDataMaxLength',
    },
    uint('MeterValuesSampledDataMaxLength', 8, true),
    uint('MeterValueSampleInterval', 60),
    uint('MinimumStatusDuration', 0),
    uint('NumberOfConnectors', init.connectorCount, true),
    uint('ResetRetries', 3),
    bool('StopTransactionOnEVSideDisconnect', true),
    bool('StopTransactionOnInvalidId', true),
    { key: 'StopTxnAlignedData', kind: 'measurands', value: '', maxLengthKey: 'StopTxnAlignedDataMaxLength' },
    uint('StopTxnAlignedDataMaxLength', 8, true),
    { key: 'StopTxnSampledData', kind: 'measurands', value: 'Energy.Active.Import.Register', maxLengthKey: 'StopTxnSampledDataMaxLength' },
    uint('StopTxnSampledDataMaxLength', 8, true),
    { key: 'SupportedFeatureProfiles', kind: 'csl', value: profiles, readonly: true },
    uint('SupportedFeatureProfilesMaxLength', 6, true),
    uint('TransactionMessageAttempts', 3),
    uint('TransactionMessageRetryInterval', 60),
    bool('UnlockConnectorOnEVSideDisconnect', true),
    uint('WebSocketPingInterval', 0),
    // Local auth list management
    bool('LocalAuthListEnabled', true),
    uint('LocalAuthListMaxLength', 1000, true),
    uint('SendLocalListMaxLength', 100, true),
    // Reservation
    bool('ReserveConnectorZeroSupported', true, true),
    // Smart charging
    uint('ChargeProfileMaxStackLevel', 10, true),
    { key: 'ChargingScheduleAllowedChargingRateUnit', kind: 'csl', value: 'Current,Power', readonly: true },
    uint('ChargingScheduleMaxPeriods', 24, true),
    bool('ConnectorSwitch3to1PhaseSupported', false, true),
    uint('MaxChargingProfilesInstalled', 20, true),
    // Firmware management
    { key: 'SupportedFileTransferProtocols', kind: 'csl', value: 'FTP,HTTP,HTTPS', readonly: true },
    // Security whitepaper
    bool('AdditionalRootCertificateCheck', false, true),
    { key: 'AuthorizationKey', kind: 'hexkey', value: '', writeOnly: true },
    uint('CertificateSignedMaxChainSize', 10000, true),
    uint('CertificateStoreMaxLength', 20, true),
    { key: 'CpoName', kind: 'string', value: '' },
    {
      ...uint('SecurityProfile', 0),
      // The security profile may only be raised (security whitepaper §1.3.2), and must be 0..3.
      validate: (v, store) => Number(v) <= 3 && Number(v) >= Number(store.get('SecurityProfile') ?? '0'),
    },
  ];
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/** Default key definitions shared (read-only) by every store with the same connector count and profiles. */
const sharedDefaults = new Map<string, ReadonlyMap<string, Readonly<ConfigKeyDefinition>>>();

function defaultsFor(connectorCount: number, featureProfiles?: string[]): ReadonlyMap<string, Readonly<ConfigKeyDefinition>> {
  const signature = `${connectorCount}|${(featureProfiles ?? DEFAULT_FEATURE_PROFILES).join(',')}`;
  let map = sharedDefaults.get(signature);
  if (!map) {
    map = new Map(defaultKeys({ connectorCount, featureProfiles }).map((d) => [d.key, Object.freeze(d)]));
    sharedDefaults.set(signature, map);
  }
  return map;
}

/**
 * Copy-on-write key store: the default definitions are shared between instances (thousands of simulated
 * stations in one process), a store only keeps the keys it changed or added.
 */
export class ConfigurationStore {
  private readonly defaults: ReadonlyMap<string, Readonly<ConfigKeyDefinition>>;
  /** Keys changed or added on this station. */
  private readonly own = new Map<string, ConfigKeyDefinition>();
  /** Called after a successful change (key, new value). */
  onChange?: (key: string, value: string) => void;

  constructor(init: ConfigurationInit) {
    this.defaults = defaultsFor(init.connectorCount, init.featureProfiles);
    if (init.authorizationKeyHex) this.set('AuthorizationKey', init.authorizationKeyHex);
    for (const [key, value] of Object.entries(init.overrides ?? {})) this.set(key, value);
  }

  private def(key: string): Readonly<ConfigKeyDefinition> | undefined {
    const own = this.own.get(key);
    if (own) return own;
    return this.defaults.get(key);
  }

  /** The definition, copied into `own` for writing. */
  private writable(key: string): ConfigKeyDefinition | undefined {
    const own = this.own.get(key);
    if (own) return own;
    const shared = this.def(key);
    if (!shared) return undefined;
    const copy = { ...shared };
    this.own.set(key, copy);
    return copy;
  }

  get(key: string): string | undefined {
    return this.def(key)?.value;
  }

  getBoolean(key: string, fallback = false): boolean {
    const v = this.get(key);
    return v === undefined ? fallback : v.toLowerCase() === 'true';
  }

  getInteger(key: string, fallback = 0): number {
    const v = this.get(key);
    const n = v === undefined || v === '' ? NaN : Number(v);
    return Number.isFinite(n) ? n : fallback;
  }

  getList(key: string): string[] {
    const v = this.get(key);
    return v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  }

  /** Set a value bypassing readonly/validation (the station itself changing its state, or test setup). */
  set(key: string, value: string, definition?: Partial<ConfigKeyDefinition>): void {
    const def = this.writable(key);
    if (def) {
      if (definition) Object.assign(def, definition);
      def.key = key;
      def.value = value;
    } else {
      this.own.set(key, { kind: 'string', ...definition, key, value });
    }
  }

  /** All keys as GetConfiguration reports them (write-only keys are left out). */
  list(): KeyValue[] {
    const out: KeyValue[] = [];
    for (const key of this.defaults.keys()) {
      const def = this.def(key);
      if (def && !def.writeOnly) out.push(toKeyValue(def));
    }
    for (const [key, def] of this.own) if (!this.defaults.has(key) && !def.writeOnly) out.push(toKeyValue(def));
    return out;
  }

  /** GetConfiguration.conf payload for the requested keys (all when `keys` is empty or absent). */
  getConfiguration(keys?: readonly string[]): { configurationKey: KeyValue[]; unknownKey?: string[] } {
    if (!keys || keys.length === 0) return { configurationKey: this.list() };
    const configurationKey: KeyValue[] = [];
    const unknownKey: string[] = [];
    for (const key of keys) {
      const def = this.def(key);
      if (!def || def.writeOnly) unknownKey.push(key);
      else configurationKey.push(toKeyValue(def));
    }
    return unknownKey.length ? { configurationKey, unknownKey } : { configurationKey };
  }

  /** ChangeConfiguration: validate and apply. */
  change(key: string, value: string): ChangeConfigurationStatus {
    const def = this.def(key);
    if (!def) return 'NotSupported';
    if (def.readonly) return 'Rejected';
    if (!this.valid(def, value)) return 'Rejected';
    const normalised = def.kind === 'boolean' || def.kind === 'hexkey' ? value.toLowerCase() : value;
    this.set(key, normalised);
    this.onChange?.(key, normalised);
    return def.rebootRequired ? 'RebootRequired' : 'Accepted';
  }

  private valid(def: Readonly<ConfigKeyDefinition>, value: string): boolean {
    if (value.length > 500) return false;
    switch (def.kind) {
      case 'boolean':
        if (!/^(true|false)$/i.test(value)) return false;
        break;
      case 'integer':
        if (!/^-?\d+$/.test(value.trim())) return false;
        break;
      case 'uint':
        if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) return false;
        break;
      case 'measurands':
      case 'csl': {
        const items = value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (def.kind === 'measurands' && !items.every((m) => (SUPPORTED_MEASURANDS as readonly string[]).includes(m))) return false;
        if (def.maxLengthKey) {
          const max = this.getInteger(def.maxLengthKey, Infinity);
          if (items.length > max) return false;
        }
        break;
      }
      case 'hexkey': {
        // Security whitepaper: the Basic auth password, hex encoded. Strict on the encoding, lenient on the length.
        if (!HEX.test(value)) return false;
        const bytes = value.length / 2;
        if (bytes < 8 || bytes > 40) return false;
        break;
      }
      case 'string':
        break;
    }
    return def.validate ? def.validate(value, this) : true;
  }
}

function toKeyValue(def: Readonly<ConfigKeyDefinition>): KeyValue {
  return { key: def.key, readonly: !!def.readonly, value: def.value };
}
