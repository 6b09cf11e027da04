/**
 * Why a charger could not connect, in plain words, with what to change: one entry per refusal reason the
 * central system records (main/csms/server/handshake.ts). OCPP-J 1.6 §3 (connection) and the security white
 * paper (profiles 1–3) are the rules behind them.
 */
export interface RefusalExplanation {
  title: string;
  why: string;
  fix: string;
}

export const REFUSAL_REASONS: Record<string, RefusalExplanation> = {
  'missing-identity': {
    title: 'No charge point id in the URL',
    why: 'The URL ends without an identity, so the central system cannot tell which charger this is.',
    fix: 'Set the charger’s central system URL to ws://<host>:<port>/ocpp/<chargePointId> (the id is the last path segment; some chargers append it themselves: then give the URL ending in /ocpp/).',
  },
  'bad-identity': {
    title: 'The charge point id is not valid',
    why: 'The last path segment is not valid percent-encoding, too long, or holds control characters.',
    fix: 'Use a plain id of printable characters (letters, digits, - and _ are safest) as the last path segment.',
  },
  'subprotocol-missing': {
    title: 'The ocpp1.6 subprotocol was not offered',
    why: 'OCPP-J requires the WebSocket handshake to offer the subprotocol “ocpp1.6” (Sec-WebSocket-Protocol); this one offered none or another version.',
    fix: 'Select OCPP 1.6 JSON (OCPP-J) in the charger’s settings; a charger speaking only 2.0.1 or SOAP cannot connect here.',
  },
  'unknown-identity': {
    title: 'Unknown charger (registration policy: reject)',
    why: 'No station with this id is registered and the policy refuses unknown ids (HTTP 404).',
    fix: 'Add the station on its page (or PUT /api/charge-points/<id>), or set the registration policy to “pending” or “accept” in Settings; check the id for typos.',
  },
  'auth-missing': {
    title: 'No password sent (security profile 1)',
    why: 'This station has a password, so its handshake must carry HTTP Basic authentication; it sent none.',
    fix: 'Enter the password in the charger (AuthorizationKey / Basic auth password), or remove the password on the station page if it should connect without one.',
  },
  'auth-malformed': {
    title: 'Broken Authorization header',
    why: 'The Authorization header is not valid HTTP Basic (Basic base64(<id>:<password>)).',
    fix: 'Check the charger’s firmware/auth settings; re-enter the password.',
  },
  'auth-username-mismatch': {
    title: 'Basic-auth username is not the charge point id',
    why: 'The security white paper requires the Basic-auth username to be the charge point id.',
    fix: 'Set the charger’s username to exactly its id, or give the station the id it uses as username.',
  },
  'auth-invalid': {
    title: 'Wrong password',
    why: 'The password sent does not match the one stored for this station.',
    fix: 'Set the same password on the station page and in the charger (after a ChangeConfiguration of AuthorizationKey the new key is in force).',
  },
  'security-profile-mismatch': {
    title: 'Plain ws on a TLS security profile',
    why: 'This station is on security profile 2 or 3, which run over TLS only.',
    fix: 'Give the charger the wss:// URL and the CA certificate, or lower the station’s security profile on its page.',
  },
  'client-certificate-missing': {
    title: 'No client certificate (security profile 3)',
    why: 'Profile 3 identifies the charger by its TLS client certificate; none was presented.',
    fix: 'Install a client certificate in the charger (SignCertificate / CertificateSigned) or use profile 2.',
  },
  'client-certificate-invalid': {
    title: 'Client certificate not trusted',
    why: 'The charger’s certificate does not verify against the central system’s CA (expired, other CA, broken chain).',
    fix: 'Have the certificate signed by this central system’s CA (or the operator CA given with --tls-ca).',
  },
  'client-certificate-identity-mismatch': {
    title: 'Certificate names another charger',
    why: 'The client certificate’s common name is not this charge point id.',
    fix: 'Issue a certificate whose CN is the charge point id.',
  },
};

export function explainRefusal(reason: string): RefusalExplanation {
  return REFUSAL_REASONS[reason] ?? { title: reason, why: 'Refused by the central system.', fix: 'See the detail and the central system log.' };
}
