/**
 * The emulator's service errors: what a handler throws to answer with the service's error body.
 * The HTTP status comes from the shared ERROR_STATUS table unless a transport problem needs another
 * (405 for a wrong method, 413 for an oversized body), so clients classify errors exactly as they
 * would against the real service.
 */
import { ERROR_STATUS, STATE_REJECTION_CODES, type ErrorCode } from '../kms/wire/error-codes.js';
import type { KeyState } from '../kms/wire/enums.js';

export class KmsServiceError extends Error {
  override readonly name = 'KmsServiceError';
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message: string, status?: number) {
    super(message);
    this.code = code;
    this.status = status ?? ERROR_STATUS[code];
  }
}

export function missingParameter(name: string): KmsServiceError {
  return new KmsServiceError('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
}

export function invalidParameter(name: string, value: string, why: string): KmsServiceError {
  return new KmsServiceError('InvalidParameter', `The specified parameter "${name}" is not valid: ${JSON.stringify(value)} ${why}.`);
}

/** The rejection for a key that is not Enabled, by the state it is in. */
export function stateRejection(keyId: string, state: Exclude<KeyState, 'Enabled'>): KmsServiceError {
  return new KmsServiceError(STATE_REJECTION_CODES[state], `The key ${keyId} is in the ${state} state; this operation needs an Enabled key.`);
}
