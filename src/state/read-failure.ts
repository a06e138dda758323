/**
 * What a failed read means for the keys around it. Most failures concern one key (not found, access to
 * that key denied, a server error); some concern every key of the (account, region) the call went to:
 * credentials refused or not obtainable (a role that cannot be assumed), no route to the endpoint. Those
 * fail that location's keys without another call each, and never another location's.
 */
import { KmsApiError, KmsConfigError, KmsTransportError } from '../kms/errors.js';
import { isNotFoundAnswer } from '../kms/wire/error-codes.js';

export type FailureScope = 'key' | 'location';

export interface ReadFailure {
  scope: FailureScope;
  /** `not-found` only for a key or alias the service says does not exist. */
  status: 'not-found' | 'failed';
  code: string;
  message: string;
  requestId: string | undefined;
}

/** The service's answers that concern the caller's credentials, not the key asked about. */
const CREDENTIAL_CODES = /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|IllegalTimestamp|InvalidSecurityToken)/;
/** STS actions: a failure there (AssumeRole refused, ...) means the account's credentials cannot be had. */
const CREDENTIAL_ACTIONS = /^(AssumeRole|GetCallerIdentity)/;
/** Not-found answers about the key or alias itself; a version's not-found is the pin check's business. */
const KEY_NOT_FOUND_CODES = new Set(['Forbidden.KeyNotFound', 'Forbidden.AliasNotFound']);

/**
 * Classifies an error raised by a KeyApi call. Anything that is not a KMS client error is a bug and is
 * raised again (undefined is never returned for it).
 */
export function classifyReadFailure(error: unknown): ReadFailure {
  if (error instanceof KmsConfigError) {
    return { scope: 'location', status: 'failed', code: error.code, message: error.message, requestId: requestIdOf(error) };
  }
  if (error instanceof KmsApiError) {
    const scope: FailureScope = CREDENTIAL_CODES.test(error.code) || CREDENTIAL_ACTIONS.test(error.action) ? 'location' : 'key';
    const notFound = scope === 'key' && (KEY_NOT_FOUND_CODES.has(error.code) || (isNotFoundAnswer(error) && error.action === 'DescribeKey'));
    return { scope, status: notFound ? 'not-found' : 'failed', code: error.code, message: error.serviceMessage, requestId: error.requestId || undefined };
  }
  if (error instanceof KmsTransportError) {
    const scope: FailureScope = error.kind === 'connect' || error.kind === 'deadline' ? 'location' : 'key';
    return { scope, status: 'failed', code: `transport.${error.kind}`, message: error.message, requestId: undefined };
  }
  throw error;
}

/** A request ID some credential errors carry (an STS answer wrapped by the client), else undefined. */
function requestIdOf(error: object): string | undefined {
  const value = (error as { requestId?: unknown }).requestId;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
