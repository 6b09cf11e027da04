import type { IncomingMessage } from 'node:http';
import type { RegistrationPolicy } from '../config/settings.js';
import { hasControlCharacter } from '../domain/control-characters.js';
import { verifyPassword, type VerifiedPasswordCache } from '../domain/passwords.js';
import { parseAuthSecrets, type ChargePointAdmission } from '../storage/repositories/charge-points.js';
import type { ClientCertificate } from '../security/client-certificate.js';

/** The OCPP 1.6J subprotocol (OCPP-J §3.1.2). */
export const OCPP16_SUBPROTOCOL = 'ocpp1.6';
/** Generous, but bounded: identities are short strings in practice (chargeBoxIdentity, CiString). */
export const IDENTITY_MAX_LENGTH = 128;

export type HandshakeRefusalReason =
  | 'missing-identity'
  | 'bad-identity'
  | 'subprotocol-missing'
  | 'unknown-identity'
  | 'auth-missing'
  | 'auth-malformed'
  | 'auth-username-mismatch'
  | 'auth-invalid'
  | 'security-profile-mismatch'
  | 'client-certificate-missing'
  | 'client-certificate-invalid'
  | 'client-certificate-identity-mismatch';

export class HandshakeRefusal extends Error {
  constructor(
    readonly reason: HandshakeRefusalReason,
    readonly httpStatus: number,
    readonly detail: string,
    readonly identity: string | null,
  ) {
    super(detail);
    this.name = 'HandshakeRefusal';
  }
}

export interface HandshakeDeps {
  /** What admitting the station needs of its record (read from memory once known: a connection storm reads no row). */
  findChargePoint(identity: string): ChargePointAdmission | undefined;
  /** Admit an unknown identity under the registration policy (creates its record). */
  admitUnknown(identity: string, status: 'Pending' | 'Accepted'): ChargePointAdmission;
  registrationPolicy(): RegistrationPolicy;
  passwordCache: VerifiedPasswordCache;
  /**
   * The security profile the station accepted through ChangeConfiguration(SecurityProfile) and has not yet
   * connected with (TC_083); the first connection at that profile raises the station's required profile.
   */
  pendingSecurityProfile?(chargePoint: ChargePointAdmission): number | undefined;
  raiseSecurityProfile?(identity: string, profile: number): void;
  /**
   * Whether a client certificate CN identifies the station besides its identity (the CN the operator allowed for
   * it when its CSR was signed: security/station-identity.ts). Asked only when the CN is not the identity.
   */
  certificateIdentifies?(identity: string, commonName: string): boolean;
}

export interface AcceptedHandshake {
  identity: string;
  chargePoint: ChargePointAdmission;
  /** The security profile this connection meets (0: plain, 1: Basic, 2: TLS + Basic, 3: TLS + client certificate). */
  securityProfile: number;
}

/**
 * The identity is the last path segment, percent-decoded, under any prefix (OCPP-J §3.1.1):
 * `ws://host:port/ocpp/CP-1`, `/steve/websocket/CentralSystemService/CP-1`, and `/CP-1` all name CP-1.
 */
export function identityFromUrl(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0]!;
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const last = segments.at(-1);
  if (last === undefined)
    throw new HandshakeRefusal('missing-identity', 404, `No charge point identity in path "${path}": use ws://host:port/ocpp/<identity>`, null);
  let identity: string;
  try {
    identity = decodeURIComponent(last);
  } catch {
    throw new HandshakeRefusal('bad-identity', 400, `Identity "${last}" is not valid percent-encoding`, null);
  }
  if (identity.length > IDENTITY_MAX_LENGTH || hasControlCharacter(identity)) {
    throw new HandshakeRefusal('bad-identity', 400, `Identity must be 1 to ${IDENTITY_MAX_LENGTH} printable characters`, null);
  }
  return identity;
}

export function offeredProtocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  if (!header) return [];
  return header
    .split(',')
    .map((protocol) => protocol.trim())
    .filter(Boolean);
}

/** Split an HTTP Basic header into username and password bytes. The password may hold any byte, ':' included. */
function parseBasicAuth(header: string | undefined): { username: string; password: Buffer } | null | 'malformed' {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1]!, 'base64');
  const colon = decoded.indexOf(0x3a);
  if (colon < 0) return 'malformed';
  return { username: decoded.subarray(0, colon).toString('utf8'), password: decoded.subarray(colon + 1) };
}

/**
 * The upgrade pipeline, each step refusing with a precise HTTP status and a stable reason that the connection
 * doctor shows (README "Connect a charger"): identity from the path → subprotocol → known station (or the
 * registration policy) → Basic auth for stations that have a password (security profile 1, checked before the
 * upgrade: white paper §2.3, A00.FR.204) → on the wss listener, the client certificate for profile 3 (§2.5).
 */
export function checkHandshake(
  request: IncomingMessage,
  deps: HandshakeDeps,
  options: { secure: boolean; clientCertificate?: ClientCertificate },
): AcceptedHandshake {
  const identity = identityFromUrl(request.url);

  // TC_088: without ocpp1.6 among the offered subprotocols, no upgrade at all.
  if (!offeredProtocols(request).includes(OCPP16_SUBPROTOCOL)) {
    const offered = request.headers['sec-websocket-protocol'];
    throw new HandshakeRefusal(
      'subprotocol-missing',
      400,
      offered ? `Subprotocol ${OCPP16_SUBPROTOCOL} not offered (offered: ${offered})` : `No subprotocol offered; ${OCPP16_SUBPROTOCOL} is required`,
      identity,
    );
  }

  let chargePoint = deps.findChargePoint(identity);
  if (!chargePoint) {
    const policy = deps.registrationPolicy();
    // OCPP-J §3.2 / errata 3.68: with JSON, an unknown charge point gets HTTP 404.
    if (policy === 'reject')
      throw new HandshakeRefusal('unknown-identity', 404, `Unknown charge point "${identity}" (registration policy: reject)`, identity);
    chargePoint = deps.admitUnknown(identity, policy === 'accept' ? 'Accepted' : 'Pending');
  }

  const secrets = parseAuthSecrets(chargePoint);
  const required = chargePoint.security_profile;
  const requiresPassword = required >= 1 && required <= 2;
  if (required >= 2 && !options.secure) {
    throw new HandshakeRefusal('security-profile-mismatch', 400, `Charge point is on security profile ${required}: connect with wss`, identity);
  }
  // Profile 3 (white paper §2.5): the client certificate identifies the station; no Basic auth. A station due to
  // move up to profile 3 (TC_083) may already show a valid certificate; otherwise it still uses its current profile.
  // Looked up only when it can matter, so plain connections cost no extra read (connection storms).
  const pending = () => Math.max(required, deps.pendingSecurityProfile?.(chargePoint) ?? required);
  const certificate = options.secure ? options.clientCertificate : undefined;
  if (required === 3) {
    const problem = clientCertificateProblem(certificate, identity, deps);
    if (problem) throw problem;
    return { identity, chargePoint, securityProfile: 3 };
  }
  if (certificate?.presented && pending() === 3 && !clientCertificateProblem(certificate, identity, deps)) {
    deps.raiseSecurityProfile?.(identity, 3);
    return { identity, chargePoint, securityProfile: 3 };
  }
  if (requiresPassword || secrets.length > 0) {
    const auth = parseBasicAuth(request.headers.authorization);
    if (auth === null) throw new HandshakeRefusal('auth-missing', 401, 'HTTP Basic authentication required', identity);
    if (auth === 'malformed') throw new HandshakeRefusal('auth-malformed', 401, 'Authorization header is not valid HTTP Basic', identity);
    if (auth.username !== identity)
      throw new HandshakeRefusal('auth-username-mismatch', 401, `Basic-auth username "${auth.username}" is not the identity`, identity);
    const digest = deps.passwordCache.key(identity, auth.password, secrets);
    if (!deps.passwordCache.has(identity, digest)) {
      if (!secrets.some((secret) => verifyPassword(auth.password, secret)))
        throw new HandshakeRefusal('auth-invalid', 401, 'Wrong password', identity);
      deps.passwordCache.remember(identity, digest);
    }
  }
  const presented = options.secure && (requiresPassword || secrets.length > 0) ? 2 : requiresPassword || secrets.length > 0 ? 1 : 0;
  // TC_083: once the station shows up at the profile it accepted, the lower one is refused from then on.
  if (presented > required && presented <= pending()) deps.raiseSecurityProfile?.(identity, presented);
  return { identity, chargePoint, securityProfile: presented };
}

/**
 * Profile 3: a certificate that chains to our CA and names the station (A00.FR.403–405: CN = the identity, or the CN
 * the operator allowed for this station); else why not (403).
 */
function clientCertificateProblem(
  certificate: ClientCertificate | undefined,
  identity: string,
  deps: Pick<HandshakeDeps, 'certificateIdentifies'>,
): HandshakeRefusal | null {
  if (!certificate?.presented)
    return new HandshakeRefusal('client-certificate-missing', 403, 'Security profile 3: a client certificate is required', identity);
  if (!certificate.authorized) {
    return new HandshakeRefusal(
      'client-certificate-invalid',
      403,
      `Client certificate not accepted: ${certificate.authorizationError ?? 'does not verify against the CA'}`,
      identity,
    );
  }
  const cn = certificate.commonName;
  if (cn !== identity && !(cn !== undefined && deps.certificateIdentifies?.(identity, cn))) {
    return new HandshakeRefusal(
      'client-certificate-identity-mismatch',
      403,
      `Client certificate CN "${certificate.commonName ?? ''}" is not the identity`,
      identity,
    );
  }
  return null;
}
