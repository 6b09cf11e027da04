import type { ValidationIssue } from '../../../shared/ocpp/validator.js';

/** Stable error codes of CSMS-initiated calls, shared by the operator API (HTTP status) and the console. */
export class CallFailure extends Error {
  constructor(
    readonly code:
      | 'CSMS_ERR_NOT_CONNECTED'
      | 'CSMS_ERR_CALL_TIMEOUT'
      | 'CSMS_ERR_DISCONNECTED'
      | 'CSMS_ERR_INVALID_PAYLOAD'
      | 'CSMS_ERR_UNKNOWN_ACTION'
      | 'CSMS_ERR_NOT_ALLOWED',
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'CallFailure';
  }
}
