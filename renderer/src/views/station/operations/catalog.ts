/**
 * Every operation the central system can send to a station: the CSMS-initiated OCPP 1.6 actions of each feature
 * profile (OCPP 1.6 §3.3, §5) and the security white paper's, with the request schema taken from the same registry
 * the server validates with (shared/ocpp/actions.ts), read as plain JSON.
 */
import { ocppMessages, type OcppProfile } from '../../../../../shared/ocpp/actions.js';
import { relaxRequired, type JsonSchema } from './schema.js';

export interface OperationDefinition {
  action: string;
  profile: OcppProfile;
  /** What it does, in the operator's words (searched too). */
  summary: string;
  /** The request schema as the form shows and checks it (API-filled fields made optional, helper fields added). */
  schema: JsonSchema;
  /** Fields the API fills when they are left out (JSON Pointer → what it puts there). */
  serverDefaults: Record<string, string>;
  /** Long operations whose progress is the station's status notifications (a file job). */
  fileJob: boolean;
}

const SUMMARIES: Record<string, string> = {
  ChangeAvailability: 'Make a connector (0 = whole station) Operative or Inoperative',
  ChangeConfiguration: 'Set one configuration key',
  ClearCache: 'Clear the authorization cache',
  DataTransfer: 'Vendor-specific message',
  GetConfiguration: 'Read configuration keys (all when none given)',
  RemoteStartTransaction: 'Start charging for an id tag',
  RemoteStopTransaction: 'Stop a running transaction',
  Reset: 'Reboot the station (Soft or Hard)',
  UnlockConnector: 'Release the cable of a connector',
  GetDiagnostics: 'Upload a diagnostics file',
  UpdateFirmware: 'Download and install firmware',
  GetLocalListVersion: 'Read the local authorization list version',
  SendLocalList: 'Replace or update the local authorization list',
  CancelReservation: 'Cancel a reservation',
  ReserveNow: 'Reserve a connector for an id tag',
  TriggerMessage: 'Ask the station to send a message now',
  ClearChargingProfile: 'Remove charging profiles',
  GetCompositeSchedule: 'Read the schedule the station will follow',
  SetChargingProfile: 'Install a charging profile',
  CertificateSigned: 'Send the signed station certificate chain',
  DeleteCertificate: 'Delete an installed root certificate',
  ExtendedTriggerMessage: 'Ask for a message now (security extension)',
  GetInstalledCertificateIds: 'List installed root certificates',
  GetLog: 'Upload a diagnostics or security log',
  InstallCertificate: 'Install a root certificate',
  SignedUpdateFirmware: 'Download, verify and install signed firmware',
};

/** The helper field the API takes instead of a location: a firmware file stored on the built-in file server. */
const FIRMWARE_FILE: JsonSchema = { type: 'string', maxLength: 255, description: 'firmware file on the built-in file server' };

/** docs/api.md "Firmware and diagnostics files": what the API fills in when these are left out. */
const SERVER_DEFAULTS: Record<string, Record<string, string>> = {
  UpdateFirmware: { '/location': 'the URL of the chosen firmware file', '/retrieveDate': 'now' },
  SignedUpdateFirmware: { '/firmware/location': 'the URL of the chosen firmware file', '/requestId': 'the next request id' },
  GetDiagnostics: { '/location': 'the station upload URL' },
  GetLog: { '/log/remoteLocation': 'the station upload URL', '/requestId': 'the next request id' },
};

const FILE_JOB_ACTIONS = new Set(['UpdateFirmware', 'SignedUpdateFirmware', 'GetDiagnostics', 'GetLog']);

function definitionOf(action: string, profile: OcppProfile, request: unknown): OperationDefinition {
  const serverDefaults = SERVER_DEFAULTS[action] ?? {};
  const schema = relaxRequired(JSON.parse(JSON.stringify(request)) as JsonSchema, Object.keys(serverDefaults));
  if (action === 'UpdateFirmware' || action === 'SignedUpdateFirmware') {
    // `firmwareFile` first, so the form shows the choice before the URL it replaces.
    schema.properties = { firmwareFile: FIRMWARE_FILE, ...schema.properties };
  }
  return { action, profile, summary: SUMMARIES[action] ?? '', schema, serverDefaults, fileJob: FILE_JOB_ACTIONS.has(action) };
}

export const OPERATIONS: readonly OperationDefinition[] = Object.entries(ocppMessages)
  .filter(([, definition]) => definition.initiator !== 'ChargePoint')
  .map(([action, definition]) => definitionOf(action, definition.profile, definition.request));

export const OPERATIONS_BY_ACTION: ReadonlyMap<string, OperationDefinition> = new Map(OPERATIONS.map((o) => [o.action, o]));

export const PROFILE_LABELS: Record<OcppProfile, string> = {
  Core: 'Core',
  FirmwareManagement: 'Firmware management',
  LocalAuthListManagement: 'Local authorization list',
  Reservation: 'Reservation',
  RemoteTrigger: 'Remote trigger',
  SmartCharging: 'Smart charging',
  Security: 'Security (white paper)',
};

export function operation(action: string): OperationDefinition {
  const found = OPERATIONS_BY_ACTION.get(action);
  if (!found) throw new Error(`unknown operation ${action}`);
  return found;
}

/** TriggerMessage's requestedMessage values (OCPP 1.6 §7.46 MessageTrigger). */
export const TRIGGER_MESSAGES: readonly string[] = operation('TriggerMessage').schema.properties!.requestedMessage!.enum!;
