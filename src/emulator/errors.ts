/**
 * The emulator's service errors: what a handler throws to answer with the service's error body.
 * The HTTP status comes from the shared ERROR_STATUS table unless a transport problem needs another
 * (405 for a wrong method, 413 for an oversized body), so clients classify errors exactly as they
 * would against the real service. Which body an error gets (KMS's or the API gateway's) is decided in
 * error-forms.ts.
 */
import { ERROR_STATUS, STATE_REJECTION_CODES, type ErrorCode } from '../kms/wire/error-codes.js';
import type { KeyState } from '../kms/wire/enums.js';

/** KMS's own error body (`<KMS>`), or the API gateway's (`<Error>`): see error-forms.ts. */
export type ErrorForm = 'kms' | 'gateway';

export class KmsServiceError extends Error {
  override readonly name = 'KmsServiceError';
  readonly code: ErrorCode;
  readonly status: number;
  /** Set when the thrower knows who answers; otherwise decided by where the error arose. */
  readonly form: ErrorForm | undefined;
  constructor(code: ErrorCode, message: string, status?: number, form?: ErrorForm) {
    super(message);
    this.code = code;
    this.status = status ?? ERROR_STATUS[code];
    this.form = form;
  }
}

export function missingParameter(name: string): KmsServiceError {
  return new KmsServiceError('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
}

export function invalidParameter(name: string, value: string, why: string): KmsServiceError {
  return new KmsServiceError('InvalidParameter', `The specified parameter "${name}" is not valid: ${quoted(value)} ${why}.`);
}

/** Longest piece of a caller's value an error message quotes: enough to recognise it, never a megabyte. */
export const MAX_QUOTED_LENGTH = 120;

/**
 * A caller's value as an error message quotes it: as JSON, cut after MAX_QUOTED_LENGTH characters.
 * Control characters are escaped where every error body is built (error-forms.ts), not here.
 */
export function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
}

/** The rejection for a key that is not Enabled, by the state it is in (409 each). */
export function stateRejection(keyId: string, state: Exclude<KeyState, 'Enabled'>): KmsServiceError {
  return new KmsServiceError(STATE_REJECTION_CODES[state], `The key ${keyId} is in the ${state} state; this operation needs an Enabled key.`);
}

/**
 * A change of state the key's state forbids (EnableKey on a key pending deletion, ScheduleKeyDeletion
 * twice, CancelKeyDeletion on a key not pending deletion, ...): 409 `Rejected.StateModifiedFailed`.
 */
export function stateModifiedFailed(keyId: string, state: KeyState, change: string): KmsServiceError {
  return new KmsServiceError('Rejected.StateModifiedFailed', `The key ${keyId} is ${state}; ${change} is not allowed in that state.`);
}
